import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import { brands, categories, products, productVariants } from "@cannasaas/db/schema";

const productRowColumns = {
  id: products.id,
  slug: products.slug,
  name: products.name,
  description: products.description,
  status: products.status,
  strainName: products.strainName,
  strainType: products.strainType,
  thcBps: products.thcBps,
  cbdBps: products.cbdBps,
  thcMg: products.thcMg,
  cbdMg: products.cbdMg,
  effects: products.effects,
  terpenes: products.terpenes,
  imageUrl: products.imageUrl,
  labResultsUrl: products.labResultsUrl,
  createdAt: products.createdAt,
  updatedAt: products.updatedAt,
  /** Exact (microsecond) `updated_at` for keyset cursors; a JS Date would lose precision. */
  updatedAtKey: sql<string>`${products.updatedAt}::text`,
  categoryId: categories.id,
  categorySlug: categories.slug,
  categoryName: categories.name,
  brandId: brands.id,
  brandSlug: brands.slug,
  brandName: brands.name,
};

export type ProductRow = Awaited<ReturnType<typeof selectProductRows>>[number];

/**
 * Products of one organization with their category and brand, both joined within that organization, so no
 * product ever shows another tenant's taxonomy. `where` may filter on products, categories and brands.
 */
export async function selectProductRows(
  db: DbOrTx,
  organizationId: string,
  options: { where?: SQL; orderBy?: SQL[]; limit: number },
) {
  const rows = await db
    .select(productRowColumns)
    .from(products)
    .innerJoin(
      categories,
      and(eq(categories.id, products.categoryId), eq(categories.organizationId, organizationId)),
    )
    .leftJoin(brands, and(eq(brands.id, products.brandId), eq(brands.organizationId, organizationId)))
    .where(and(eq(products.organizationId, organizationId), options.where))
    .orderBy(...(options.orderBy ?? []))
    .limit(options.limit);
  return rows.map(
    ({ categoryId, categorySlug, categoryName, brandId, brandSlug, brandName, ...product }) => ({
      ...product,
      category: { id: categoryId, slug: categorySlug, name: categoryName },
      brand: brandId && brandSlug && brandName ? { id: brandId, slug: brandSlug, name: brandName } : null,
    }),
  );
}

/**
 * Every variant of the given products within one organization, in display order (position, then `tieBreak` so
 * equal positions always come out the same way).
 */
export async function selectVariantsOfProducts(
  db: DbOrTx,
  organizationId: string,
  productIds: string[],
  tieBreak: "id" | "sku" = "id",
) {
  if (productIds.length === 0) return [];
  return db
    .select()
    .from(productVariants)
    .where(
      and(eq(productVariants.organizationId, organizationId), inArray(productVariants.productId, productIds)),
    )
    .orderBy(asc(productVariants.position), asc(productVariants[tieBreak]));
}
