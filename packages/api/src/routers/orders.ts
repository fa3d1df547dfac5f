import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { can } from "@cannasaas/auth";
import {
  advanceOrder,
  getOrderDetail,
  listCustomerOrders,
  listOrderQueue,
  OPEN_STATUSES,
  placeOrder,
} from "@cannasaas/core";
import { createTRPCRouter, shopperProcedure, staffProcedure } from "../trpc";
import { currentCart } from "./cart";

const orderId = z.object({ orderId: z.uuid({ error: "Unknown order." }) });
const status = z.enum([
  "pending",
  "confirmed",
  "preparing",
  "ready",
  "out_for_delivery",
  "completed",
  "cancelled",
  "refunded",
]);

export const checkoutRouter = createTRPCRouter({
  /** Places the order from the shopper's cart. Prices, taxes and totals are computed on the server only. */
  place: shopperProcedure
    .input(
      z.object({
        purchaser: z.enum(["adult_use", "medical"]).default("adult_use"),
        paymentMethod: z.enum(["cash", "debit"], { error: "Choose cash or debit at pickup or delivery." }),
        notes: z.string().trim().max(500, { error: "Keep notes under 500 characters." }).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { cart, customerId } = await currentCart(ctx, true);
      const { order, outboxIds } = await placeOrder(ctx.deps, ctx.tenant, {
        ...input,
        cartId: cart!.id,
        customerId: customerId!,
      });
      ctx.deliverOutbox(outboxIds);
      return { orderId: order.id, orderNumber: order.orderNumber, totalCents: order.totalCents };
    }),
});

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

export const staffOrdersRouter = createTRPCRouter({
  queue: staffProcedure("orders.read")
    .input(z.object({ statuses: z.array(status).min(1).max(8).optional() }).optional())
    .query(({ ctx, input }) =>
      listOrderQueue(ctx.deps.db, ctx.organizationId, input?.statuses ?? OPEN_STATUSES),
    ),
  get: staffProcedure("orders.read")
    .input(orderId)
    .query(({ ctx, input }) => getOrderDetail(ctx.deps.db, ctx.organizationId, input.orderId)),
  /** Fulfilment steps need orders.fulfil; cancelling and refunding need orders.refund. */
  advance: staffProcedure("orders.fulfil")
    .input(orderId.extend({ to: status, note: z.string().trim().max(500).optional() }))
    .mutation(async ({ ctx, input }) => {
      if ((input.to === "cancelled" || input.to === "refunded") && !can(ctx.role, "orders.refund")) {
        throw new TRPCError({
          code: "FORBIDDEN",
          message: `Your role (${ctx.role}) cannot cancel or refund orders.`,
        });
      }
      return advanceOrder(ctx.deps, ctx.organizationId, {
        orderId: input.orderId,
        to: input.to,
        actorUserId: ctx.user.id,
        note: input.note,
      });
    }),
});
