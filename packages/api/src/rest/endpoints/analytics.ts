import { z } from "zod";
import { salesSummary } from "@cannasaas/core";
import { dateTimeParam, defineEndpoint, iso } from "../http";

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
    const summary = await salesSummary(deps, organizationId, {
      ...(query.from ? { from: new Date(query.from) } : {}),
      ...(query.to ? { to: new Date(query.to) } : {}),
    });
    return { ...summary, from: iso(summary.from), to: iso(summary.to) };
  },
});
