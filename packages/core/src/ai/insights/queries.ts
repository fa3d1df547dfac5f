import { and, asc, between, desc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import { categories, productVariants, products, salesDaily, salesDailyItems } from "@cannasaas/db/schema";
import { listLowStock } from "../../inventory/queries";
import { change, rangeLength, ratio, shiftDay, type ReportRange } from "../../analytics/reports/range";

/**
 * Read-only figures for the owner's assistant, each over store calendar days (the rollups count a sale on the
 * day it was completed in its location's time zone) and, optionally, one location. Every query leads with the
 * organization: the assistant's tools reach nothing else.
 */

const itemsWhere = (organizationId: string, range: ReportRange, locationId: string | null) =>
  and(
    eq(salesDailyItems.organizationId, organizationId),
    between(salesDailyItems.day, range.from, range.to),
    locationId ? eq(salesDailyItems.locationId, locationId) : undefined,
  );

const units = sql<number>`coalesce(sum(${salesDailyItems.units}), 0)`.mapWith(Number);
const itemSales = sql<number>`coalesce(sum(${salesDailyItems.subtotalCents}), 0)`.mapWith(Number);

/** Products by units sold (then sales), line subtotals before order-level discounts. */
export async function salesByProduct(
  db: DbOrTx,
  organizationId: string,
  input: { range: ReportRange; locationId: string | null; limit: number },
) {
  rangeLength(input.range);
  return db
    .select({ product: products.name, units, salesCents: itemSales })
    .from(salesDailyItems)
    .innerJoin(productVariants, eq(productVariants.id, salesDailyItems.variantId))
    .innerJoin(
      products,
      and(eq(products.id, productVariants.productId), eq(products.organizationId, organizationId)),
    )
    .where(itemsWhere(organizationId, input.range, input.locationId))
    .groupBy(products.id, products.name)
    .orderBy(desc(units), desc(itemSales), asc(products.name))
    .limit(input.limit);
}

/** Categories by sales (then units). */
export async function salesByCategory(
  db: DbOrTx,
  organizationId: string,
  input: { range: ReportRange; locationId: string | null; limit: number },
) {
  rangeLength(input.range);
  const rows = await db
    .select({ category: categories.name, units, salesCents: itemSales })
    .from(salesDailyItems)
    .innerJoin(productVariants, eq(productVariants.id, salesDailyItems.variantId))
    .innerJoin(
      products,
      and(eq(products.id, productVariants.productId), eq(products.organizationId, organizationId)),
    )
    .leftJoin(categories, eq(categories.id, products.categoryId))
    .where(itemsWhere(organizationId, input.range, input.locationId))
    .groupBy(categories.id, categories.name)
    .orderBy(desc(itemSales), desc(units), asc(categories.name))
    .limit(input.limit);
  return rows.map((r) => ({ ...r, category: r.category ?? "Uncategorised" }));
}

async function totalsOver(db: DbOrTx, organizationId: string, range: ReportRange, locationId: string | null) {
  const [row] = await db
    .select({
      orders: sql<number>`coalesce(sum(${salesDaily.orders}), 0)`.mapWith(Number),
      netSalesCents:
        sql<number>`coalesce(sum(${salesDaily.subtotalCents} - ${salesDaily.discountCents}), 0)`.mapWith(
          Number,
        ),
      totalCents: sql<number>`coalesce(sum(${salesDaily.totalCents}), 0)`.mapWith(Number),
    })
    .from(salesDaily)
    .where(
      and(
        eq(salesDaily.organizationId, organizationId),
        between(salesDaily.day, range.from, range.to),
        locationId ? eq(salesDaily.locationId, locationId) : undefined,
      ),
    );
  const t = row!;
  return { ...t, averageOrderCents: ratio(t.totalCents, t.orders) };
}

/** Completed orders and revenue over a period, beside the period of the same length just before. */
export async function salesTotals(
  db: DbOrTx,
  organizationId: string,
  input: { range: ReportRange; locationId: string | null },
) {
  const days = rangeLength(input.range);
  const previousRange = { from: shiftDay(input.range.from, -days), to: shiftDay(input.range.from, -1) };
  const [current, previous] = await Promise.all([
    totalsOver(db, organizationId, input.range, input.locationId),
    totalsOver(db, organizationId, previousRange, input.locationId),
  ]);
  return {
    current,
    previous,
    previousRange,
    netSalesChangePercent: change(current.netSalesCents, previous.netSalesCents),
  };
}

const oneDecimal = (n: number) => Math.round(n * 10) / 10;

/**
 * Items at or below their low-stock level (the inventory page's definition), with how fast each sold at its
 * location over the last `days` store days up to today: units a day and the days the available stock lasts at
 * that pace. Fastest to run out first; items that did not sell come last.
 */
export async function lowStockVelocity(
  db: DbOrTx,
  organizationId: string,
  input: { locationId: string | null; today: string; days: number; limit: number },
) {
  const low = await listLowStock(db, organizationId, { locationId: input.locationId, limit: 200 });
  if (!low.length) return [];
  const range = { from: shiftDay(input.today, -(input.days - 1)), to: input.today };
  const sold = await db
    .select({ locationId: salesDailyItems.locationId, variantId: salesDailyItems.variantId, units })
    .from(salesDailyItems)
    .where(itemsWhere(organizationId, range, input.locationId))
    .groupBy(salesDailyItems.locationId, salesDailyItems.variantId);
  const soldBy = new Map(sold.map((s) => [`${s.locationId}:${s.variantId}`, s.units]));
  return low
    .map((row) => {
      const unitsSold = soldBy.get(`${row.locationId}:${row.variantId}`) ?? 0;
      const perDay = oneDecimal(unitsSold / input.days);
      return {
        product: row.productName,
        variant: row.variantName,
        sku: row.sku,
        location: row.locationName,
        available: Math.max(row.available, 0),
        lowStockThreshold: row.lowStockThreshold,
        unitsSold,
        unitsPerDay: perDay,
        daysLeft: unitsSold > 0 ? oneDecimal(Math.max(row.available, 0) / (unitsSold / input.days)) : null,
      };
    })
    .sort(
      (a, b) =>
        (a.daysLeft ?? Infinity) - (b.daysLeft ?? Infinity) ||
        b.unitsSold - a.unitsSold ||
        a.product.localeCompare(b.product),
    )
    .slice(0, input.limit);
}
