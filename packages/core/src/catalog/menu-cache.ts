import { randomUUID } from "node:crypto";
import { LRUCache } from "lru-cache";
import type { DbOrTx } from "@cannasaas/db/client";
import type { ScopedWork } from "@cannasaas/db/tenant-scope";
import type { KV } from "@cannasaas/integrations/kv";
import { menuFacets } from "./facets";
import { listCategories } from "./menu";
import type { MenuFilters, MenuKind } from "./menu-query";

/**
 * Menu reads (category counts, facets, menu pages, product pages) are cached per tenant and query, and each
 * cached read names the tags it depends on. `invalidateMenu` gives a tag a new version in the KV (shared by
 * every server instance when it is Upstash); a cached read whose recorded versions differ from the current
 * ones is a miss. So a change shows on the next read everywhere, with no time-based expiry involved.
 *
 * Stock is deliberately not a tag: it changes on every checkout, so the pages read it live from the rows
 * checkout reserves from (a small indexed query for the products on the page), and never show stale stock.
 */
export const MENU_TAGS = ["products", "prices", "promotions", "locations"] as const;
export type MenuTag = (typeof MENU_TAGS)[number];

/** Cached values live in each process (bounded); only the tag versions go through the KV. */
const MAX_ENTRIES = 1_000;
/** A bound on memory, not on freshness: entries idle this long are dropped. */
const ENTRY_TTL_MS = 10 * 60_000;

type Entry = { versions: string[]; value: unknown };
const cachesByKv = new WeakMap<KV, LRUCache<string, Entry>>();

function entriesFor(kv: KV) {
  let entries = cachesByKv.get(kv);
  if (!entries) {
    entries = new LRUCache<string, Entry>({ max: MAX_ENTRIES, ttl: ENTRY_TTL_MS, updateAgeOnGet: true });
    cachesByKv.set(kv, entries);
  }
  return entries;
}

const tagKey = (organizationId: string, tag: MenuTag) => `menu:${organizationId}:tag:${tag}`;

/**
 * The current version of each tag. A tag with no version yet (or one the KV dropped) gets a fresh random one,
 * never a reused value, so an entry cached under an old version can never match again.
 */
async function currentVersions(kv: KV, organizationId: string, tags: readonly MenuTag[]) {
  return Promise.all(
    tags.map(async (tag) => {
      const version = await kv.get<string>(tagKey(organizationId, tag));
      if (version !== null) return version;
      const fresh = randomUUID();
      await kv.set(tagKey(organizationId, tag), fresh);
      return fresh;
    }),
  );
}

/**
 * `load()`'s result, cached under `key` for one tenant until one of `tags` is invalidated. Versions are read
 * before loading, so a change committed while loading leaves an entry that is already out of date.
 */
export async function cachedMenuRead<T>(
  kv: KV,
  organizationId: string,
  key: string,
  tags: readonly MenuTag[],
  load: () => Promise<T>,
): Promise<T> {
  const entries = entriesFor(kv);
  const fullKey = `${organizationId}:${key}`;
  const versions = await currentVersions(kv, organizationId, tags);
  const hit = entries.get(fullKey);
  if (hit && hit.versions.every((v, i) => v === versions[i])) return hit.value as T;
  const value = await load();
  entries.set(fullKey, { versions, value });
  return value;
}

/**
 * Makes every cached menu read of a tenant that depends on one of `tags` a miss, on every server instance.
 * Call it after the change has committed (a read in between would cache the old rows under the new version).
 * Promotions call `invalidateMenu(kv, orgId, "promotions")` when a promotion starts, changes or ends.
 */
export async function invalidateMenu(kv: KV, organizationId: string, ...tags: MenuTag[]) {
  const version = randomUUID();
  await Promise.all(tags.map((tag) => kv.set(tagKey(organizationId, tag), version)));
}

/** Call after any catalog change (products, prices, categories, brands, photos) so shoppers see it at once. */
export async function invalidateMenuCache(kv: KV, organizationId: string) {
  await invalidateMenu(kv, organizationId, "products", "prices");
}

/**
 * Where a cached read loads from on a miss: an open handle (a tenant-scoped transaction), or `read`, which
 * opens a short tenant-scoped transaction only then, so a hit costs the database nothing at all.
 */
export type MenuSource = { kv: KV } & ({ db: DbOrTx } | { read: ScopedWork });

export const loadFrom = <T>(source: MenuSource, work: (db: DbOrTx) => Promise<T>): Promise<T> =>
  "read" in source ? source.read(work) : work(source.db);

export function cachedCategories(deps: MenuSource, organizationId: string) {
  return cachedMenuRead(deps.kv, organizationId, "categories", ["products"], () =>
    loadFrom(deps, (db) => listCategories(db, organizationId)),
  );
}

/** Facet counts under a search and filters: keyed by all of them, so each combination is cached on its own. */
export function cachedMenuFacets(
  deps: MenuSource,
  organizationId: string,
  menu: MenuKind,
  filters: MenuFilters = {},
) {
  return cachedMenuRead(
    deps.kv,
    organizationId,
    `facets:${menu}:${stableKey(filters)}`,
    ["products", "prices"],
    () => loadFrom(deps, (db) => menuFacets(db, organizationId, { menu, filters })),
  );
}

/** The same query always gives the same key, whatever order its fields and lists came in. */
export function stableKey(query: Record<string, unknown>): string {
  const entries = Object.entries(query)
    .filter(([, value]) => value !== undefined && !(Array.isArray(value) && value.length === 0))
    .map(([key, value]) => [key, Array.isArray(value) ? [...(value as string[])].sort() : value] as const)
    .sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify(entries);
}
