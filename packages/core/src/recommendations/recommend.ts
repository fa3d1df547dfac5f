import { and, eq, inArray, notInArray, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import {
  brands,
  categories,
  inventoryLevels,
  orderItems,
  orders,
  products,
  productVariants,
} from "@cannasaas/db/schema";
import type { KV } from "@cannasaas/integrations/kv";
import { cachedMenuRead } from "../catalog/menu-cache";
import { readStorefrontLocations } from "../catalog/menu-reads";
import { hasFeature } from "../plans/features";

export type RecommendedProduct = {
  id: string;
  slug: string;
  name: string;
  brand: string | null;
  category: string;
  strainType: "indica" | "sativa" | "hybrid" | "cbd" | null;
  imageUrl: string | null;
  fromPriceCents: number;
};

export type Recommendations = {
  /** False on a plan without AI recommendations: the page shows no section at all. */
  enabled: boolean;
  similar: RecommendedProduct[];
  boughtTogether: RecommendedProduct[];
  /** True when order history was too thin and "bought together" was filled with similar products. */
  boughtTogetherFromHistory: boolean;
};

/** Orders sharing a product with the seeds that make a pair worth showing; fewer is chance, not a pattern. */
const MIN_SHARED_ORDERS = 2;
/** Sold orders only: a cancelled or refunded basket says nothing about what goes together. */
const SOLD = ["confirmed", "preparing", "ready", "out_for_delivery", "completed"] as const;

/** Active products of the organization with units available (at `locationId`, or at any location). */
function inStock(organizationId: string, locationId: string | null): SQL {
  return sql`exists (
    select 1 from ${productVariants} pv
    join ${inventoryLevels} il on il.variant_id = pv.id and il.organization_id = ${organizationId}
    where pv.product_id = ${products.id} and pv.organization_id = ${organizationId}
      and il.on_hand - il.reserved > 0
      ${locationId ? sql`and il.location_id = ${locationId}` : sql``}
  )`;
}

function cardQuery(db: DbOrTx, organizationId: string) {
  return db
    .select({
      id: products.id,
      slug: products.slug,
      name: products.name,
      brand: brands.name,
      category: categories.name,
      strainType: products.strainType,
      imageUrl: products.imageUrl,
      fromPriceCents:
        sql<number>`(select min(pv.price_cents) from ${productVariants} pv where pv.product_id = ${products.id} and pv.organization_id = ${organizationId})`.mapWith(
          Number,
        ),
    })
    .from(products)
    .innerJoin(categories, eq(categories.id, products.categoryId))
    .leftJoin(brands, eq(brands.id, products.brandId));
}

/** How many of a product's most similar products are cached, before stock and exclusions are applied. */
const SIMILAR_CANDIDATES = 40;

/**
 * Products like `seed` by their attributes: same category, strain type, shared reported effects and terpenes,
 * same brand, near in potency. Only the organization's active, in-stock products. Scoring every product of
 * the menu is most of a product page's database time, and only the catalog changes it, so the ranking is
 * cached under the menu cache's `products` and `prices` tags; stock is read live for the candidates, as the
 * menu's is. `complete` is false when the cached ranking may hold too few: the caller then makes the ranking live
 * (`rankSimilar`), so the answer is always the one the live query gives.
 */
async function stockedSimilar(
  deps: { db: DbOrTx; kv: KV },
  organizationId: string,
  seedId: string,
  exclude: string[],
  locationId: string | null,
): Promise<{ products: RecommendedProduct[]; complete: boolean }> {
  const candidates = await cachedMenuRead(
    deps.kv,
    organizationId,
    `similar:${seedId}`,
    ["products", "prices"],
    () => rankSimilar(deps.db, organizationId, seedId, [], undefined, SIMILAR_CANDIDATES),
  );
  const excluded = new Set([seedId, ...exclude]);
  const wanted = candidates.filter((p) => !excluded.has(p.id));
  const stocked = await inStockAmong(
    deps.db,
    organizationId,
    wanted.map((p) => p.id),
    locationId,
  );
  return {
    products: wanted.filter((p) => stocked.has(p.id)),
    // Fewer candidates than the cache keeps means the ranking holds every other active product.
    complete: candidates.length < SIMILAR_CANDIDATES,
  };
}

/** The products of `productIds` with units available (at `locationId`, or at any location). */
async function inStockAmong(
  db: DbOrTx,
  organizationId: string,
  productIds: string[],
  locationId: string | null,
): Promise<Set<string>> {
  if (!productIds.length) return new Set();
  const rows = await db
    .select({ id: products.id })
    .from(products)
    .where(
      and(
        eq(products.organizationId, organizationId),
        inArray(products.id, productIds),
        inStock(organizationId, locationId),
      ),
    );
  return new Set(rows.map((r) => r.id));
}

/**
 * The ranking itself: the organization's active products other than `seed` and `exclude`, most similar
 * first. With a `locationId` (null: any location) only those in stock; without one (undefined), regardless of
 * stock, for the cache.
 */
async function rankSimilar(
  db: DbOrTx,
  organizationId: string,
  seedId: string,
  exclude: string[],
  locationId: string | null | undefined,
  limit: number,
): Promise<RecommendedProduct[]> {
  const [seed] = await db
    .select()
    .from(products)
    .where(and(eq(products.id, seedId), eq(products.organizationId, organizationId)));
  if (!seed) return [];
  const effects = seed.effects.map((e) => e.toLowerCase());
  const terpenes = seed.terpenes.map((t) => t.toLowerCase());
  const overlap = (column: SQL, values: string[]) =>
    values.length
      ? sql`(select count(*) from unnest(${column}) x where lower(x) in (${sql.join(
          values.map((v) => sql`${v}`),
          sql`, `,
        )}))`
      : sql`0`;
  const score = sql<number>`(
    case when ${products.categoryId} = ${seed.categoryId} then 3 else 0 end
    + case when ${products.strainType} is not distinct from ${seed.strainType} and ${products.strainType} is not null then 2 else 0 end
    + ${overlap(sql`${products.effects}`, effects)} * 1.0
    + ${overlap(sql`${products.terpenes}`, terpenes)} * 0.7
    + case when ${seed.brandId ? sql`${products.brandId} = ${seed.brandId}` : sql`false`} then 1 else 0 end
    + case when ${seed.thcBps === null ? sql`false` : sql`abs(coalesce(${products.thcBps}, -10000) - ${seed.thcBps}) <= 300`} then 0.5 else 0 end
  )`;
  return cardQuery(db, organizationId)
    .where(
      and(
        eq(products.organizationId, organizationId),
        eq(products.status, "active"),
        notInArray(products.id, [seedId, ...exclude]),
        locationId === undefined ? undefined : inStock(organizationId, locationId),
      ),
    )
    .orderBy(sql`${score} desc`, products.name, products.id)
    .limit(limit);
}

/** Products most often in the same sold orders as the seeds (this organization's orders only), with counts. */
async function boughtWith(
  db: DbOrTx,
  organizationId: string,
  seedIds: string[],
  locationId: string | null,
  limit: number,
): Promise<RecommendedProduct[]> {
  const seedLines = db
    .select({ orderId: orderItems.orderId })
    .from(orderItems)
    .innerJoin(productVariants, eq(productVariants.id, orderItems.variantId))
    .innerJoin(orders, eq(orders.id, orderItems.orderId))
    .where(
      and(
        eq(orderItems.organizationId, organizationId),
        eq(orders.organizationId, organizationId),
        inArray(orders.status, [...SOLD]),
        inArray(productVariants.productId, seedIds),
      ),
    );
  const shared = sql<number>`count(distinct ${orderItems.orderId})`.mapWith(Number);
  const pairs = await db
    .select({ productId: productVariants.productId, shared })
    .from(orderItems)
    .innerJoin(productVariants, eq(productVariants.id, orderItems.variantId))
    .where(
      and(
        eq(orderItems.organizationId, organizationId),
        inArray(orderItems.orderId, seedLines),
        notInArray(productVariants.productId, seedIds),
      ),
    )
    .groupBy(productVariants.productId)
    .having(sql`${shared} >= ${MIN_SHARED_ORDERS}`)
    .orderBy(sql`${shared} desc`, productVariants.productId)
    .limit(limit * 3);
  if (!pairs.length) return [];
  const cards = await cardQuery(db, organizationId).where(
    and(
      eq(products.organizationId, organizationId),
      eq(products.status, "active"),
      inArray(
        products.id,
        pairs.map((p) => p.productId),
      ),
      inStock(organizationId, locationId),
    ),
  );
  const rank = new Map(pairs.map((p, i) => [p.productId, i]));
  return cards.sort((x, y) => rank.get(x.id)! - rank.get(y.id)!).slice(0, limit);
}

/**
 * "Similar products" (from attributes) and "frequently bought together" (from this store's own sold orders) for
 * a product page (one seed) or a cart (its products). Not from a model. When history is thin, "bought together"
 * is filled with similar products and says so. Every query is bound to the organization; an unknown location
 * counts as "any location".
 */
export async function recommendFor(
  deps: { db: DbOrTx; kv: KV },
  organizationId: string,
  input: { productIds: string[]; locationId?: string | null; limit?: number },
): Promise<Recommendations> {
  const off = { enabled: false, similar: [], boughtTogether: [], boughtTogetherFromHistory: false };
  if (!(await hasFeature(deps, organizationId, "ai_recommendations"))) return off;
  const limit = Math.min(input.limit ?? 4, 8);
  const seeds = [...new Set(input.productIds)].slice(0, 20);
  if (!seeds.length) return { ...off, enabled: true };
  // From the cached storefront locations, and only when one was asked for: no database round trip for it.
  let locationId: string | null = null;
  if (input.locationId) {
    const locations = await readStorefrontLocations(deps, organizationId);
    locationId = locations.find((l) => l.id === input.locationId)?.id ?? null;
  }
  // Issued together, the history and the similar candidates' stock overlap their trips to the database.
  const [together, pool] = await Promise.all([
    boughtWith(deps.db, organizationId, seeds, locationId, limit),
    stockedSimilar(deps, organizationId, seeds[0]!, seeds.slice(1), locationId),
  ]);
  const wanted = limit + Math.max(0, limit - together.length);
  const shown = new Set(together.map((p) => p.id));
  let similar = pool.products.filter((p) => !shown.has(p.id)).slice(0, wanted);
  if (similar.length < wanted && !pool.complete) {
    similar = await rankSimilar(
      deps.db,
      organizationId,
      seeds[0]!,
      [...seeds.slice(1), ...shown],
      locationId,
      wanted,
    );
  }
  if (together.length >= Math.min(2, limit)) {
    return {
      enabled: true,
      similar: similar.slice(0, limit),
      boughtTogether: together,
      boughtTogetherFromHistory: true,
    };
  }
  // Thin history: show what history has, then similar products the other list does not already show.
  const fill = similar.slice(limit, limit + (limit - together.length));
  return {
    enabled: true,
    similar: similar.slice(0, limit),
    boughtTogether: [...together, ...fill],
    boughtTogetherFromHistory: false,
  };
}
