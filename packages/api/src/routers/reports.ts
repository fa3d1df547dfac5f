import { z } from "zod";
import {
  assertFeature,
  BREAKDOWNS,
  churnRiskReport,
  cohortReport,
  funnelReport,
  moversReport,
  REPORT_GRAINS,
  reportRangeSchema,
  salesBreakdown,
  salesReport,
} from "@cannasaas/core";
import { createTRPCRouter, staffProcedure } from "../trpc";

/**
 * Reports, all read from rollups. Sales over time (with taxes collected, average order value and items per order)
 * is in every plan; the breakdowns, movers, cohorts and churn risk are "Advanced analytics" (Professional).
 */
const advanced = async (ctx: Parameters<typeof assertFeature>[0] & object, organizationId: string) =>
  assertFeature(ctx, organizationId, "advanced_analytics");

export const reportsRouter = createTRPCRouter({
  sales: staffProcedure("reports.read")
    .input(reportRangeSchema.extend({ grain: z.enum(REPORT_GRAINS).default("day") }))
    .query(({ ctx, input }) => salesReport(ctx.deps.db, ctx.organizationId, input)),
  breakdown: staffProcedure("reports.read")
    .input(reportRangeSchema.extend({ by: z.enum(BREAKDOWNS) }))
    .query(async ({ ctx, input }) => {
      await advanced(ctx.deps, ctx.organizationId);
      return salesBreakdown(ctx.deps.db, ctx.organizationId, input);
    }),
  movers: staffProcedure("reports.read")
    .input(reportRangeSchema)
    .query(async ({ ctx, input }) => {
      await advanced(ctx.deps, ctx.organizationId);
      return moversReport(ctx.deps.db, ctx.organizationId, input);
    }),
  cohorts: staffProcedure("reports.read")
    .input(reportRangeSchema)
    .query(async ({ ctx, input }) => {
      await advanced(ctx.deps, ctx.organizationId);
      return cohortReport(ctx.deps.db, ctx.organizationId, input);
    }),
  /** Storefront sessions reaching each step, from the daily event rollup. */
  funnel: staffProcedure("reports.read")
    .input(reportRangeSchema)
    .query(async ({ ctx, input }) => {
      await advanced(ctx.deps, ctx.organizationId);
      return funnelReport(ctx.deps.db, ctx.organizationId, input);
    }),
  churn: staffProcedure("reports.read").query(async ({ ctx }) => {
    await advanced(ctx.deps, ctx.organizationId);
    return churnRiskReport(ctx.deps.db, ctx.organizationId, { asOf: ctx.deps.clock() });
  }),
});
