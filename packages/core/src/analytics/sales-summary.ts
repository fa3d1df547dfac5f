import { and, count, desc, eq, gte, lt, notInArray, sql, sum } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import { orderItems, orders } from "@cannasaas/db/schema";
import { DomainError } from "../errors";

const DAY_MS = 86_400_000;
/** Orders that are not sales: they count by status but not in revenue or top products. */
const NOT_SALES = ["cancelled", "refunded"] as const;
export const SALES_SUMMARY_DEFAULT_DAYS = 30;
export const SALES_SUMMARY_MAX_DAYS = 366;

/**
 * Sales in a range of placement times [from, to): order count, revenue and average order value (cancelled and
 * refunded orders excluded), every order by status, and the ten best-selling variants by units. Defaults to the
 * 30 days before `to` (itself defaulting to now); refuses an empty or reversed range and one over 366 days.
 */
export async function salesSummary(
  deps: { db: DbOrTx; clock: () => Date },
  organizationId: string,
  range: { from?: Date; to?: Date } = {},
) {
  const to = range.to ?? deps.clock();
  const from = range.from ?? new Date(to.getTime() - SALES_SUMMARY_DEFAULT_DAYS * DAY_MS);
  if (from >= to) throw new DomainError("BAD_REQUEST", "`from` must be before `to`.", { field: "from" });
  if (to.getTime() - from.getTime() > SALES_SUMMARY_MAX_DAYS * DAY_MS)
    throw new DomainError("BAD_REQUEST", "The range may span at most 366 days.", { field: "from" });
  const inRange = and(
    eq(orders.organizationId, organizationId),
    gte(orders.placedAt, from),
    lt(orders.placedAt, to),
  );
  const sales = and(inRange, notInArray(orders.status, [...NOT_SALES]));
  const [totals, byStatus, top] = await Promise.all([
    deps.db
      .select({ n: count(), revenue: sum(orders.totalCents).mapWith(Number) })
      .from(orders)
      .where(sales),
    deps.db.select({ status: orders.status, n: count() }).from(orders).where(inRange).groupBy(orders.status),
    deps.db
      .select({
        variantId: orderItems.variantId,
        sku: orderItems.sku,
        productName: orderItems.productName,
        variantName: orderItems.variantName,
        units: sum(orderItems.quantity).mapWith(Number),
        revenueCents: sum(orderItems.totalCents).mapWith(Number),
      })
      .from(orderItems)
      .innerJoin(orders, and(eq(orders.id, orderItems.orderId), eq(orders.organizationId, organizationId)))
      .where(and(eq(orderItems.organizationId, organizationId), sales))
      .groupBy(orderItems.variantId, orderItems.sku, orderItems.productName, orderItems.variantName)
      .orderBy(desc(sql`sum(${orderItems.quantity})`), orderItems.sku)
      .limit(10),
  ]);
  const n = totals[0]?.n ?? 0;
  const revenue = totals[0]?.revenue ?? 0;
  return {
    from,
    to,
    orders: n,
    revenueCents: revenue,
    averageOrderValueCents: n ? Math.round(revenue / n) : 0,
    ordersByStatus: Object.fromEntries(byStatus.map((r) => [r.status, r.n])),
    topProducts: top,
  };
}
