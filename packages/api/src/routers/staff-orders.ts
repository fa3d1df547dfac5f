import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { refusalToMoveOrder } from "@cannasaas/auth";
import {
  advanceOrder,
  getOrderDetail,
  listOrderHistory,
  listOrderQueue,
  OPEN_STATUSES,
} from "@cannasaas/core";
import {
  handoverCardSchema,
  orderHistoryFilterSchema,
  orderHistoryPageSchema,
  orderNoteSchema,
  orderStatusSchema,
} from "@cannasaas/validators";
import { createTRPCRouter, staffProcedure } from "../trpc";

const orderId = z.object({ orderId: z.uuid({ error: "Unknown order." }) });

/** The dashboard's orders: the live queue, one order, the searchable history and the status steps. */
export const staffOrdersRouter = createTRPCRouter({
  queue: staffProcedure("orders.read")
    .input(z.object({ statuses: z.array(orderStatusSchema).min(1).max(8).optional() }).optional())
    .query(({ ctx, input }) =>
      listOrderQueue(ctx.deps.db, ctx.organizationId, input?.statuses ?? OPEN_STATUSES),
    ),
  get: staffProcedure("orders.read")
    .input(orderId)
    .query(({ ctx, input }) => getOrderDetail(ctx.deps.db, ctx.organizationId, input.orderId)),
  /** Every order in every status, searched and filtered, newest first, one keyset page at a time. */
  history: staffProcedure("orders.read")
    .input(orderHistoryPageSchema)
    .query(({ ctx, input }) => listOrderHistory(ctx.deps.db, ctx.organizationId, input)),
  /**
   * Approves a CSV export of the filtered history (customer names and emails included, so reports.read), and,
   * being a mutation, leaves a record in the audit trail; the route handler then streams it.
   */
  startExport: staffProcedure("reports.read")
    .input(orderHistoryFilterSchema)
    .mutation(({ ctx, input }) => ({ organizationId: ctx.organizationId, filter: input })),
  /**
   * Fulfilment steps need orders.fulfil; cancelling and refunding need orders.refund. Completing a debit order
   * may record the card taken (brand, last four, name): only its keyed fingerprint is stored, and the audit
   * record keeps the order as changed, with the card's details redacted from the input.
   */
  advance: staffProcedure("orders.fulfil")
    .input(
      orderId.extend({
        to: orderStatusSchema,
        note: orderNoteSchema.optional(),
        card: handoverCardSchema.optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const refusal = refusalToMoveOrder(ctx.role, input.to);
      if (refusal) throw new TRPCError({ code: "FORBIDDEN", message: refusal });
      return advanceOrder(ctx.deps, ctx.organizationId, {
        orderId: input.orderId,
        to: input.to,
        actorUserId: ctx.user.id,
        note: input.note,
        card: input.card,
      });
    }),
});
