import { z } from "zod";
import { can } from "@cannasaas/auth/rbac";
import {
  approvePriceSuggestion,
  assertFeature,
  dismissPriceSuggestion,
  getPricingPolicy,
  listPriceSuggestions,
  refreshPriceSuggestions,
  setPricingPolicy,
} from "@cannasaas/core";
import { PRICE_SUGGESTION_STATUSES } from "@cannasaas/db/schema";
import { createTRPCRouter, staffProcedure } from "../trpc";

const suggestionId = z.object({ suggestionId: z.uuid({ error: "Unknown suggestion." }) });
const wholeDays = (min: number, max: number) =>
  z
    .number({ error: "Enter a number of days." })
    .int({ error: "Enter whole days." })
    .min(min, { error: `Enter at least ${min} days.` })
    .max(max, { error: `Enter at most ${max} days.` });

/**
 * Markdown suggestions (Advanced analytics): reading needs `reports.read`; refreshing, the policy and every
 * decision need `prices.write`, and only an approval changes a price, through the catalog.
 */
export const pricingRouter = createTRPCRouter({
  suggestions: staffProcedure("reports.read")
    .input(z.object({ status: z.enum(PRICE_SUGGESTION_STATUSES).optional() }).optional())
    .query(({ ctx, input }) => listPriceSuggestions(ctx.deps, ctx.organizationId, input ?? {})),
  policy: staffProcedure("reports.read").query(async ({ ctx }) => {
    await assertFeature(ctx.deps, ctx.organizationId, "advanced_analytics");
    return getPricingPolicy(ctx.deps.db, ctx.organizationId);
  }),
  setPolicy: staffProcedure("prices.write")
    .input(
      z.object({
        marginFloorBp: z
          .number({ error: "Enter a margin floor." })
          .int({ error: "Enter the margin in whole basis points." })
          .min(0, { error: "A margin floor cannot be negative." })
          .max(9500, { error: "Set a margin floor of at most 95%." }),
        expiryWindowDays: wholeDays(1, 180),
        slowMoverCoverDays: wholeDays(14, 730),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      await assertFeature(ctx.deps, ctx.organizationId, "advanced_analytics");
      return setPricingPolicy(ctx.deps.db, ctx.organizationId, input);
    }),
  refresh: staffProcedure("prices.write").mutation(({ ctx }) =>
    refreshPriceSuggestions(ctx.deps, ctx.organizationId),
  ),
  approve: staffProcedure("prices.write")
    .input(suggestionId)
    .mutation(({ ctx, input }) => approvePriceSuggestion(ctx.deps, actor(ctx), input.suggestionId)),
  dismiss: staffProcedure("prices.write")
    .input(suggestionId)
    .mutation(({ ctx, input }) => dismissPriceSuggestion(ctx.deps, actor(ctx), input.suggestionId)),
});

function actor(ctx: { organizationId: string; role: Parameters<typeof can>[0]; user: { id: string } }) {
  return {
    organizationId: ctx.organizationId,
    userId: ctx.user.id,
    canWritePrices: can(ctx.role, "prices.write"),
  };
}
