import { z } from "zod";
import { dashboardSummary } from "@cannasaas/core";
import { createTRPCRouter, staffProcedure } from "../trpc";

export const dashboardRouter = createTRPCRouter({
  /** Today's sales, orders by status, average order value and the daily sales series. */
  summary: staffProcedure("reports.read")
    .input(z.object({ days: z.union([z.literal(14), z.literal(30)]).default(14) }).optional())
    .query(({ ctx, input }) =>
      dashboardSummary(ctx.deps.db, ctx.organizationId, { now: ctx.deps.clock(), days: input?.days ?? 14 }),
    ),
});
