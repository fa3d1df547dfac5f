import { and, desc, eq, gte, lte, sql } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import {
  brands,
  categories,
  locations,
  products,
  productVariants,
  salesDaily,
  users,
} from "@cannasaas/db/schema";
import { itemSalesByVariant } from "./item-sales";
import { rangeLength, type ReportRange } from "./range";

export const BREAKDOWNS = ["location", "category", "brand", "product", "budtender", "fulfillment"] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

export type BreakdownRow = {
  key: string;
  label: string;
  orders: number | null;
  units: number;
  netSalesCents: number;
};

/**
 * Completed sales split one way: by location, fulfilment or staff member (from the daily rollup, net of
 * discounts) or by category, brand or product (from the item rollups, line subtotals before order
 * discounts). Largest first; at most 200 rows.
 */
export async function salesBreakdown(
  db: DbOrTx,
  organizationId: string,
  input: ReportRange & { by: Breakdown },
): Promise<BreakdownRow[]> {
  rangeLength(input);
  if (input.by === "location" || input.by === "fulfillment" || input.by === "budtender") {
    const where = and(
      eq(salesDaily.organizationId, organizationId),
      gte(salesDaily.day, input.from),
      lte(salesDaily.day, input.to),
    );
    const figures = {
      orders: sql<number>`sum(${salesDaily.orders})`.mapWith(Number),
      units: sql<number>`sum(${salesDaily.units})`.mapWith(Number),
      netSalesCents: sql<number>`sum(${salesDaily.subtotalCents} - ${salesDaily.discountCents})`.mapWith(
        Number,
      ),
    };
    if (input.by === "location") {
      const rows = await db
        .select({ key: salesDaily.locationId, label: locations.name, ...figures })
        .from(salesDaily)
        .innerJoin(locations, eq(locations.id, salesDaily.locationId))
        .where(where)
        .groupBy(salesDaily.locationId, locations.name)
        .orderBy(desc(figures.netSalesCents));
      return rows;
    }
    if (input.by === "fulfillment") {
      const rows = await db
        .select({ key: salesDaily.fulfillment, ...figures })
        .from(salesDaily)
        .where(where)
        .groupBy(salesDaily.fulfillment)
        .orderBy(desc(figures.netSalesCents));
      return rows.map((r) => ({ ...r, label: r.key === "pickup" ? "Pickup" : "Delivery" }));
    }
    const rows = await db
      .select({ key: salesDaily.completedByUserId, name: users.name, email: users.email, ...figures })
      .from(salesDaily)
      .leftJoin(users, eq(users.id, salesDaily.completedByUserId))
      .where(where)
      .groupBy(salesDaily.completedByUserId, users.name, users.email)
      .orderBy(desc(figures.netSalesCents))
      .limit(200);
    return rows.map((r) => ({
      key: r.key ?? "none",
      label: r.key ? (r.name ?? r.email ?? "Former staff member") : "Not recorded",
      orders: r.orders,
      units: r.units,
      netSalesCents: r.netSalesCents,
    }));
  }
  const group =
    input.by === "category"
      ? { key: categories.id, label: categories.name }
      : input.by === "brand"
        ? {
            key: sql<string>`coalesce(${brands.id}::text, 'none')`,
            label: sql<string>`coalesce(${brands.name}, 'No brand')`,
          }
        : { key: products.id, label: products.name };
  const sold = itemSalesByVariant(db, organizationId, input);
  const rows = await db
    .select({
      key: group.key,
      label: group.label,
      units: sql<number>`sum(${sold.units})`.mapWith(Number),
      netSalesCents: sql<number>`sum(${sold.netSalesCents})`.mapWith(Number),
    })
    .from(sold)
    .innerJoin(productVariants, eq(productVariants.id, sold.variantId))
    .innerJoin(products, eq(products.id, productVariants.productId))
    .leftJoin(categories, eq(categories.id, products.categoryId))
    .leftJoin(brands, eq(brands.id, products.brandId))
    .groupBy(sql`1`, sql`2`)
    .orderBy(sql`4 desc`)
    .limit(200);
  return rows.map((r) => ({
    key: String(r.key ?? "none"),
    label: r.label ?? "Uncategorised",
    orders: null,
    units: r.units,
    netSalesCents: r.netSalesCents,
  }));
}

/**
 * Top and slow movers: the variants that sold the most units, and the active variants that sold the fewest
 * (none at all included), so a slow line shows up even when it never sold.
 */
export async function moversReport(
  db: DbOrTx,
  organizationId: string,
  input: ReportRange & { limit?: number },
) {
  rangeLength(input);
  const limit = input.limit ?? 20;
  const sold = itemSalesByVariant(db, organizationId, input);
  const base = () =>
    db
      .select({
        variantId: productVariants.id,
        sku: productVariants.sku,
        productName: products.name,
        variantName: productVariants.name,
        units: sql<number>`coalesce(${sold.units}, 0)`.mapWith(Number),
        netSalesCents: sql<number>`coalesce(${sold.netSalesCents}, 0)`.mapWith(Number),
      })
      .from(productVariants)
      .innerJoin(products, eq(products.id, productVariants.productId))
      .leftJoin(sold, eq(sold.variantId, productVariants.id))
      .where(and(eq(productVariants.organizationId, organizationId), eq(products.status, "active")));
  const [top, slow] = await Promise.all([
    base()
      .orderBy(sql`coalesce(${sold.units}, 0) desc`, productVariants.sku)
      .limit(limit),
    base()
      .orderBy(sql`coalesce(${sold.units}, 0) asc`, productVariants.sku)
      .limit(limit),
  ]);
  return { top: top.filter((r) => r.units > 0), slow };
}
