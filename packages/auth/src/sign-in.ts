import { and, eq } from "drizzle-orm";
import { customers, users } from "@cannasaas/db/schema";
import type { AuthDeps } from "./deps";
import { verifyPassword } from "./password";

export const SIGN_IN_LIMIT = 5;
export const SIGN_IN_WINDOW_SECONDS = 15 * 60;

export type SignInFailure = "invalid_credentials" | "email_not_verified" | "rate_limited";

export class SignInError extends Error {
  constructor(
    readonly reason: SignInFailure,
    message: string,
  ) {
    super(message);
    this.name = "SignInError";
  }
}

export const signInMessages: Record<SignInFailure, string> = {
  invalid_credentials: "That email and password do not match. Check them and try again.",
  email_not_verified: "Confirm your email first: we have sent you a new link.",
  rate_limited: "Too many sign-in attempts. Wait 15 minutes and try again, or reset your password.",
};

/**
 * Five attempts per 15 minutes, counted separately per email and per client IP. With no known address (no trusted
 * proxy configured) only the per-email limit applies: one shared "unknown" bucket would let a single attacker
 * lock every user out of signing in.
 */
export async function checkSignInRateLimit(kv: AuthDeps["kv"], email: string, ip: string | null) {
  const results = await Promise.all([
    kv.rateLimit(`rl:signin:email:${email}`, SIGN_IN_LIMIT, SIGN_IN_WINDOW_SECONDS),
    ...(ip ? [kv.rateLimit(`rl:signin:ip:${ip}`, SIGN_IN_LIMIT, SIGN_IN_WINDOW_SECONDS)] : []),
  ]);
  const blocked = results.find((r) => !r.allowed);
  return blocked ? { allowed: false as const, resetAt: blocked.resetAt } : { allowed: true as const };
}

/** Checks an email and password, after the per-email and per-IP limits. */
export async function authenticateWithPassword(
  deps: AuthDeps,
  input: { email: string; password: string; ip: string | null },
) {
  const limit = await checkSignInRateLimit(deps.kv, input.email, input.ip);
  if (!limit.allowed) throw new SignInError("rate_limited", signInMessages.rate_limited);

  const [user] = await deps.db.select().from(users).where(eq(users.email, input.email)).limit(1);
  const ok = await verifyPassword(user?.passwordHash, input.password);
  if (!user || !ok) throw new SignInError("invalid_credentials", signInMessages.invalid_credentials);
  if (!user.emailVerified) throw new SignInError("email_not_verified", signInMessages.email_not_verified);

  await deps.kv.resetRateLimit(`rl:signin:email:${input.email}`);
  return { id: user.id, email: user.email, name: user.name };
}

/**
 * One account works at every dispensary; each keeps its own customer record, created on first use. Returns
 * null when the user no longer exists or was erased (a session outliving a deleted account).
 */
export async function ensureCustomer(deps: Pick<AuthDeps, "db">, organizationId: string, userId: string) {
  const find = () =>
    deps.db
      .select({ id: customers.id })
      .from(customers)
      .where(and(eq(customers.organizationId, organizationId), eq(customers.userId, userId)))
      .then((rows) => rows[0]?.id ?? null);
  const existing = await find();
  if (existing) return existing;
  const [user] = await deps.db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  // An erased account (see core/customers/erase.ts) keeps its row for order history but can never shop again.
  if (!user || /^erased-.*@invalid$/.test(user.email)) return null;
  await deps.db.insert(customers).values({ organizationId, userId }).onConflictDoNothing();
  return find();
}
