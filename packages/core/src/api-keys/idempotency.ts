import { createHash } from "node:crypto";
import { and, eq, lte, sql } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import { apiIdempotencyKeys } from "@cannasaas/db/schema";
import { canonicalJson } from "../audit/canonical";

/** How long a key's response is replayed; a POS retrying after a day is making a new request. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60_000;
/** Printable ASCII, as the IETF draft and the payment APIs that use the header recommend. */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

export type IdempotentRequest = {
  apiKeyId: string;
  organizationId: string;
  key: string;
  method: string;
  path: string;
  body: unknown;
  now: Date;
};

export type IdempotencyClaim =
  { kind: "new" } | { kind: "replay"; status: number; response: unknown } | { kind: "mismatch" };

export const requestFingerprint = (r: Pick<IdempotentRequest, "method" | "path" | "body">) =>
  createHash("sha256")
    .update(`${r.method} ${r.path}\n${canonicalJson(r.body ?? null)}`)
    .digest("hex");

/**
 * Claims the key inside the caller's transaction, before the write. A concurrent request with the same key
 * waits on the row until the first commits (then replays its response) or rolls back (then claims it itself),
 * so one key can never apply a write twice. An expired row is taken over.
 */
export async function claimIdempotencyKey(tx: DbOrTx, r: IdempotentRequest): Promise<IdempotencyClaim> {
  const requestHash = requestFingerprint(r);
  const fresh = {
    organizationId: r.organizationId,
    requestHash,
    status: 0,
    response: sql`'null'::jsonb`,
    createdAt: r.now,
    expiresAt: new Date(r.now.getTime() + IDEMPOTENCY_TTL_MS),
  };
  const [claimed] = await tx
    .insert(apiIdempotencyKeys)
    .values({ apiKeyId: r.apiKeyId, key: r.key, ...fresh })
    .onConflictDoUpdate({
      target: [apiIdempotencyKeys.apiKeyId, apiIdempotencyKeys.key],
      set: fresh,
      setWhere: lte(apiIdempotencyKeys.expiresAt, r.now),
    })
    .returning({ key: apiIdempotencyKeys.key });
  if (claimed) return { kind: "new" };
  const [existing] = await tx
    .select()
    .from(apiIdempotencyKeys)
    .where(and(eq(apiIdempotencyKeys.apiKeyId, r.apiKeyId), eq(apiIdempotencyKeys.key, r.key)));
  if (!existing || existing.requestHash !== requestHash) return { kind: "mismatch" };
  return { kind: "replay", status: existing.status, response: existing.response };
}

/** Stores what the claimed request committed, in the same transaction as the write itself. */
export async function saveIdempotentResponse(
  tx: DbOrTx,
  r: Pick<IdempotentRequest, "apiKeyId" | "key">,
  status: number,
  response: unknown,
) {
  await tx
    .update(apiIdempotencyKeys)
    .set({ status, response })
    .where(and(eq(apiIdempotencyKeys.apiKeyId, r.apiKeyId), eq(apiIdempotencyKeys.key, r.key)));
}
