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
import { pricingPolicyInput } from "@cannasaas/validators";
import { createTRPCRouter, staffProcedure } from "../trpc";

const suggestionId = z.object({ suggestionId: z.uuid({ error: "Unknown suggestion." }) });
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
    .input(pricingPolicyInput)
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
