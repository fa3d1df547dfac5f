import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import { userTokens } from "@cannasaas/db/schema";
import { DomainError } from "@cannasaas/core";

export type UserTokenKind = "verify_email" | "reset_password";

export const TOKEN_TTL_MS: Record<UserTokenKind, number> = {
  verify_email: 24 * 60 * 60_000,
  reset_password: 60 * 60_000,
};

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

/** Creates a single-use token and returns the raw value for the link; only its hash is stored. */
export async function issueUserToken(
  db: DbOrTx,
  input: { userId: string; kind: UserTokenKind; organizationId: string | null; now: Date },
): Promise<string> {
  const raw = randomBytes(32).toString("base64url");
  await db.insert(userTokens).values({
    userId: input.userId,
    kind: input.kind,
    organizationId: input.organizationId,
    tokenHash: sha256(raw),
    expiresAt: new Date(input.now.getTime() + TOKEN_TTL_MS[input.kind]),
  });
  return raw;
}

const MESSAGES: Record<UserTokenKind, { unknown: string; used: string; expired: string }> = {
  verify_email: {
    unknown: "This verification link is not valid. Request a new one from the sign-in page.",
    used: "This verification link has already been used. You can sign in.",
    expired: "This verification link has expired. Request a new one from the sign-in page.",
  },
  reset_password: {
    unknown: "This password reset link is not valid. Request a new one.",
    used: "This password reset link has already been used. Request a new one if you still need it.",
    expired: "This password reset link has expired (links last one hour). Request a new one.",
  },
};

/**
 * Marks a token used and returns whom it belongs to. The conditional update makes it single-use even when the
 * same link is opened twice at once; on failure the stored row tells us which message to give.
 */
export async function consumeUserToken(db: DbOrTx, raw: string, kind: UserTokenKind, now: Date) {
  const tokenHash = sha256(raw);
  const [row] = await db
    .update(userTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(userTokens.tokenHash, tokenHash),
        eq(userTokens.kind, kind),
        isNull(userTokens.usedAt),
        gt(userTokens.expiresAt, now),
      ),
    )
    .returning();
  if (row) return { userId: row.userId, organizationId: row.organizationId };
  const [existing] = await db
    .select({ usedAt: userTokens.usedAt })
    .from(userTokens)
    .where(and(eq(userTokens.tokenHash, tokenHash), eq(userTokens.kind, kind)))
    .limit(1);
  if (existing?.usedAt) throw new DomainError("BAD_REQUEST", MESSAGES[kind].used, { reason: "used" });
  if (existing) throw new DomainError("BAD_REQUEST", MESSAGES[kind].expired, { reason: "expired" });
  throw new DomainError("BAD_REQUEST", MESSAGES[kind].unknown, { reason: "unknown" });
}
