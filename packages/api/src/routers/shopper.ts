import { getShopperSummary, marketingPreferencesInput, updateMarketingPreferences } from "@cannasaas/core";
import { createTRPCRouter, shopperProcedure } from "../trpc";

const scopeOf = (ctx: { tenant: { id: string }; customerId: string }) => ({
  organizationId: ctx.tenant.id,
  customerId: ctx.customerId,
});

export const shopperRouter = createTRPCRouter({
  /** The signed-in shopper's own profile at this dispensary. */
  me: shopperProcedure.query(({ ctx }) => getShopperSummary(ctx.deps.db, scopeOf(ctx))),

  updatePreferences: shopperProcedure
    .input(marketingPreferencesInput)
    .mutation(({ ctx, input }) =>
      updateMarketingPreferences(ctx.deps.db, scopeOf(ctx), input, ctx.deps.clock()),
    ),
});
