import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { and, desc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import { apiKeys, users } from "@cannasaas/db/schema";
import type { CoreDeps } from "../deps";
import { DomainError } from "../errors";
import { assertFeature } from "../plans/features";
import { isApiScope, type ApiScope } from "./scopes";

export const API_KEY_PREFIX = "cs_live_";
/** `cs_live_<8 hex>_<43 base64url>`: the visible prefix, then 32 random bytes. */
const KEY_PATTERN = /^(cs_live_[0-9a-f]{8})_([A-Za-z0-9_-]{43})$/;

export const hashApiKey = (key: string) => createHash("sha256").update(key, "utf8").digest("hex");

export type CreateApiKeyInput = {
  name: string;
  scopes: ApiScope[];
  expiresAt?: Date | null;
  rateLimit?: number | null;
  createdBy: string | null;
};

/** Creates a key and returns it whole (`secret`) exactly once; only its hash and prefix are stored. */
export async function createApiKey(deps: CoreDeps, organizationId: string, input: CreateApiKeyInput) {
  await assertFeature(deps, organizationId, "api_access");
  const scopes = [...new Set(input.scopes)].sort();
  if (!scopes.length || !scopes.every(isApiScope))
    throw new DomainError("BAD_REQUEST", "Choose at least one permission for the key.");
  if (input.expiresAt && input.expiresAt.getTime() <= deps.clock().getTime())
    throw new DomainError("BAD_REQUEST", "The expiry date must be in the future.");
  const prefix = `${API_KEY_PREFIX}${randomBytes(4).toString("hex")}`;
  const key = `${prefix}_${randomBytes(32).toString("base64url")}`;
  const [row] = await deps.db
    .insert(apiKeys)
    .values({
      organizationId,
      name: input.name.trim(),
      prefix,
      secretHash: hashApiKey(key),
      scopes,
      expiresAt: input.expiresAt ?? null,
      rateLimit: input.rateLimit ?? null,
      createdBy: input.createdBy,
    })
    .returning();
  // `secret` is redacted by the audit trail, which records what mutations return.
  return { secret: key, created: publicKey(row!) };
}

type KeyRow = typeof apiKeys.$inferSelect;

/** A key as the dashboard shows it: never the hash. */
export function publicKey(row: KeyRow) {
  const { secretHash: _hash, ...rest } = row;
  return { ...rest, scopes: rest.scopes.filter(isApiScope) };
}

export async function listApiKeys(db: DbOrTx, organizationId: string) {
  const rows = await db
    .select({ key: apiKeys, createdByName: users.name })
    .from(apiKeys)
    .leftJoin(users, eq(users.id, apiKeys.createdBy))
    .where(eq(apiKeys.organizationId, organizationId))
    .orderBy(desc(apiKeys.createdAt));
  return rows.map((r) => ({ ...publicKey(r.key), createdByName: r.createdByName }));
}

export async function revokeApiKey(
  deps: Pick<CoreDeps, "db" | "clock">,
  organizationId: string,
  keyId: string,
) {
  const [existing] = await deps.db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.id, keyId), eq(apiKeys.organizationId, organizationId)));
  if (!existing) throw new DomainError("NOT_FOUND", "That API key does not exist.");
  if (existing.revokedAt) return publicKey(existing);
  const [row] = await deps.db
    .update(apiKeys)
    .set({ revokedAt: deps.clock() })
    .where(and(eq(apiKeys.id, keyId), eq(apiKeys.organizationId, organizationId)))
    .returning();
  return publicKey(row!);
}

export type AuthenticatedKey = {
  id: string;
  organizationId: string;
  prefix: string;
  scopes: ApiScope[];
  rateLimit: number | null;
};

/**
 * Finds the key by its prefix and compares the hash of what was sent in constant time. Refusals say what is
 * wrong (revoked, expired, unknown) without revealing anything about other keys. Counts the request and stamps
 * the last use with one conditional update.
 */
export async function authenticateApiKey(
  deps: Pick<CoreDeps, "db" | "clock">,
  presented: string | null,
): Promise<AuthenticatedKey> {
  if (!presented)
    throw new DomainError(
      "UNAUTHORIZED",
      "Send your API key in the Authorization header: `Authorization: Bearer cs_live_...`.",
    );
  const match = KEY_PATTERN.exec(presented.trim());
  if (!match) throw new DomainError("UNAUTHORIZED", "That is not a valid API key.");
  const [row] = await deps.db.select().from(apiKeys).where(eq(apiKeys.prefix, match[1]!));
  const expected = Buffer.from(row?.secretHash ?? "0".repeat(64), "hex");
  const actual = Buffer.from(hashApiKey(presented.trim()), "hex");
  if (!row || !timingSafeEqual(expected, actual))
    throw new DomainError("UNAUTHORIZED", "That is not a valid API key.");
  const now = deps.clock();
  if (row.revokedAt)
    throw new DomainError("UNAUTHORIZED", `The API key ${row.prefix} has been revoked. Create a new key.`);
  if (row.expiresAt && row.expiresAt.getTime() <= now.getTime())
    throw new DomainError(
      "UNAUTHORIZED",
      `The API key ${row.prefix} expired on ${row.expiresAt.toISOString()}. Create a new key.`,
    );
  await deps.db
    .update(apiKeys)
    .set({ lastUsedAt: now, requestCount: sql`${apiKeys.requestCount} + 1` })
    .where(eq(apiKeys.id, row.id));
  return {
    id: row.id,
    organizationId: row.organizationId,
    prefix: row.prefix,
    scopes: row.scopes.filter(isApiScope),
    rateLimit: row.rateLimit,
  };
}
