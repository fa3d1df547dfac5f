import { and, arrayOverlaps, asc, desc, eq, gte, inArray, lte, sql, type SQL } from "drizzle-orm";
import { brands, categories, products, productVariants } from "@cannasaas/db/schema";
import { MENU_KINDS, STRAIN_TYPES, type MenuKind, type StrainType } from "@cannasaas/validators";
import { searchCondition, searchRank } from "./menu-search";

export const MENU_SORTS = ["relevance", "name", "price_asc", "price_desc", "thc_desc", "newest"] as const;
export type MenuSort = (typeof MENU_SORTS)[number];
/** Which price list a shopper sees: medical prices apply where a variant has one. */
export { MENU_KINDS, type MenuKind };
export { STRAIN_TYPES, type StrainType };

export type MenuFilters = {
  categorySlug?: string;
  strainTypes?: readonly StrainType[];
  thcMinBps?: number;
  thcMaxBps?: number;
  /** Matches products with any of these effects. */
  effects?: readonly string[];
  brandSlugs?: readonly string[];
  /** Applied to the product's cheapest variant on the chosen menu. */
  priceMinCents?: number;
  priceMaxCents?: number;
  q?: string;
};

export type MenuQuery = MenuFilters & {
  page: number;
  pageSize: number;
  /** Defaults to relevance when searching, name otherwise; relevance without `q` sorts by name. */
  sort?: MenuSort;
  /** Count stock at this location only (it must belong to the tenant). */
  locationId?: string;
  menu?: MenuKind;
};

/** A variant's price on the given menu. */
export const unitPriceSql = (menu: MenuKind = "adult_use"): SQL<number> =>
  menu === "medical"
    ? sql<number>`coalesce(${productVariants.medicalPriceCents}, ${productVariants.priceCents})`
    : sql<number>`${productVariants.priceCents}`;

export { escapeLike } from "./menu-search";

/**
 * WHERE conditions for a tenant's live menu. `minPrice` is the cheapest-variant price column of the query;
 * brands and categories must be joined with the tenant condition too.
 */
export function menuConditions(organizationId: string, filters: MenuFilters, minPrice: SQL | SQL.Aliased) {
  const conditions: (SQL | undefined)[] = [
    eq(products.organizationId, organizationId),
    eq(products.status, "active"),
  ];
  if (filters.categorySlug) conditions.push(eq(categories.slug, filters.categorySlug));
  if (filters.strainTypes?.length) conditions.push(inArray(products.strainType, [...filters.strainTypes]));
  if (filters.thcMinBps !== undefined) conditions.push(gte(products.thcBps, filters.thcMinBps));
  if (filters.thcMaxBps !== undefined) conditions.push(lte(products.thcBps, filters.thcMaxBps));
  if (filters.effects?.length) conditions.push(arrayOverlaps(products.effects, [...filters.effects]));
  if (filters.brandSlugs?.length) conditions.push(inArray(brands.slug, [...filters.brandSlugs]));
  if (filters.priceMinCents !== undefined) conditions.push(sql`${minPrice} >= ${filters.priceMinCents}`);
  if (filters.priceMaxCents !== undefined) conditions.push(sql`${minPrice} <= ${filters.priceMaxCents}`);
  if (filters.q) conditions.push(searchCondition(filters.q));
  return and(...conditions);
}

/** ORDER BY for a sort; every order ends on name and id so pages never overlap. */
export function menuOrder(query: Pick<MenuQuery, "q" | "sort">, minPrice: SQL | SQL.Aliased): SQL[] {
  const stable = [asc(products.name), asc(products.id)];
  const sort = query.sort ?? (query.q ? "relevance" : "name");
  switch (sort) {
    case "relevance":
      if (!query.q) return stable;
      // An exact name match first, then text rank with a little for brand and close-spelling matches.
      return [desc(sql`lower(${products.name}) = lower(${query.q})`), desc(searchRank(query.q)), ...stable];
    case "price_asc":
      return [sql`${minPrice} asc nulls last`, ...stable];
    case "price_desc":
      return [sql`${minPrice} desc nulls last`, ...stable];
    case "thc_desc":
      return [sql`${products.thcBps} desc nulls last`, ...stable];
    case "newest":
      return [desc(products.createdAt), ...stable];
    case "name":
      return stable;
  }
}
