import { z } from "zod";
import {
  adjustPoints,
  assertFeature,
  createReward,
  customerLedger,
  getLoyaltyProgram,
  listLoyaltyMembers,
  listRewards,
  listRewardableVariants,
  listTiers,
  saveLoyaltySettings,
  setRewardActive,
  type CoreDeps,
} from "@cannasaas/core";
import { loyaltyRewardInput, loyaltySettingsInput, pointsAdjustmentInput } from "@cannasaas/validators";
import { createTRPCRouter, staffProcedure } from "../trpc";

const gate = (ctx: { deps: CoreDeps; organizationId: string }) =>
  assertFeature(ctx.deps, ctx.organizationId, "loyalty_program");
const customerId = z.object({ customerId: z.uuid({ error: "Unknown customer." }) });

/** The dashboard's side of loyalty: settings and rewards (owner and admin), ledgers and adjustments. */
export const loyaltyAdminRouter = createTRPCRouter({
  settings: staffProcedure("organization.update").query(async ({ ctx }) => {
    await gate(ctx);
    return {
      ...(await getLoyaltyProgram(ctx.deps.db, ctx.organizationId)),
      tiers: await listTiers(ctx.deps.db, ctx.organizationId),
      rewards: await listRewards(ctx.deps.db, ctx.organizationId, { activeOnly: false }),
      rewardableVariants: await listRewardableVariants(ctx.deps.db, ctx.organizationId),
    };
  }),
  saveSettings: staffProcedure("organization.update")
    .input(loyaltySettingsInput)
    .mutation(async ({ ctx, input }) => {
      await gate(ctx);
      return saveLoyaltySettings(ctx.deps.db, ctx.organizationId, input);
    }),
  createReward: staffProcedure("organization.update")
    .input(loyaltyRewardInput)
    .mutation(async ({ ctx, input }) => {
      await gate(ctx);
      return createReward(ctx.deps.db, ctx.organizationId, input);
    }),
  setRewardActive: staffProcedure("organization.update")
    .input(z.object({ rewardId: z.uuid({ error: "Unknown reward." }), active: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      await gate(ctx);
      return setRewardActive(ctx.deps.db, ctx.organizationId, input.rewardId, input.active);
    }),
  members: staffProcedure("customers.read")
    .input(z.object({ search: z.string().trim().max(100).optional() }).optional())
    .query(async ({ ctx, input }) => {
      await gate(ctx);
      return listLoyaltyMembers(ctx.deps.db, ctx.organizationId, input?.search || undefined);
    }),
  ledger: staffProcedure("customers.read")
    .input(customerId)
    .query(async ({ ctx, input }) => {
      await gate(ctx);
      return customerLedger(ctx.deps.db, ctx.organizationId, input.customerId, ctx.deps.clock());
    }),
  /** The entry and its audit record commit together (core writes both); the call itself is audited too. */
  adjust: staffProcedure("loyalty.adjust")
    .input(pointsAdjustmentInput)
    .mutation(async ({ ctx, input }) => {
      await gate(ctx);
      return adjustPoints(
        ctx.deps.db,
        ctx.organizationId,
        input,
        { userId: ctx.user.id, email: ctx.user.email ?? null, ip: ctx.ip, requestId: ctx.requestId },
        ctx.deps.clock(),
      );
    }),
});
