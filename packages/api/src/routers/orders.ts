import { z } from "zod";
import { advanceOrder, getOrderDetail, listCustomerOrders } from "@cannasaas/core";
import { createTRPCRouter, shopperProcedure } from "../trpc";

const orderId = z.object({ orderId: z.uuid({ error: "Unknown order." }) });

/** A signed-in shopper's own orders at this dispensary. */
export const ordersRouter = createTRPCRouter({
  mine: shopperProcedure.query(({ ctx }) => listCustomerOrders(ctx.deps.db, ctx.tenant.id, ctx.customerId)),
  get: shopperProcedure
    .input(orderId)
    .query(({ ctx, input }) => getOrderDetail(ctx.deps.db, ctx.tenant.id, input.orderId, ctx.customerId)),
  /** A shopper may cancel an order the store has not started on. */
  cancel: shopperProcedure.input(orderId).mutation(async ({ ctx, input }) => {
    await getOrderDetail(ctx.deps.db, ctx.tenant.id, input.orderId, ctx.customerId);
    return advanceOrder(ctx.deps, ctx.tenant.id, {
      orderId: input.orderId,
      to: "cancelled",
      actorUserId: ctx.user.id,
      note: "Cancelled by the shopper",
    });
  }),
});
