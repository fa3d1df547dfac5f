import { and, asc, count, countDistinct, desc, eq, isNotNull, max, min, sql } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import { brands, products, productVariants } from "@cannasaas/db/schema";
import { unitPriceSql, type MenuKind } from "./menu-query";

/** What the filter panel offers: every value present on the tenant's active menu, with counts and ranges. */
export async function menuFacets(db: DbOrTx, organizationId: string, options: { menu?: MenuKind } = {}) {
  const active = and(eq(products.organizationId, organizationId), eq(products.status, "active"));

  const brandRows = await db
    .select({ slug: brands.slug, name: brands.name, count: countDistinct(products.id) })
    .from(brands)
    .innerJoin(products, and(eq(products.brandId, brands.id), active))
    .where(eq(brands.organizationId, organizationId))
    .groupBy(brands.id)
    .orderBy(asc(brands.name), asc(brands.slug));

  const effectsOf = db
    .select({ effect: sql<string>`unnest(${products.effects})`.as("effect") })
    .from(products)
    .where(active)
    .as("product_effects");
  const effectRows = await db
    .select({ value: effectsOf.effect, count: count() })
    .from(effectsOf)
    .groupBy(effectsOf.effect)
    .orderBy(desc(count()), asc(effectsOf.effect));

  const strainRows = await db
    .select({ value: products.strainType, count: count() })
    .from(products)
    .where(and(active, isNotNull(products.strainType)))
    .groupBy(products.strainType)
    .orderBy(desc(count()), asc(products.strainType));

  const [thc] = await db
    .select({ min: min(products.thcBps), max: max(products.thcBps) })
    .from(products)
    .where(active);
  const [price] = await db
    .select({
      min: sql<number | null>`min(${unitPriceSql(options.menu)})`.mapWith(Number),
      max: sql<number | null>`max(${unitPriceSql(options.menu)})`.mapWith(Number),
    })
    .from(productVariants)
    .innerJoin(products, and(eq(products.id, productVariants.productId), active))
    .where(eq(productVariants.organizationId, organizationId));

  return {
    brands: brandRows,
    effects: effectRows,
    strainTypes: strainRows.flatMap((s) => (s.value ? [{ value: s.value, count: s.count }] : [])),
    thcBps: { min: thc?.min ?? null, max: thc?.max ?? null },
    priceCents: { min: price?.min ?? null, max: price?.max ?? null },
  };
}
