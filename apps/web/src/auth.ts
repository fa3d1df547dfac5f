import { cookies } from "next/headers";
import { mayHaveSession } from "@cannasaas/auth";
import { createNextAuth } from "@cannasaas/auth/next-auth";
import { env } from "./env";
import { getDeps } from "./server/deps";
import { deliverOutbox } from "./server/outbox";

const nextAuth = createNextAuth({
  getDeps,
  rootDomain: env().ROOT_DOMAIN,
  publicScheme: env().PUBLIC_SCHEME,
  deliverOutbox,
});

export const { handlers, signIn, signOut } = nextAuth;

/**
 * The request's session, or null. A guest (most storefront views) has no session cookie, and Auth.js would
 * still build a request and run its session action only to answer null: that is skipped.
 */
export async function auth() {
  const jar = await cookies();
  if (!mayHaveSession(jar.getAll().map((c) => c.name))) return null;
  return nextAuth.auth();
}
