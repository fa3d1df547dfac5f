import { and, between, eq, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import { salesDailyItems, salesMonthlyItems } from "@cannasaas/db/schema";
import { shiftDay, type ReportRange } from "./range";

const monthStart = (day: string) => `${day.slice(0, 7)}-01`;
const nextMonth = (month: string) => {
  const [y, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
};

export type RangeSplit = {
  /** First days of the whole months inside the range, first and last; null when none. */
  months: { from: string; to: string } | null;
  /** The days outside those months (at most one stretch at each end). */
  days: ReportRange[];
};

/**
 * Splits a period into the whole calendar months it contains and the loose days at either end, so item reports
 * read a month rollup row where they can and daily rows only at the edges.
 */
export function splitRange(range: ReportRange): RangeSplit {
  const first = range.from === monthStart(range.from) ? range.from : nextMonth(monthStart(range.from));
  const afterTo = shiftDay(range.to, 1);
  // The last whole month ends on `to` when `to` is a month's last day; otherwise it is the month before `to`'s.
  const endExclusive = afterTo === monthStart(afterTo) ? afterTo : monthStart(range.to);
  if (first >= endExclusive) return { months: null, days: [range] };
  const days: ReportRange[] = [];
  if (range.from < first) days.push({ from: range.from, to: shiftDay(first, -1) });
  if (endExclusive <= range.to) days.push({ from: endExclusive, to: range.to });
  return { months: { from: first, to: monthStart(shiftDay(endExclusive, -1)) }, days };
}

/**
 * Completed item sales per variant over a period, as a subquery (variant_id, units, net_sales_cents): whole months
 * from the monthly rollup, the edge days from the daily one. Line subtotals, before order-level discounts.
 */
export function itemSalesByVariant(db: DbOrTx, organizationId: string, range: ReportRange) {
  const split = splitRange(range);
  const dayRanges: SQL[] = split.days.map((d) => between(salesDailyItems.day, d.from, d.to));
  const daily = db
    .select({
      variantId: salesDailyItems.variantId,
      units: sql<number>`${salesDailyItems.units}`.as("units"),
      subtotalCents: sql<number>`${salesDailyItems.subtotalCents}`.as("subtotal_cents"),
    })
    .from(salesDailyItems)
    .where(
      and(
        eq(salesDailyItems.organizationId, organizationId),
        dayRanges.length > 0 ? or(...dayRanges) : sql`false`,
      ),
    );
  const rows = split.months
    ? daily.unionAll(
        db
          .select({
            variantId: salesMonthlyItems.variantId,
            units: sql<number>`${salesMonthlyItems.units}`.as("units"),
            subtotalCents: sql<number>`${salesMonthlyItems.subtotalCents}`.as("subtotal_cents"),
          })
          .from(salesMonthlyItems)
          .where(
            and(
              eq(salesMonthlyItems.organizationId, organizationId),
              between(salesMonthlyItems.month, split.months.from, split.months.to),
            ),
          ),
      )
    : daily;
  const rowsSub = rows.as("item_rows");
  return db
    .select({
      variantId: rowsSub.variantId,
      units: sql<number>`sum(${rowsSub.units})`.as("units"),
      netSalesCents: sql<number>`sum(${rowsSub.subtotalCents})`.as("net_sales_cents"),
    })
    .from(rowsSub)
    .groupBy(rowsSub.variantId)
    .as("item_sales");
}
