import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import { inventoryLevels, locations, products, productVariants } from "@cannasaas/db/schema";
import { selectProductRows } from "./product-rows";
import { approvedCopyFor } from "../ai/copy/drafts";

/**
 * One active product of a tenant's menu by slug as the catalog makes it (fields, variants with adult-use and
 * medical prices, the tenant's locations), without stock, so it can be cached. Null for an unknown, draft or
 * archived product.
 */
export async function menuProductCatalog(db: DbOrTx, organizationId: string, slug: string) {
  const [row] = await selectProductRows(db, organizationId, {
    where: and(eq(products.slug, slug), eq(products.status, "active")),
    limit: 1,
  });
  if (!row) return null;
  const { status: _status, createdAt: _createdAt, updatedAtKey: _key, category, brand, ...fields } = row;
  const variants = await db
    .select({
      id: productVariants.id,
      sku: productVariants.sku,
      name: productVariants.name,
      weightMg: productVariants.weightMg,
      priceCents: productVariants.priceCents,
      medicalPriceCents: productVariants.medicalPriceCents,
    })
    .from(productVariants)
    .where(and(eq(productVariants.organizationId, organizationId), eq(productVariants.productId, fields.id)))
    .orderBy(asc(productVariants.position), asc(productVariants.id));
  const tenantLocations = await db
    .select({ id: locations.id, name: locations.name })
    .from(locations)
    .where(eq(locations.organizationId, organizationId))
    .orderBy(asc(locations.name), asc(locations.id));
  // The accepted tagline and SEO texts, if generated copy was published (see ai/copy).
  const [copy] = await approvedCopyFor(db, organizationId, [fields.id]);
  return {
    ...fields,
    copy: copy
      ? { tagline: copy.tagline, seoTitle: copy.seoTitle, seoDescription: copy.seoDescription }
      : null,
    category: { slug: category.slug, name: category.name },
    brand: brand ? { slug: brand.slug, name: brand.name } : null,
    locations: tenantLocations,
    variants,
  };
}

export type MenuProductCatalog = NonNullable<Awaited<ReturnType<typeof menuProductCatalog>>>;

/** A product with every variant's live stock at each of the tenant's locations (and in total). */
export async function productWithLiveStock(db: DbOrTx, organizationId: string, product: MenuProductCatalog) {
  const { variants, locations: tenantLocations } = product;
  const levels = variants.length
    ? await db
        .select({
          variantId: inventoryLevels.variantId,
          locationId: inventoryLevels.locationId,
          available: sql<number>`${inventoryLevels.onHand} - ${inventoryLevels.reserved}`.mapWith(Number),
        })
        .from(inventoryLevels)
        .where(
          and(
            eq(inventoryLevels.organizationId, organizationId),
            inArray(
              inventoryLevels.variantId,
              variants.map((v) => v.id),
            ),
          ),
        )
    : [];
  return {
    ...product,
    variants: variants.map((v) => {
      const stock = tenantLocations.map((l) => ({
        locationId: l.id,
        locationName: l.name,
        available: levels.find((s) => s.variantId === v.id && s.locationId === l.id)?.available ?? 0,
      }));
      return { ...v, stock, available: stock.reduce((sum, s) => sum + s.available, 0) };
    }),
  };
}

/**
 * One active product of a tenant's menu by slug, uncached, with every variant's adult-use and medical price
 * and its stock at each of the tenant's locations. Null for an unknown, draft or archived product.
 */
export async function getMenuProduct(db: DbOrTx, organizationId: string, slug: string) {
  const product = await menuProductCatalog(db, organizationId, slug);
  return product ? productWithLiveStock(db, organizationId, product) : null;
}

/** Every active product's slug and last change, for the tenant's sitemap. */
export async function listActiveProductSlugs(db: DbOrTx, organizationId: string) {
  return db
    .select({ slug: products.slug, updatedAt: products.updatedAt })
    .from(products)
    .where(and(eq(products.organizationId, organizationId), eq(products.status, "active")))
    .orderBy(asc(products.slug));
}
