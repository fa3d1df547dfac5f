import { and, eq, isNull } from "drizzle-orm";
import { customers, userTokens, users } from "@cannasaas/db/schema";
import {
  bumpSessionVersion,
  DomainError,
  enqueueEmail,
  forgetSessionVersion,
  sealPersonal,
  type Tenant,
} from "@cannasaas/core";
import { shopperSignUpSchema } from "@cannasaas/validators";
import type { z } from "zod";
import { ageOn, calendarDay } from "./age";
import type { AuthDeps } from "./deps";
import { accountExistsEmail, verificationEmail, resetEmail } from "./emails";
import { hashPassword } from "./password";
import { consumeUserToken, issueUserToken } from "./tokens";

export type ShopperSignUp = z.input<typeof shopperSignUpSchema>;

/** Adult-use needs 21; a dispensary with a medical program may register 18-20 year olds (card checked at checkout). */
export function minimumSignUpAge(tenant: Pick<Tenant, "medicalEnabled">): number {
  return tenant.medicalEnabled ? 18 : 21;
}

/**
 * Registers a shopper of one dispensary: user, customer row, verification token and email, all in one
 * transaction so a failure leaves nothing behind. Returns the outbox ids to deliver after commit. An email that
 * already has an account gets a "you already have an account" email instead and nothing else is written
 * (`userId` null), so the caller answers exactly as for a new account and the form reveals no accounts.
 */
export async function registerShopper(
  deps: AuthDeps,
  tenant: Tenant,
  input: ShopperSignUp,
  links: { baseUrl: string },
) {
  const data = shopperSignUpSchema.parse(input);
  const now = deps.clock();
  const age = ageOn(data.dateOfBirth, calendarDay(now, tenant.timeZone));
  const minimum = minimumSignUpAge(tenant);
  if (age < 0 || age > 120) throw new DomainError("BAD_REQUEST", "That date of birth is not plausible.");
  if (age < minimum) {
    throw new DomainError(
      "FORBIDDEN",
      `You must be ${minimum} or older to create an account at ${tenant.name}.`,
      { field: "dateOfBirth" },
    );
  }
  const passwordHash = await hashPassword(data.password);
  return deps.db.transaction(async (tx) => {
    // A simultaneous sign-up with the same email loses on the unique index and is answered like any other
    // existing account.
    const [user] = await tx
      .insert(users)
      .values({
        email: data.email,
        name: data.name,
        passwordHash,
        dateOfBirth: sealPersonal(data.dateOfBirth),
      })
      .onConflictDoNothing({ target: users.email })
      .returning({ id: users.id });
    if (!user) {
      const outboxId = await enqueueEmail(tx, {
        organizationId: tenant.id,
        topic: "auth.account_exists",
        ...accountExistsEmail({
          to: data.email,
          storeName: tenant.name,
          signInUrl: `${links.baseUrl}/sign-in`,
          resetUrl: `${links.baseUrl}/forgot-password`,
        }),
      });
      return { userId: null, outboxIds: [outboxId] };
    }
    await tx.insert(customers).values({
      organizationId: tenant.id,
      userId: user.id,
      marketingEmailConsent: data.marketingEmailConsent,
    });
    const token = await issueUserToken(tx, {
      userId: user.id,
      kind: "verify_email",
      organizationId: tenant.id,
      now,
    });
    const outboxId = await enqueueEmail(tx, {
      organizationId: tenant.id,
      topic: "auth.verify_email",
      ...verificationEmail({
        to: data.email,
        storeName: tenant.name,
        url: `${links.baseUrl}/verify-email?token=${token}`,
      }),
    });
    return { userId: user.id, outboxIds: [outboxId] };
  });
}

export async function verifyEmail(deps: Pick<AuthDeps, "db" | "clock">, rawToken: string) {
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const { userId } = await consumeUserToken(tx, rawToken, "verify_email", now);
    await tx
      .update(users)
      .set({ emailVerified: now })
      .where(and(eq(users.id, userId), isNull(users.emailVerified)));
    return { userId };
  });
}

/** Sends a fresh verification link if the account exists and is unverified; silent otherwise. */
export async function resendVerification(
  deps: AuthDeps,
  input: { email: string; organizationId: string | null; storeName: string; baseUrl: string },
) {
  return deps.db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.email, input.email)).limit(1);
    if (!user || user.emailVerified) return { outboxIds: [] as string[] };
    const token = await issueUserToken(tx, {
      userId: user.id,
      kind: "verify_email",
      organizationId: input.organizationId,
      now: deps.clock(),
    });
    const id = await enqueueEmail(tx, {
      organizationId: input.organizationId,
      topic: "auth.verify_email",
      ...verificationEmail({
        to: user.email,
        storeName: input.storeName,
        url: `${input.baseUrl}/verify-email?token=${token}`,
      }),
    });
    return { outboxIds: [id] };
  });
}

/** Always answers the same way so the form cannot be used to find out which emails have accounts. */
export async function requestPasswordReset(
  deps: AuthDeps,
  input: {
    email: string;
    organizationId: string | null;
    storeName: string;
    resetPath: string;
    baseUrl: string;
  },
) {
  return deps.db.transaction(async (tx) => {
    const [user] = await tx
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(eq(users.email, input.email))
      .limit(1);
    if (!user) return { outboxIds: [] as string[] };
    const token = await issueUserToken(tx, {
      userId: user.id,
      kind: "reset_password",
      organizationId: input.organizationId,
      now: deps.clock(),
    });
    const id = await enqueueEmail(tx, {
      organizationId: input.organizationId,
      topic: "auth.reset_password",
      ...resetEmail({
        to: user.email,
        storeName: input.storeName,
        url: `${input.baseUrl}${input.resetPath}?token=${token}`,
      }),
    });
    return { outboxIds: [id] };
  });
}

/**
 * Sets a new password; every other outstanding reset link for the account stops working, and every session
 * signed in before the reset ends (whoever held the old password may hold one of them).
 */
export async function resetPassword(
  deps: Pick<AuthDeps, "db" | "clock" | "kv" | "log">,
  input: { token: string; password: string },
) {
  const passwordHash = await hashPassword(input.password);
  const now = deps.clock();
  const result = await deps.db.transaction(async (tx) => {
    const { userId } = await consumeUserToken(tx, input.token, "reset_password", now);
    // Following the emailed link proves the address, so it counts as verified too.
    await tx.update(users).set({ passwordHash }).where(eq(users.id, userId));
    await tx
      .update(users)
      .set({ emailVerified: now })
      .where(and(eq(users.id, userId), isNull(users.emailVerified)));
    await tx
      .update(userTokens)
      .set({ usedAt: now })
      .where(
        and(eq(userTokens.userId, userId), eq(userTokens.kind, "reset_password"), isNull(userTokens.usedAt)),
      );
    await bumpSessionVersion(tx, userId);
    return { userId };
  });
  await forgetSessionVersion(deps, result.userId);
  return result;
}
