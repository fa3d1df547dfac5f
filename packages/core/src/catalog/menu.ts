import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import { brands, categories, inventoryLevels, products, productVariants } from "@cannasaas/db/schema";

export async function listCategories(db: DbOrTx, organizationId: string) {
  return db
    .select({
      id: categories.id,
      slug: categories.slug,
      name: categories.name,
      productCount: count(products.id),
    })
    .from(categories)
    .leftJoin(
      products,
      and(
        eq(products.categoryId, categories.id),
        eq(products.organizationId, organizationId),
        eq(products.status, "active"),
      ),
    )
    .where(eq(categories.organizationId, organizationId))
    .groupBy(categories.id)
    .orderBy(asc(categories.position), asc(categories.name));
}

export type MenuQuery = { categorySlug?: string; page: number; pageSize: number };

/**
 * A page of the live menu. Stock is read from the same rows checkout reserves from, so what a shopper sees
 * is what can be bought: available = on hand - reserved, summed over the tenant's locations.
 */
export async function listMenuProducts(db: DbOrTx, organizationId: string, query: MenuQuery) {
  const filters = [eq(products.organizationId, organizationId), eq(products.status, "active")];
  if (query.categorySlug) filters.push(eq(categories.slug, query.categorySlug));
  const where = and(...filters);

  const [totalRow] = await db
    .select({ total: count() })
    .from(products)
    .innerJoin(categories, eq(categories.id, products.categoryId))
    .where(where);
  const rows = await db
    .select({
      id: products.id,
      slug: products.slug,
      name: products.name,
      strainType: products.strainType,
      thcBps: products.thcBps,
      cbdBps: products.cbdBps,
      thcMg: products.thcMg,
      imageUrl: products.imageUrl,
      category: { slug: categories.slug, name: categories.name },
      brand: brands.name,
    })
    .from(products)
    .innerJoin(categories, eq(categories.id, products.categoryId))
    .leftJoin(brands, eq(brands.id, products.brandId))
    .where(where)
    .orderBy(asc(products.name), asc(products.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);

  const variants = rows.length
    ? await db
        .select({
          id: productVariants.id,
          productId: productVariants.productId,
          name: productVariants.name,
          weightMg: productVariants.weightMg,
          priceCents: productVariants.priceCents,
          medicalPriceCents: productVariants.medicalPriceCents,
          available:
            sql<number>`coalesce(sum(${inventoryLevels.onHand} - ${inventoryLevels.reserved}), 0)`.mapWith(
              Number,
            ),
        })
        .from(productVariants)
        .leftJoin(
          inventoryLevels,
          and(
            eq(inventoryLevels.variantId, productVariants.id),
            eq(inventoryLevels.organizationId, organizationId),
          ),
        )
        .where(
          and(
            eq(productVariants.organizationId, organizationId),
            inArray(
              productVariants.productId,
              rows.map((r) => r.id),
            ),
          ),
        )
        .groupBy(productVariants.id)
        .orderBy(asc(productVariants.position))
    : [];

  const total = totalRow?.total ?? 0;
  return {
    total,
    page: query.page,
    pageCount: Math.max(1, Math.ceil(total / query.pageSize)),
    products: rows.map((p) => {
      const own = variants.filter((v) => v.productId === p.id);
      return {
        ...p,
        variants: own,
        fromPriceCents: own.length ? Math.min(...own.map((v) => v.priceCents)) : null,
        available: own.reduce((sum, v) => sum + v.available, 0),
      };
    }),
  };
}
