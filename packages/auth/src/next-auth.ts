import { DrizzleAdapter } from "@auth/drizzle-adapter";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import type { EmailConfig } from "next-auth/providers";
import Credentials from "next-auth/providers/credentials";
import { eq } from "drizzle-orm";
import { accounts, sessions, users, verificationTokens } from "@cannasaas/db/schema";
import { enqueueEmail, parseHost, resolvePublicTenant, type Tenant } from "@cannasaas/core";
import { signInSchema } from "@cannasaas/validators";
import type { AuthDeps } from "./deps";
import { magicLinkEmail } from "./emails";
import { resendVerification } from "./accounts";
import { authenticateWithPassword, SignInError } from "./sign-in";

class PasswordSignInError extends CredentialsSignin {
  constructor(code: string) {
    super();
    this.code = code;
  }
}

export type NextAuthOptions = {
  getDeps: () => Promise<AuthDeps>;
  rootDomain: string;
  /** Delivers outbox rows right after commit (the cron drain catches anything this misses). */
  deliverOutbox: (ids: string[]) => void;
};

export function clientIp(request: Request | undefined): string {
  const forwarded = request?.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || request?.headers.get("x-real-ip") || "unknown";
}

async function tenantOf(
  deps: AuthDeps,
  request: Request | undefined,
  rootDomain: string,
): Promise<Tenant | null> {
  const parsed = parseHost(request?.headers.get("host"), rootDomain);
  if (parsed.kind === "tenant") return resolvePublicTenant(deps, parsed.slug);
  if (parsed.kind === "custom-domain") return resolvePublicTenant(deps, parsed.domain);
  return null;
}

export function createNextAuth(options: NextAuthOptions) {
  return NextAuth(async (): Promise<NextAuthConfig> => {
    const deps = await options.getDeps();

    const magicLink: EmailConfig = {
      id: "email",
      type: "email",
      name: "Email link",
      maxAge: 24 * 60 * 60,
      async sendVerificationRequest({ identifier, url, request }) {
        const tenant = await tenantOf(deps, request, options.rootDomain);
        const id = await enqueueEmail(deps.db, {
          organizationId: tenant?.id ?? null,
          topic: "auth.magic_link",
          ...magicLinkEmail({ to: identifier, storeName: tenant?.name ?? "CannaSaaS", url }),
        });
        options.deliverOutbox([id]);
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
                  baseUrl: request ? new URL(request.url).origin : "",
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
        async jwt({ token, user }) {
          if (user?.id) token.sub = user.id;
          return token;
        },
        async session({ session, token }) {
          if (token.sub) session.user.id = token.sub;
          return session;
        },
      },
    };
  });
}
