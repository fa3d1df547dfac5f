import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import {
  brands,
  categories,
  inventoryLevels,
  locations,
  products,
  productVariants,
} from "@cannasaas/db/schema";

/**
 * One active product of a tenant's menu by slug, with every variant's adult-use and medical price and its
 * stock at each of the tenant's locations. Null for an unknown, draft or archived product.
 */
export async function getMenuProduct(db: DbOrTx, organizationId: string, slug: string) {
  const [product] = await db
    .select({
      id: products.id,
      slug: products.slug,
      name: products.name,
      description: products.description,
      strainName: products.strainName,
      strainType: products.strainType,
      thcBps: products.thcBps,
      cbdBps: products.cbdBps,
      thcMg: products.thcMg,
      cbdMg: products.cbdMg,
      effects: products.effects,
      terpenes: products.terpenes,
      labResultsUrl: products.labResultsUrl,
      imageUrl: products.imageUrl,
      updatedAt: products.updatedAt,
      category: { slug: categories.slug, name: categories.name },
      brandSlug: brands.slug,
      brandName: brands.name,
    })
    .from(products)
    .innerJoin(
      categories,
      and(eq(categories.id, products.categoryId), eq(categories.organizationId, organizationId)),
    )
    .leftJoin(brands, and(eq(brands.id, products.brandId), eq(brands.organizationId, organizationId)))
    .where(
      and(
        eq(products.organizationId, organizationId),
        eq(products.slug, slug),
        eq(products.status, "active"),
      ),
    )
    .limit(1);
  if (!product) return null;

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
    .where(and(eq(productVariants.organizationId, organizationId), eq(productVariants.productId, product.id)))
    .orderBy(asc(productVariants.position), asc(productVariants.id));

  const tenantLocations = await db
    .select({ id: locations.id, name: locations.name })
    .from(locations)
    .where(eq(locations.organizationId, organizationId))
    .orderBy(asc(locations.name), asc(locations.id));

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
            inArray(
              inventoryLevels.locationId,
              tenantLocations.map((l) => l.id),
            ),
          ),
        )
    : [];

  const { brandSlug, brandName, ...rest } = product;
  return {
    ...rest,
    brand: brandSlug && brandName ? { slug: brandSlug, name: brandName } : null,
    locations: tenantLocations,
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

/** Every active product's slug and last change, for the tenant's sitemap. */
export async function listActiveProductSlugs(db: DbOrTx, organizationId: string) {
  return db
    .select({ slug: products.slug, updatedAt: products.updatedAt })
    .from(products)
    .where(and(eq(products.organizationId, organizationId), eq(products.status, "active")))
    .orderBy(asc(products.slug));
}
