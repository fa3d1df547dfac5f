import type { DbOrTx } from "@cannasaas/db/client";
import type { KV } from "@cannasaas/integrations/kv";
import { menuFacets } from "./facets";
import { listCategories } from "./menu";
import type { MenuKind } from "./menu-query";

/**
 * Category counts and filter facets change only when the catalog does, yet cost more than the product page
 * itself on a large menu, so they are cached per tenant for a minute. Live stock is never cached.
 */
export const MENU_CACHE_TTL_SECONDS = 60;

const key = (organizationId: string, part: string) => `menu:${organizationId}:${part}`;

async function cached<T>(kv: KV, cacheKey: string, load: () => Promise<T>): Promise<T> {
  const hit = await kv.get<T>(cacheKey);
  if (hit !== null) return hit;
  const value = await load();
  await kv.set(cacheKey, value, { ttlSeconds: MENU_CACHE_TTL_SECONDS });
  return value;
}

export function cachedCategories(deps: { db: DbOrTx; kv: KV }, organizationId: string) {
  return cached(deps.kv, key(organizationId, "categories"), () => listCategories(deps.db, organizationId));
}

export function cachedMenuFacets(deps: { db: DbOrTx; kv: KV }, organizationId: string, menu: MenuKind) {
  return cached(deps.kv, key(organizationId, `facets:${menu}`), () =>
    menuFacets(deps.db, organizationId, { menu }),
  );
}

/** Call after any catalog change (products, prices, categories) so shoppers see it at once. */
export async function invalidateMenuCache(kv: KV, organizationId: string) {
  await kv.del(
    key(organizationId, "categories"),
    key(organizationId, "facets:adult_use"),
    key(organizationId, "facets:medical"),
  );
}
