import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import { brands, categories, inventoryLevels, products, productVariants } from "@cannasaas/db/schema";
import { assertTenantLocation } from "./locations";
import { menuConditions, menuOrder, unitPriceSql, type MenuKind, type MenuQuery } from "./menu-query";

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

/** Each product's cheapest variant price on a menu, as a join-able CTE. */
export function cheapestVariants(db: DbOrTx, organizationId: string, menu: MenuKind) {
  return db.$with("cheapest_variants").as(
    db
      .select({
        productId: productVariants.productId,
        minPriceCents: sql<number>`min(${unitPriceSql(menu)})`.as("min_price_cents"),
      })
      .from(productVariants)
      .where(eq(productVariants.organizationId, organizationId))
      .groupBy(productVariants.productId),
  );
}

async function menuPage(db: DbOrTx, organizationId: string, query: MenuQuery, offset: number, limit: number) {
  const cheapest = cheapestVariants(db, organizationId, query.menu ?? "adult_use");
  return db
    .with(cheapest)
    .select({
      id: products.id,
      slug: products.slug,
      name: products.name,
      strainType: products.strainType,
      thcBps: products.thcBps,
      cbdBps: products.cbdBps,
      thcMg: products.thcMg,
      effects: products.effects,
      imageUrl: products.imageUrl,
      category: { slug: categories.slug, name: categories.name },
      brand: brands.name,
      brandSlug: brands.slug,
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(products)
    .innerJoin(
      categories,
      and(eq(categories.id, products.categoryId), eq(categories.organizationId, organizationId)),
    )
    .leftJoin(brands, and(eq(brands.id, products.brandId), eq(brands.organizationId, organizationId)))
    .leftJoin(cheapest, eq(cheapest.productId, products.id))
    .where(menuConditions(organizationId, query, cheapest.minPriceCents))
    .orderBy(...menuOrder(query, cheapest.minPriceCents))
    .limit(limit)
    .offset(offset);
}

/** The variants of a page's products with their price on the chosen menu (no stock: that is read live). */
async function variantsOfPage(db: DbOrTx, organizationId: string, productIds: string[], menu?: MenuKind) {
  if (productIds.length === 0) return [];
  return db
    .select({
      id: productVariants.id,
      productId: productVariants.productId,
      name: productVariants.name,
      weightMg: productVariants.weightMg,
      priceCents: productVariants.priceCents,
      medicalPriceCents: productVariants.medicalPriceCents,
      menuPriceCents: unitPriceSql(menu).mapWith(Number),
    })
    .from(productVariants)
    .where(
      and(eq(productVariants.organizationId, organizationId), inArray(productVariants.productId, productIds)),
    )
    .orderBy(asc(productVariants.position), asc(productVariants.id));
}

/**
 * Available units (on hand - reserved) per variant, summed over the tenant's locations or at one of them,
 * read from the same rows checkout reserves from. Variants with no stock row are absent (0).
 */
export async function liveStock(
  db: DbOrTx,
  organizationId: string,
  variantIds: string[],
  locationId?: string,
): Promise<Map<string, number>> {
  if (variantIds.length === 0) return new Map();
  const rows = await db
    .select({
      variantId: inventoryLevels.variantId,
      available: sql<number>`sum(${inventoryLevels.onHand} - ${inventoryLevels.reserved})`.mapWith(Number),
    })
    .from(inventoryLevels)
    .where(
      and(
        eq(inventoryLevels.organizationId, organizationId),
        inArray(inventoryLevels.variantId, variantIds),
        locationId ? eq(inventoryLevels.locationId, locationId) : undefined,
      ),
    )
    .groupBy(inventoryLevels.variantId);
  return new Map(rows.map((r) => [r.variantId, r.available]));
}

export type MenuCatalogPage = Awaited<ReturnType<typeof menuCatalogPage>>;

/**
 * A page of the menu as the catalog, prices and promotions make it (which products, in what order, at what
 * prices), without stock: this part is the same for every shopper and location, so it can be cached.
 * `menuPriceCents` is a variant's price on the chosen menu, and `fromPriceCents` the cheapest of those.
 */
export async function menuCatalogPage(db: DbOrTx, organizationId: string, query: MenuQuery) {
  const offset = (query.page - 1) * query.pageSize;
  const rows = await menuPage(db, organizationId, query, offset, query.pageSize);
  // Past the last page there are no rows to carry the window count, so ask for the first row's.
  const total =
    rows[0]?.total ?? (offset > 0 ? ((await menuPage(db, organizationId, query, 0, 1))[0]?.total ?? 0) : 0);
  const variants = await variantsOfPage(
    db,
    organizationId,
    rows.map((r) => r.id),
    query.menu,
  );
  return {
    total,
    page: query.page,
    pageSize: query.pageSize,
    pageCount: Math.max(1, Math.ceil(total / query.pageSize)),
    products: rows.map(({ total: _total, ...p }) => {
      const own = variants.filter((v) => v.productId === p.id);
      return {
        ...p,
        variants: own,
        fromPriceCents: own.length ? Math.min(...own.map((v) => v.menuPriceCents)) : null,
      };
    }),
  };
}

/** A catalog page with each variant's (and product's) live available stock added. */
export async function withLiveStock(
  db: DbOrTx,
  organizationId: string,
  page: MenuCatalogPage,
  locationId?: string,
) {
  const stock = await liveStock(
    db,
    organizationId,
    page.products.flatMap((p) => p.variants.map((v) => v.id)),
    locationId,
  );
  return {
    ...page,
    products: page.products.map((p) => {
      const variants = p.variants.map((v) => ({ ...v, available: stock.get(v.id) ?? 0 }));
      return { ...p, variants, available: variants.reduce((sum, v) => sum + v.available, 0) };
    }),
  };
}

/**
 * A page of the live menu, uncached. Stock is read from the same rows checkout reserves from, so what a
 * shopper sees is what can be bought: available = on hand - reserved, summed over the tenant's locations
 * (or one of them).
 */
export async function listMenuProducts(db: DbOrTx, organizationId: string, query: MenuQuery) {
  if (query.locationId) await assertTenantLocation(db, organizationId, query.locationId);
  return withLiveStock(
    db,
    organizationId,
    await menuCatalogPage(db, organizationId, query),
    query.locationId,
  );
}
