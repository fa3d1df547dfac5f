import type { JWT } from "next-auth/jwt";
import { currentSessionVersion, sessionVersionCurrent } from "@cannasaas/core";
import type { AuthDeps } from "./deps";

/**
 * The JWT and session callbacks. A token records the user's session version at sign-in; every later read
 * (each `auth()` call, so every tRPC request and dashboard page) checks it against the user's current version,
 * and a token from before a password reset, a role change, a removal from a team or "Sign out everywhere" is
 * refused: Auth.js then treats the request as signed out and clears the cookie.
 */
export function sessionTokenCallbacks(deps: Pick<AuthDeps, "db" | "kv" | "log">) {
  return {
    async jwt({ token, user }: { token: JWT; user?: { id?: string | null } | null }): Promise<JWT | null> {
      if (user?.id) {
        // Read past the cache: a version raised a moment ago must not be recorded as the old one.
        const version = await currentSessionVersion(deps, user.id, { fresh: true });
        if (version === null) return null;
        return { ...token, sub: user.id, sv: version };
      }
      if (!token.sub) return token;
      const current = await currentSessionVersion(deps, token.sub);
      return sessionVersionCurrent(token.sv, current) ? token : null;
    },
    session<S extends { user: { id: string } }>({ session, token }: { session: S; token: JWT }): S {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  };
}
