import { and, eq, gte, lte, sql } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import { salesDaily } from "@cannasaas/db/schema";
import { change, previousRange, rangeLength, ratio, type ReportGrain, type ReportRange } from "./range";

const inRange = (organizationId: string, range: ReportRange) =>
  and(
    eq(salesDaily.organizationId, organizationId),
    gte(salesDaily.day, range.from),
    lte(salesDaily.day, range.to),
  );

const totalsColumns = {
  orders: sql<number>`coalesce(sum(${salesDaily.orders}), 0)`.mapWith(Number),
  units: sql<number>`coalesce(sum(${salesDaily.units}), 0)`.mapWith(Number),
  subtotalCents: sql<number>`coalesce(sum(${salesDaily.subtotalCents}), 0)`.mapWith(Number),
  discountCents: sql<number>`coalesce(sum(${salesDaily.discountCents}), 0)`.mapWith(Number),
  deliveryFeeCents: sql<number>`coalesce(sum(${salesDaily.deliveryFeeCents}), 0)`.mapWith(Number),
  exciseCents: sql<number>`coalesce(sum(${salesDaily.exciseCents}), 0)`.mapWith(Number),
  localCannabisCents: sql<number>`coalesce(sum(${salesDaily.localCannabisCents}), 0)`.mapWith(Number),
  salesTaxCents: sql<number>`coalesce(sum(${salesDaily.salesTaxCents}), 0)`.mapWith(Number),
  totalCents: sql<number>`coalesce(sum(${salesDaily.totalCents}), 0)`.mapWith(Number),
};

async function totals(db: DbOrTx, organizationId: string, range: ReportRange) {
  const [row] = await db.select(totalsColumns).from(salesDaily).where(inRange(organizationId, range));
  const t = row!;
  return {
    ...t,
    /** Net sales: what the goods sold for after discounts, before taxes and fees. */
    netSalesCents: t.subtotalCents - t.discountCents,
    averageOrderCents: ratio(t.totalCents, t.orders),
    itemsPerOrder: t.orders === 0 ? null : Math.round((t.units / t.orders) * 100) / 100,
  };
}

/**
 * Completed sales over a period by day, week (starting Monday) or month, with the totals of the period just
 * before for comparison: orders, units, net sales, discounts, taxes by type, average order value and items per
 * order. Reads the daily rollup only.
 */
export async function salesReport(
  db: DbOrTx,
  organizationId: string,
  input: ReportRange & { grain: ReportGrain },
) {
  rangeLength(input);
  const range = { from: input.from, to: input.to };
  const previous = previousRange(range);
  const bucket = sql<string>`to_char(date_trunc(${input.grain}, ${salesDaily.day}::timestamp), 'YYYY-MM-DD')`;
  const [series, current, before] = await Promise.all([
    db
      .select({
        period: bucket,
        orders: totalsColumns.orders,
        units: totalsColumns.units,
        netSalesCents:
          sql<number>`coalesce(sum(${salesDaily.subtotalCents} - ${salesDaily.discountCents}), 0)`.mapWith(
            Number,
          ),
        totalCents: totalsColumns.totalCents,
      })
      .from(salesDaily)
      .where(inRange(organizationId, range))
      .groupBy(sql`1`)
      .orderBy(sql`1`),
    totals(db, organizationId, range),
    totals(db, organizationId, previous),
  ]);
  return {
    range,
    previous,
    grain: input.grain,
    series,
    totals: current,
    previousTotals: before,
    changePercent: {
      netSales: change(current.netSalesCents, before.netSalesCents),
      orders: change(current.orders, before.orders),
      // Without orders in either period there is no average to compare (not a 100% drop).
      averageOrder:
        current.averageOrderCents === null || before.averageOrderCents === null
          ? null
          : change(current.averageOrderCents, before.averageOrderCents),
    },
  };
}
