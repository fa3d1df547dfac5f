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
function cheapestVariants(db: DbOrTx, organizationId: string, menu: MenuKind) {
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

async function variantsWithStock(
  db: DbOrTx,
  organizationId: string,
  productIds: string[],
  options: { locationId?: string; menu?: MenuKind },
) {
  if (productIds.length === 0) return [];
  return db
    .select({
      id: productVariants.id,
      productId: productVariants.productId,
      name: productVariants.name,
      weightMg: productVariants.weightMg,
      priceCents: productVariants.priceCents,
      medicalPriceCents: productVariants.medicalPriceCents,
      menuPriceCents: unitPriceSql(options.menu).mapWith(Number),
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
        options.locationId ? eq(inventoryLevels.locationId, options.locationId) : undefined,
      ),
    )
    .where(
      and(eq(productVariants.organizationId, organizationId), inArray(productVariants.productId, productIds)),
    )
    .groupBy(productVariants.id)
    .orderBy(asc(productVariants.position), asc(productVariants.id));
}

/**
 * A page of the live menu. Stock is read from the same rows checkout reserves from, so what a shopper sees
 * is what can be bought: available = on hand - reserved, summed over the tenant's locations (or one of them).
 * `menuPriceCents` is a variant's price on the chosen menu, and `fromPriceCents` the cheapest of those.
 */
export async function listMenuProducts(db: DbOrTx, organizationId: string, query: MenuQuery) {
  if (query.locationId) await assertTenantLocation(db, organizationId, query.locationId);
  const offset = (query.page - 1) * query.pageSize;
  const rows = await menuPage(db, organizationId, query, offset, query.pageSize);
  // Past the last page there are no rows to carry the window count, so ask for the first row's.
  const total =
    rows[0]?.total ?? (offset > 0 ? ((await menuPage(db, organizationId, query, 0, 1))[0]?.total ?? 0) : 0);
  const variants = await variantsWithStock(
    db,
    organizationId,
    rows.map((r) => r.id),
    query,
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
        available: own.reduce((sum, v) => sum + v.available, 0),
      };
    }),
  };
}
