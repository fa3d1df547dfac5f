import { and, between, eq, or, sql, type SQL } from "drizzle-orm";
import { unionAll } from "drizzle-orm/pg-core";
import type { DbOrTx } from "@cannasaas/db/client";
import { salesDailyItems, salesMonthlyItems, salesWeeklyItems } from "@cannasaas/db/schema";
import { itemWeekOf, itemWeekOnOrAfter, startsItemWeek } from "../rollups/item-weeks";
import { shiftDay, type ReportRange } from "./range";

const monthStart = (day: string) => `${day.slice(0, 7)}-01`;
const nextMonth = (month: string) => {
  const [y, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
};

/** First and last key of a run of rollup rows (both included). */
type KeySpan = { from: string; to: string };

export type RangeSplit = {
  /** First days of the whole months inside the range, first and last; null when none. */
  months: KeySpan | null;
  /** First days of the whole weekly buckets outside those months (at most one run at each end). */
  weeks: KeySpan[];
  /** The days outside both (at most six at each end). */
  days: ReportRange[];
};

/** Whole calendar months inside a range, and the partial months left over at either end. */
function splitMonths(range: ReportRange): { months: KeySpan | null; rest: ReportRange[] } {
  const first = range.from === monthStart(range.from) ? range.from : nextMonth(monthStart(range.from));
  const afterTo = shiftDay(range.to, 1);
  // The last whole month ends on `to` when `to` is a month's last day; otherwise it is the month before `to`'s.
  const endExclusive = afterTo === monthStart(afterTo) ? afterTo : monthStart(range.to);
  if (first >= endExclusive) return { months: null, rest: [range] };
  const rest: ReportRange[] = [];
  if (range.from < first) rest.push({ from: range.from, to: shiftDay(first, -1) });
  if (endExclusive <= range.to) rest.push({ from: endExclusive, to: range.to });
  return { months: { from: first, to: monthStart(shiftDay(endExclusive, -1)) }, rest };
}

/** Whole weekly buckets inside a range, and the loose days at either end. */
function splitWeeks(range: ReportRange): { weeks: KeySpan | null; days: ReportRange[] } {
  const first = itemWeekOnOrAfter(range.from);
  const afterTo = shiftDay(range.to, 1);
  const endExclusive = startsItemWeek(afterTo) ? afterTo : itemWeekOf(range.to);
  if (first >= endExclusive) return { weeks: null, days: [range] };
  const days: ReportRange[] = [];
  if (range.from < first) days.push({ from: range.from, to: shiftDay(first, -1) });
  if (endExclusive <= range.to) days.push({ from: endExclusive, to: range.to });
  return { weeks: { from: first, to: itemWeekOf(shiftDay(endExclusive, -1)) }, days };
}

/**
 * Splits a period into the whole calendar months it contains, the whole weekly buckets (weeks cut at month
 * starts) of the partial months at either end, and the loose days left, so item reports read a month row where
 * they can, a week row next, and daily rows only for at most six days at each end. Every day of the period is in
 * exactly one part because weekly buckets never cross a month start.
 */
export function splitRange(range: ReportRange): RangeSplit {
  const { months, rest } = splitMonths(range);
  const split: RangeSplit = { months, weeks: [], days: [] };
  for (const part of rest) {
    const { weeks, days } = splitWeeks(part);
    if (weeks) split.weeks.push(weeks);
    split.days.push(...days);
  }
  return split;
}

const anyOf = (conditions: SQL[]) => (conditions.length > 0 ? or(...conditions) : sql`false`);

/**
 * Completed item sales per variant over a period, as a subquery (variant_id, units, net_sales_cents): whole months
 * from the monthly rollup, whole weekly buckets from the weekly one, the edge days from the daily one. Line
 * subtotals, before order-level discounts.
 */
export function itemSalesByVariant(db: DbOrTx, organizationId: string, range: ReportRange) {
  const split = splitRange(range);
  const rowsOf = (
    table: typeof salesDailyItems | typeof salesWeeklyItems | typeof salesMonthlyItems,
    where: SQL | undefined,
  ) =>
    db
      .select({
        variantId: table.variantId,
        units: sql<number>`${table.units}`.as("units"),
        subtotalCents: sql<number>`${table.subtotalCents}`.as("subtotal_cents"),
      })
      .from(table)
      .where(and(eq(table.organizationId, organizationId), where));
  const rows = unionAll(
    rowsOf(salesDailyItems, anyOf(split.days.map((d) => between(salesDailyItems.day, d.from, d.to)))),
    rowsOf(salesWeeklyItems, anyOf(split.weeks.map((w) => between(salesWeeklyItems.week, w.from, w.to)))),
    rowsOf(
      salesMonthlyItems,
      split.months ? between(salesMonthlyItems.month, split.months.from, split.months.to) : sql`false`,
    ),
  ).as("item_rows");
  return db
    .select({
      variantId: rows.variantId,
      units: sql<number>`sum(${rows.units})`.as("units"),
      netSalesCents: sql<number>`sum(${rows.subtotalCents})`.as("net_sales_cents"),
    })
    .from(rows)
    .groupBy(rows.variantId)
    .as("item_sales");
}
