import { and, count, desc, eq, gte, lt, notInArray, sql, sum } from "drizzle-orm";
import { z } from "zod";
import { orderItems, orders } from "@cannasaas/db/schema";
import { DomainError } from "../../errors";
import { dateTimeParam, defineEndpoint } from "../http";

const DAY_MS = 86_400_000;
const NOT_SALES = ["cancelled", "refunded"] as const;

const AnalyticsSummary = z
  .object({
    from: z.iso.datetime(),
    to: z.iso.datetime(),
    orders: z.number().int().describe("Orders placed in the range, excluding cancelled and refunded ones."),
    revenueCents: z.number().int().describe("Sum of those orders' totals, taxes included."),
    averageOrderValueCents: z.number().int(),
    ordersByStatus: z.record(z.string(), z.number().int()).describe("Every order placed in the range."),
    topProducts: z.array(
      z.object({
        variantId: z.uuid(),
        sku: z.string(),
        productName: z.string(),
        variantName: z.string(),
        units: z.number().int(),
        revenueCents: z.number().int(),
      }),
    ),
  })
  .meta({ id: "AnalyticsSummary" });

export const analyticsSummary = defineEndpoint({
  operationId: "getAnalyticsSummary",
  method: "GET",
  path: "/analytics/summary",
  scope: "analytics:read",
  tag: "Analytics",
  summary: "Sales summary for a date range",
  description: "Defaults to the last 30 days. The range may span at most 366 days.",
  query: z.object({
    from: dateTimeParam.optional().describe("Start (inclusive); default 30 days before `to`."),
    to: dateTimeParam.optional().describe("End (exclusive); default now."),
  }),
  response: AnalyticsSummary,
  async handler({ deps, organizationId, query }) {
    const to = query.to ? new Date(query.to) : deps.clock();
    const from = query.from ? new Date(query.from) : new Date(to.getTime() - 30 * DAY_MS);
    if (from >= to) throw new DomainError("BAD_REQUEST", "`from` must be before `to`.", { field: "from" });
    if (to.getTime() - from.getTime() > 366 * DAY_MS)
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
      deps.db
        .select({ status: orders.status, n: count() })
        .from(orders)
        .where(inRange)
        .groupBy(orders.status),
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
      from: from.toISOString(),
      to: to.toISOString(),
      orders: n,
      revenueCents: revenue,
      averageOrderValueCents: n ? Math.round(revenue / n) : 0,
      ordersByStatus: Object.fromEntries(byStatus.map((r) => [r.status, r.n])),
      topProducts: top,
    };
  },
});
