import type { DbOrTx } from "@cannasaas/db/client";
import type { KV } from "@cannasaas/integrations/kv";
import { DomainError } from "../errors";
import { listStorefrontLocations } from "./locations";
import { menuCatalogPage, withLiveStock } from "./menu";
import { cachedMenuRead, loadFrom, stableKey, type MenuSource } from "./menu-cache";
import type { MenuQuery } from "./menu-query";
import { menuSuggestions } from "./menu-suggestions";
import { menuProductCatalog, productWithLiveStock } from "./product";

type Deps = { db: DbOrTx; kv: KV };

/** The tenant's locations as shoppers see them, cached until a location is added, removed or changed. */
export function readStorefrontLocations(deps: MenuSource, organizationId: string) {
  return cachedMenuRead(deps.kv, organizationId, "locations", ["locations"], () =>
    loadFrom(deps, (db) => listStorefrontLocations(db, organizationId)),
  );
}

/**
 * A page of the live menu: which products, in what order and at what prices comes from the cache (keyed by
 * every filter, the sort and the page; invalidated by product, price and promotion changes), stock is read
 * live for the products on the page, so it is always what checkout would find. With a `locationId`, the
 * location it names comes back too (its time zone prices happy hours); one not of this store is refused.
 */
export async function readMenuPage(deps: Deps, organizationId: string, query: MenuQuery) {
  const { locationId, ...catalogQuery } = query;
  const [location, page] = await Promise.all([
    locationId ? readStorefrontLocation(deps, organizationId, locationId) : null,
    cachedMenuRead(
      deps.kv,
      organizationId,
      `page:${stableKey(catalogQuery)}`,
      ["products", "prices", "promotions"],
      () => menuCatalogPage(deps.db, organizationId, catalogQuery),
    ),
  ]);
  return { location, page: await withLiveStock(deps.db, organizationId, page, locationId) };
}

/** A page of the live menu, as `readMenuPage` reads it, without the location. */
export async function readMenuProducts(deps: Deps, organizationId: string, query: MenuQuery) {
  return (await readMenuPage(deps, organizationId, query)).page;
}

/** One of the store's locations as shoppers see it; a location that is not one of this store's is refused. */
async function readStorefrontLocation(deps: Deps, organizationId: string, locationId: string) {
  const locations = await readStorefrontLocations(deps, organizationId);
  const location = locations.find((l) => l.id === locationId);
  if (!location) {
    throw new DomainError("BAD_REQUEST", "That location is not one of this store's. Choose another.", {
      field: "locationId",
    });
  }
  return location;
}

/** One product page's product: cached like a menu page, with live stock per location. Null when not shown. */
export async function readMenuProduct(deps: Deps, organizationId: string, slug: string) {
  const product = await cachedMenuRead(
    deps.kv,
    organizationId,
    `product:${slug}`,
    ["products", "prices", "promotions", "locations"],
    () => menuProductCatalog(deps.db, organizationId, slug),
  );
  return product ? productWithLiveStock(deps.db, organizationId, product) : null;
}

/** Suggestions for what a shopper is typing, cached per text until the catalog changes. */
export function readMenuSuggestions(deps: Deps, organizationId: string, q: string) {
  const text = q.trim().toLowerCase();
  return cachedMenuRead(deps.kv, organizationId, `suggest:${text}`, ["products"], () =>
    menuSuggestions(deps.db, organizationId, text),
  );
}
