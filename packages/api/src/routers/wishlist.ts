import { z } from "zod";
import { listSaved, savedProductIds, setSaved } from "@cannasaas/core";
import { createTRPCRouter, shopperProcedure } from "../trpc";

const scopeOf = (ctx: { tenant: { id: string }; customerId: string }) => ({
  organizationId: ctx.tenant.id,
  customerId: ctx.customerId,
});

/** Saved products: the heart on menu cards and product pages, and the list on the account page. */
export const wishlistRouter = createTRPCRouter({
  list: shopperProcedure.query(({ ctx }) => listSaved(ctx.deps.db, scopeOf(ctx))),
  ids: shopperProcedure.query(({ ctx }) => savedProductIds(ctx.deps.db, scopeOf(ctx))),
  set: shopperProcedure
    .input(z.object({ productId: z.uuid({ error: "Unknown product." }), saved: z.boolean() }))
    .mutation(({ ctx, input }) => setSaved(ctx.deps.db, scopeOf(ctx), input.productId, input.saved)),
});
