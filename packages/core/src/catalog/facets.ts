import { and, asc, count, countDistinct, desc, eq, isNotNull, max, min, sql } from "drizzle-orm";
import type { PgSelect } from "drizzle-orm/pg-core";
import type { DbOrTx } from "@cannasaas/db/client";
import { brands, categories, products, productVariants } from "@cannasaas/db/schema";
import { menuConditions, unitPriceSql, type MenuFilters, type MenuKind } from "./menu-query";

/** A product's cheapest variant on a menu, evaluated only for rows a price filter looks at. */
const cheapestPrice = (organizationId: string, menu: MenuKind) =>
  sql`(select min(${unitPriceSql(menu)}) from ${productVariants} where ${productVariants.productId} = ${products.id} and ${productVariants.organizationId} = ${organizationId})`;

/** The joins the menu's conditions expect (category and brand, each of the same tenant). */
function menuJoins<T extends PgSelect>(query: T, organizationId: string) {
  return query
    .innerJoin(
      categories,
      and(eq(categories.id, products.categoryId), eq(categories.organizationId, organizationId)),
    )
    .leftJoin(brands, and(eq(brands.id, products.brandId), eq(brands.organizationId, organizationId)));
}

/** The filters without one facet's own choice, so its other values still show what choosing them would give. */
const without = (filters: MenuFilters, ...keys: (keyof MenuFilters)[]): MenuFilters => {
  const rest = { ...filters };
  for (const key of keys) delete rest[key];
  return rest;
};

/**
 * What the filter panel offers, with counts that follow the shopper's search and other filters: each facet is
 * counted under every filter except its own (choosing Indica still shows how many Sativa there are).
 * Ranges are the lowest and highest value under the other filters.
 */
export async function menuFacets(
  db: DbOrTx,
  organizationId: string,
  options: { menu?: MenuKind; filters?: MenuFilters } = {},
) {
  const menu = options.menu ?? "adult_use";
  const filters = options.filters ?? {};
  const passing = (own: (keyof MenuFilters)[]) =>
    menuConditions(organizationId, without(filters, ...own), cheapestPrice(organizationId, menu));

  const categoryRows = await menuJoins(
    db.select({ slug: categories.slug, count: count() }).from(products).$dynamic(),
    organizationId,
  )
    .where(passing(["categorySlug"]))
    .groupBy(categories.slug)
    .orderBy(asc(categories.slug));

  const brandRows = await menuJoins(
    db
      .select({
        slug: sql<string>`${brands.slug}`,
        name: sql<string>`${brands.name}`,
        count: countDistinct(products.id),
      })
      .from(products)
      .$dynamic(),
    organizationId,
  )
    .where(and(passing(["brandSlugs"]), isNotNull(brands.id)))
    .groupBy(brands.id)
    .orderBy(asc(brands.name), asc(brands.slug));

  const effectsOf = menuJoins(
    db
      .select({ effect: sql<string>`unnest(${products.effects})`.as("effect") })
      .from(products)
      .$dynamic(),
    organizationId,
  )
    .where(passing(["effects"]))
    .as("product_effects");
  const effectRows = await db
    .select({ value: effectsOf.effect, count: count() })
    .from(effectsOf)
    .groupBy(effectsOf.effect)
    .orderBy(desc(count()), asc(effectsOf.effect));

  const strainRows = await menuJoins(
    db.select({ value: products.strainType, count: count() }).from(products).$dynamic(),
    organizationId,
  )
    .where(and(passing(["strainTypes"]), isNotNull(products.strainType)))
    .groupBy(products.strainType)
    .orderBy(desc(count()), asc(products.strainType));

  const [thc] = await menuJoins(
    db
      .select({ min: min(products.thcBps), max: max(products.thcBps) })
      .from(products)
      .$dynamic(),
    organizationId,
  ).where(passing(["thcMinBps", "thcMaxBps"]));

  const [price] = await menuJoins(
    db
      .select({
        min: sql<number | null>`min(${unitPriceSql(menu)})`.mapWith(Number),
        max: sql<number | null>`max(${unitPriceSql(menu)})`.mapWith(Number),
      })
      .from(products)
      .innerJoin(
        productVariants,
        and(eq(productVariants.productId, products.id), eq(productVariants.organizationId, organizationId)),
      )
      .$dynamic(),
    organizationId,
  ).where(passing(["priceMinCents", "priceMaxCents"]));

  return {
    categories: categoryRows,
    brands: brandRows,
    effects: effectRows,
    strainTypes: strainRows.flatMap((s) => (s.value ? [{ value: s.value, count: s.count }] : [])),
    thcBps: { min: thc?.min ?? null, max: thc?.max ?? null },
    priceCents: { min: price?.min ?? null, max: price?.max ?? null },
  };
}
