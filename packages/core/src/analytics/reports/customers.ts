import { and, desc, eq, gte, isNotNull, lte, sql } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import { customerMonthlySales, customers, customerSales, users } from "@cannasaas/db/schema";
import { rangeLength, ratio, type ReportRange } from "./range";

const monthOf = (day: string) => `${day.slice(0, 7)}-01`;
const monthsBetween = (a: string, b: string) =>
  (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 + Number(b.slice(5, 7)) - Number(a.slice(5, 7));

/**
 * Cohorts by first-order month (within the range's months): how many customers each month won, what share of them
 * bought again 1, 2, ... months later, and their average lifetime value so far. Reads the customer rollups only.
 */
export async function cohortReport(db: DbOrTx, organizationId: string, input: ReportRange) {
  rangeLength(input);
  const first = monthOf(input.from);
  const last = monthOf(input.to);
  const inCohorts = and(
    eq(customerSales.organizationId, organizationId),
    gte(customerSales.firstMonth, first),
    lte(customerSales.firstMonth, last),
  );
  const [sizes, activity] = await Promise.all([
    db
      .select({
        month: customerSales.firstMonth,
        customers: sql<number>`count(*)`.mapWith(Number),
        lifetimeCents: sql<number>`sum(${customerSales.totalCents})`.mapWith(Number),
      })
      .from(customerSales)
      .where(and(inCohorts, sql`${customerSales.orders} > 0`))
      .groupBy(customerSales.firstMonth)
      .orderBy(customerSales.firstMonth),
    db
      .select({
        cohort: customerSales.firstMonth,
        month: customerMonthlySales.month,
        active: sql<number>`count(*)`.mapWith(Number),
      })
      .from(customerSales)
      .innerJoin(
        customerMonthlySales,
        and(
          eq(customerMonthlySales.organizationId, customerSales.organizationId),
          eq(customerMonthlySales.customerId, customerSales.customerId),
        ),
      )
      .where(inCohorts)
      .groupBy(customerSales.firstMonth, customerMonthlySales.month),
  ]);
  return sizes.map((c) => {
    const retention: number[] = [];
    for (const a of activity.filter((x) => x.cohort === c.month)) {
      const offset = monthsBetween(c.month!, a.month);
      retention[offset] = Math.round((a.active / c.customers) * 1000) / 10;
    }
    return {
      month: c.month!,
      customers: c.customers,
      averageLifetimeValueCents: ratio(c.lifetimeCents, c.customers),
      /** Percent of the cohort buying in each month after the first (index 0 is the first month: 100). */
      retentionPercent: Array.from(retention, (v) => v ?? 0),
    };
  });
}

/**
 * Customers at risk of churning: those with at least two completed orders whose time since their last order is
 * well beyond their own usual gap between orders (recency against their own frequency). `risk` is that ratio:
 * 1 means "due now", 3 means three usual gaps have passed. The most valuable customers first.
 */
export async function churnRiskReport(
  db: DbOrTx,
  organizationId: string,
  input: { asOf: Date; limit?: number },
) {
  // Days as fractions: the usual gap (at least a day) and the time since the last order, per repeat customer.
  const usualGap = sql<number>`greatest(extract(epoch from (${customerSales.lastOrderAt} - ${customerSales.firstOrderAt})) / 86400.0 / (${customerSales.orders} - 1), 1)`;
  const since = sql<number>`greatest(extract(epoch from (${input.asOf.toISOString()}::timestamptz - ${customerSales.lastOrderAt})) / 86400.0, 0)`;
  // The rollup stores when each repeat customer reaches 1.95 usual gaps (a shown risk of 2.0), so being at risk
  // is a range of the (organization, at_risk_from) index rather than a score computed for every customer.
  const atRisk = lte(customerSales.atRiskFrom, input.asOf);
  const repeat = and(eq(customerSales.organizationId, organizationId), isNotNull(customerSales.atRiskFrom));
  const [summary, rows] = await Promise.all([
    db
      .select({
        repeatCustomers: sql<number>`count(*)`.mapWith(Number),
        atRiskCount: sql<number>`count(*) filter (where ${atRisk})`.mapWith(Number),
        atRiskValueCents:
          sql<number>`coalesce(sum(${customerSales.totalCents}) filter (where ${atRisk}), 0)`.mapWith(Number),
      })
      .from(customerSales)
      .where(repeat),
    db
      .select({
        customerId: customerSales.customerId,
        name: users.name,
        email: users.email,
        orders: customerSales.orders,
        totalCents: customerSales.totalCents,
        firstOrderAt: customerSales.firstOrderAt,
        lastOrderAt: customerSales.lastOrderAt,
        usualGap: usualGap.mapWith(Number),
        since: since.mapWith(Number),
      })
      .from(customerSales)
      .innerJoin(customers, eq(customers.id, customerSales.customerId))
      .leftJoin(users, eq(users.id, customers.userId))
      .where(and(repeat, atRisk))
      .orderBy(desc(customerSales.totalCents), customerSales.customerId)
      .limit(input.limit ?? 50),
  ]);
  return {
    repeatCustomers: summary[0]!.repeatCustomers,
    atRiskCount: summary[0]!.atRiskCount,
    atRiskValueCents: summary[0]!.atRiskValueCents,
    customers: rows.map(({ usualGap: gap, since: days, ...r }) => ({
      ...r,
      usualGapDays: Math.round(gap * 10) / 10,
      daysSinceLastOrder: Math.floor(days),
      risk: Math.round((days / gap) * 10) / 10,
    })),
  };
}
