import { and, eq, gte, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import { orders, organizations } from "@cannasaas/db/schema";
import { DomainError } from "../errors";
import { addDays } from "../time";
import { OPEN_STATUSES, type OrderStatus } from "../orders/transitions";
import { calendarDayIn } from "../time";

export type DailySales = { day: string; orders: number; salesCents: number };

/**
 * The dashboard's headline numbers, by calendar day in the organization's time zone. A sale is an order that
 * was completed (handed over) that day; its amount is the order total, taxes and fees included. Refunded
 * orders no longer count. `days` is the length of the daily series ending today, zero-filled.
 */
export async function dashboardSummary(
  db: DbOrTx,
  organizationId: string,
  options: { now: Date; days: number },
) {
  const [org] = await db
    .select({ timeZone: organizations.timeZone })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  if (!org) throw new DomainError("NOT_FOUND", "That organization does not exist.");
  const tz = org.timeZone;
  const today = calendarDayIn(options.now, tz);
  const first = addDays(today, -(options.days - 1));
  const startOf = (day: string) => sql`(${day}::date)::timestamp at time zone ${tz}::text`;
  const completedDay = sql<string>`to_char(${orders.completedAt} at time zone ${tz}::text, 'YYYY-MM-DD')`;

  const daily = await db
    .select({
      day: completedDay,
      orders: sql<number>`count(*)`.mapWith(Number),
      salesCents: sql<number>`coalesce(sum(${orders.totalCents}), 0)`.mapWith(Number),
    })
    .from(orders)
    .where(
      and(
        eq(orders.organizationId, organizationId),
        eq(orders.status, "completed"),
        gte(orders.completedAt, startOf(first)),
        sql`${orders.completedAt} < ${startOf(addDays(today, 1))}`,
      ),
    )
    // By position: the expression carries a parameter, which Postgres would not match between SELECT and GROUP BY.
    .groupBy(sql`1`);
  const byDay = new Map(daily.map((d) => [d.day, d]));
  const series: DailySales[] = [];
  for (let day = first; day <= today; day = addDays(day, 1)) {
    const row = byDay.get(day);
    series.push({ day, orders: row?.orders ?? 0, salesCents: row?.salesCents ?? 0 });
  }

  const statusRows = await db
    .select({ status: orders.status, count: sql<number>`count(*)`.mapWith(Number) })
    .from(orders)
    .where(
      and(
        eq(orders.organizationId, organizationId),
        gte(orders.placedAt, startOf(today)),
        sql`${orders.placedAt} < ${startOf(addDays(today, 1))}`,
      ),
    )
    .groupBy(orders.status);
  const openRows = await db
    .select({ status: orders.status, count: sql<number>`count(*)`.mapWith(Number) })
    .from(orders)
    .where(and(eq(orders.organizationId, organizationId), inArray(orders.status, OPEN_STATUSES)))
    .groupBy(orders.status);

  const todayRow = series[series.length - 1]!;
  const periodOrders = series.reduce((sum, d) => sum + d.orders, 0);
  const periodSales = series.reduce((sum, d) => sum + d.salesCents, 0);
  return {
    today,
    timeZone: tz,
    todaySales: {
      orders: todayRow.orders,
      salesCents: todayRow.salesCents,
      averageOrderCents: average(todayRow.salesCents, todayRow.orders),
    },
    period: {
      days: options.days,
      orders: periodOrders,
      salesCents: periodSales,
      averageOrderCents: average(periodSales, periodOrders),
    },
    /** Orders placed today, by their current status. */
    todayByStatus: Object.fromEntries(statusRows.map((r) => [r.status, r.count])) as Partial<
      Record<OrderStatus, number>
    >,
    /** Every order still in progress, whenever it was placed. */
    openByStatus: Object.fromEntries(openRows.map((r) => [r.status, r.count])) as Partial<
      Record<OrderStatus, number>
    >,
    series,
  };
}

/** Whole cents, rounded half up; null when there is nothing to average. */
function average(totalCents: number, count: number) {
  return count === 0 ? null : Math.round(totalCents / count);
}
