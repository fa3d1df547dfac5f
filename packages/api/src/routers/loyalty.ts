import { z } from "zod";
import {
  acceptReferral,
  assertFeature,
  chooseCartReward,
  findReferrer,
  joinLoyalty,
  loyaltySummary,
  type CoreDeps,
} from "@cannasaas/core";
import { referralCodeInput } from "@cannasaas/validators";
import { createTRPCRouter, shopperProcedure, tenantProcedure } from "../trpc";

type ShopperCtx = { deps: CoreDeps; tenant: { id: string }; customerId: string };

/** Loyalty needs the Professional plan; the storefront hides it otherwise, and these refuse with the reason. */
async function loyaltyScope(ctx: ShopperCtx) {
  await assertFeature(ctx.deps, ctx.tenant.id, "loyalty_program");
  return { organizationId: ctx.tenant.id, customerId: ctx.customerId };
}

/** The shopper's side of the store's rewards program and referrals. */
export const loyaltyRouter = createTRPCRouter({
  summary: shopperProcedure.query(async ({ ctx }) =>
    loyaltySummary(ctx.deps.db, await loyaltyScope(ctx), ctx.deps.clock()),
  ),
  join: shopperProcedure.mutation(async ({ ctx }) =>
    joinLoyalty(ctx.deps.db, await loyaltyScope(ctx), ctx.deps.clock()),
  ),
  /** Chooses the reward to spend at checkout (null clears it). */
  chooseReward: shopperProcedure
    .input(z.object({ rewardId: z.uuid({ error: "Unknown reward." }).nullable() }))
    .mutation(async ({ ctx, input }) =>
      chooseCartReward(ctx.deps.db, await loyaltyScope(ctx), input.rewardId),
    ),
  /** Who invited the visitor, for the referral landing page; null for a code this store does not know. */
  referrer: tenantProcedure.input(referralCodeInput).query(async ({ ctx, input }) => {
    await assertFeature(ctx.deps, ctx.tenant.id, "loyalty_program");
    const referrer = await findReferrer(ctx.deps.db, ctx.tenant.id, input.code);
    return referrer ? { firstName: referrer.firstName } : null;
  }),
  acceptReferral: shopperProcedure
    .input(referralCodeInput)
    .mutation(async ({ ctx, input }) => acceptReferral(ctx.deps.db, await loyaltyScope(ctx), input.code)),
});
