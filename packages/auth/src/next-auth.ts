import { DrizzleAdapter } from "@auth/drizzle-adapter";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import type { EmailConfig } from "next-auth/providers";
import Credentials from "next-auth/providers/credentials";
import { eq } from "drizzle-orm";
import { accounts, sessions, users, verificationTokens } from "@cannasaas/db/schema";
import { platformUrl, publicOrigin, type PublicScheme } from "@cannasaas/core";
import { signInSchema } from "@cannasaas/validators";
import type { AuthDeps } from "./deps";
import { sendMagicLink, tenantOf } from "./magic-link";
import { resendVerification } from "./accounts";
import { authenticateWithPassword, SignInError } from "./sign-in";
import { clientIp } from "./client-ip";
import { sessionTokenCallbacks } from "./session-token";

class PasswordSignInError extends CredentialsSignin {
  constructor(code: string) {
    super();
    this.code = code;
  }
}

export type NextAuthOptions = {
  getDeps: () => Promise<AuthDeps>;
  rootDomain: string;
  /** `PUBLIC_SCHEME`; unset means https except on local development domains. */
  publicScheme?: PublicScheme;
  /** Delivers outbox rows right after commit (the cron drain catches anything this misses). */
  deliverOutbox: (ids: string[]) => void;
};

export function createNextAuth(options: NextAuthOptions) {
  return NextAuth(async (): Promise<NextAuthConfig> => {
    const deps = await options.getDeps();
    const tokens = sessionTokenCallbacks(deps);

    const magicLink: EmailConfig = {
      id: "email",
      type: "email",
      name: "Email link",
      maxAge: 24 * 60 * 60,
      async sendVerificationRequest({ identifier, url, request }) {
        await sendMagicLink(deps, options, { identifier, url, request });
      },
    };

    return {
      adapter: DrizzleAdapter(deps.db, {
        usersTable: users,
        accountsTable: accounts,
        sessionsTable: sessions,
        verificationTokensTable: verificationTokens,
      }),
      // Credentials sign-in requires JWT sessions; cookies are per host, so a storefront session never leaks
      // to another dispensary's subdomain or to the dashboard.
      session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
      trustHost: true,
      // From configuration, not from the request: Auth.js would otherwise decide per request from the URL (and,
      // for `auth()` in pages, from X-Forwarded-Proto), so a deployment behind a TLS-terminating proxy could
      // set session cookies without `Secure`, or look for them under the other name.
      useSecureCookies: platformUrl(options.rootDomain, options.publicScheme).startsWith("https:"),
      pages: { signIn: "/sign-in", error: "/sign-in", verifyRequest: "/sign-in/check-email" },
      logger: {
        error: (error) => {
          const type = "type" in error ? String(error.type) : error.name;
          // A refused sign-in is an expected outcome (wrong password, rate limit), not a fault.
          if (type === "CredentialsSignin") {
            const code = "code" in error ? String(error.code) : undefined;
            deps.log?.info({ type, code }, "sign-in refused");
          } else {
            deps.log?.error({ type, err: error.message }, "auth error");
          }
        },
        warn: (code) => deps.log?.warn({ code }, "auth warning"),
      },
      providers: [
        Credentials({
          credentials: { email: {}, password: {} },
          async authorize(raw, request) {
            const parsed = signInSchema.safeParse(raw);
            if (!parsed.success) throw new PasswordSignInError("invalid_input");
            const tenant = await tenantOf(deps, request, options.rootDomain);
            try {
              return await authenticateWithPassword(deps, { ...parsed.data, ip: clientIp(request) });
            } catch (error) {
              if (!(error instanceof SignInError)) throw error;
              if (error.reason === "email_not_verified") {
                const { outboxIds } = await resendVerification(deps, {
                  email: parsed.data.email,
                  organizationId: tenant?.id ?? null,
                  storeName: tenant?.name ?? "CannaSaaS",
                  baseUrl: publicOrigin(tenant, options.rootDomain, options.publicScheme),
                });
                options.deliverOutbox(outboxIds);
              }
              throw new PasswordSignInError(error.reason);
            }
          },
        }),
        magicLink,
      ],
      callbacks: {
        async signIn({ user, account }) {
          if (account?.provider !== "email") return true;
          // Magic links sign in existing accounts only: new shoppers must sign up with a date of birth.
          const [existing] = await deps.db
            .select({ id: users.id })
            .from(users)
            .where(eq(users.email, (user.email ?? "").toLowerCase()))
            .limit(1);
          return Boolean(existing);
        },
        jwt: ({ token, user }) => tokens.jwt({ token, user }),
        session: ({ session, token }) => tokens.session({ session, token }),
      },
    };
  });
}
