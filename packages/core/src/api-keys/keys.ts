import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import { apiKeys, apiKeyUses, users } from "@cannasaas/db/schema";
import type { CoreDeps } from "../deps";
import { DomainError } from "../errors";
import { assertFeature } from "../plans/features";
import { rowsOf } from "../sql-rows";
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

/**
 * Keys with their usage as shown: the totals folded in so far plus the uses not yet folded in (requests append a
 * row to api_key_uses rather than update the key; see `compactApiKeyUses`). One statement, so a compaction
 * committing meanwhile is seen either wholly or not at all.
 */
async function keysWithUsage(db: DbOrTx, where: SQL | undefined) {
  const uses = db
    .select({
      count: sql<number>`count(*)::int`.as("uses_count"),
      last: sql<Date | null>`max(${apiKeyUses.usedAt})`.as("uses_last"),
    })
    .from(apiKeyUses)
    .where(eq(apiKeyUses.apiKeyId, apiKeys.id))
    .as("uses");
  const rows = await db
    .select({
      key: apiKeys,
      requestCount: sql<number>`${apiKeys.requestCount} + ${uses.count}`.mapWith(Number),
      lastUsedAt: sql<Date | null>`greatest(${apiKeys.lastUsedAt}, ${uses.last})`.mapWith(apiKeys.lastUsedAt),
      createdByName: users.name,
    })
    .from(apiKeys)
    .leftJoinLateral(uses, sql`true`)
    .leftJoin(users, eq(users.id, apiKeys.createdBy))
    .where(where)
    .orderBy(desc(apiKeys.createdAt));
  return rows.map((r) => ({
    ...publicKey({ ...r.key, requestCount: r.requestCount, lastUsedAt: r.lastUsedAt }),
    createdByName: r.createdByName,
  }));
}

export async function listApiKeys(db: DbOrTx, organizationId: string) {
  return keysWithUsage(db, eq(apiKeys.organizationId, organizationId));
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
  if (!existing.revokedAt)
    await deps.db
      .update(apiKeys)
      .set({ revokedAt: deps.clock() })
      .where(and(eq(apiKeys.id, keyId), eq(apiKeys.organizationId, organizationId)));
  const [shown] = await keysWithUsage(
    deps.db,
    and(eq(apiKeys.id, keyId), eq(apiKeys.organizationId, organizationId)),
  );
  const { createdByName: _name, ...key } = shown!;
  return key;
}

/**
 * Folds the recorded uses into their keys' `request_count` and `last_used_at` and deletes them, in one statement
 * (so one transaction): the rows deleted are exactly the rows counted, and a use inserted meanwhile is neither
 * deleted nor counted, so it stays for the next run. A second compaction running at the same time waits for the
 * first's deletes and then skips the rows they removed, so no use is counted twice. At most `limit` uses a call.
 */
export async function compactApiKeyUses(db: DbOrTx, limit = 50_000) {
  const result = await db.execute(sql`
    with batch as (
      select ${apiKeyUses.id} from ${apiKeyUses} limit ${limit} for update skip locked
    ), gone as (
      delete from ${apiKeyUses} where ${apiKeyUses.id} in (select id from batch)
      returning ${apiKeyUses.apiKeyId}, ${apiKeyUses.usedAt}
    ), per_key as (
      select api_key_id, count(*)::int as folded, max(used_at) as last_used_at from gone group by api_key_id
    )
    update ${apiKeys} set
      request_count = ${apiKeys.requestCount} + per_key.folded,
      last_used_at = greatest(${apiKeys.lastUsedAt}, per_key.last_used_at)
    from per_key
    where ${apiKeys.id} = per_key.api_key_id
    returning ${apiKeys.organizationId} as organization_id, ${apiKeys.id} as api_key_id, per_key.folded
  `);
  return rowsOf<{ organization_id: string; api_key_id: string; folded: number }>(result).map((r) => ({
    organizationId: r.organization_id,
    apiKeyId: r.api_key_id,
    folded: Number(r.folded),
  }));
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
 * wrong (revoked, expired, unknown) without revealing anything about other keys. Records the use with one insert
 * into api_key_uses (an append, not an update of the key's row: concurrent requests with one key do not wait for
 * each other); a refused key records nothing.
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
    .insert(apiKeyUses)
    .values({ organizationId: row.organizationId, apiKeyId: row.id, usedAt: now });
  return {
    id: row.id,
    organizationId: row.organizationId,
    prefix: row.prefix,
    scopes: row.scopes.filter(isApiScope),
    rateLimit: row.rateLimit,
  };
}
