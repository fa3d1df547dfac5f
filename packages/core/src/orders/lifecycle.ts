import { and, eq, lte, sql } from "drizzle-orm";
import type { Transaction } from "@cannasaas/db/client";
import { inventoryLevels, orderItems, orders, orderStatusEvents, stockMovements } from "@cannasaas/db/schema";
import type { CoreDeps } from "../deps";
import { DomainError } from "../errors";
import { nextStatuses, STATUS_LABELS, type OrderStatus } from "./transitions";

export type AdvanceInput = {
  orderId: string;
  to: OrderStatus;
  actorUserId: string | null;
  note?: string | null;
};

/**
 * Moves an order to its next status. The update is conditional on the status it was read in, so two staff
 * pressing buttons at once cannot both apply. Cancelling releases reserved stock; completing turns the
 * reservation into a sale (on hand and reserved both drop, with a stock movement per line); refunding a
 * completed order returns the units to stock.
 */
export async function advanceOrder(
  deps: Pick<CoreDeps, "db" | "clock">,
  organizationId: string,
  input: AdvanceInput,
) {
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const [order] = await tx
      .select()
      .from(orders)
      .where(and(eq(orders.id, input.orderId), eq(orders.organizationId, organizationId)));
    if (!order) throw new DomainError("NOT_FOUND", "That order does not exist.");
    if (!nextStatuses(order.status, order.fulfillment).includes(input.to)) {
      throw new DomainError(
        "CONFLICT",
        `An order that is ${STATUS_LABELS[order.status].toLowerCase()} cannot become ${STATUS_LABELS[input.to].toLowerCase()}.`,
      );
    }
    const [updated] = await tx
      .update(orders)
      .set({
        status: input.to,
        ...(input.to === "completed" ? { completedAt: now, paymentStatus: "paid" as const } : {}),
        ...(input.to === "cancelled" ? { cancelledAt: now, cancelReason: input.note ?? null } : {}),
        ...(input.to === "refunded" ? { paymentStatus: "refunded" as const } : {}),
        ...(input.to !== "pending" ? { reservationExpiresAt: null } : {}),
      })
      .where(
        and(
          eq(orders.id, order.id),
          eq(orders.organizationId, organizationId),
          eq(orders.status, order.status),
        ),
      )
      .returning();
    if (!updated)
      throw new DomainError("CONFLICT", "Someone else just updated this order. Reload to see its status.");
    await applyStock(tx, updated, order.status, input.to, input.actorUserId);
    await tx.insert(orderStatusEvents).values({
      organizationId,
      orderId: order.id,
      fromStatus: order.status,
      toStatus: input.to,
      actorUserId: input.actorUserId,
      note: input.note ?? null,
    });
    return updated;
  });
}

async function applyStock(
  tx: Transaction,
  order: typeof orders.$inferSelect,
  from: OrderStatus,
  to: OrderStatus,
  actorUserId: string | null,
) {
  if (to !== "cancelled" && to !== "completed" && to !== "refunded") return;
  const items = await tx
    .select({ variantId: orderItems.variantId, quantity: orderItems.quantity })
    .from(orderItems)
    .where(and(eq(orderItems.orderId, order.id), eq(orderItems.organizationId, order.organizationId)));
  for (const item of items) {
    const level = and(
      eq(inventoryLevels.organizationId, order.organizationId),
      eq(inventoryLevels.locationId, order.locationId),
      eq(inventoryLevels.variantId, item.variantId),
    );
    if (to === "cancelled") {
      await tx
        .update(inventoryLevels)
        .set({ reserved: sql`greatest(${inventoryLevels.reserved} - ${item.quantity}, 0)` })
        .where(level);
      continue;
    }
    const onHandDelta = to === "completed" ? -item.quantity : item.quantity;
    await tx
      .update(inventoryLevels)
      .set({
        onHand: sql`${inventoryLevels.onHand} + ${onHandDelta}`,
        ...(to === "completed" ? { reserved: sql`${inventoryLevels.reserved} - ${item.quantity}` } : {}),
      })
      .where(level);
    await tx.insert(stockMovements).values({
      organizationId: order.organizationId,
      locationId: order.locationId,
      variantId: item.variantId,
      kind: to === "completed" ? "sell" : "return",
      quantity: onHandDelta,
      reason:
        to === "completed"
          ? `Order #${order.orderNumber}`
          : `Refund of order #${order.orderNumber} (from ${from})`,
      actorUserId,
      orderId: order.id,
    });
  }
}

/** Cancels pending orders nobody confirmed in time, returning their reserved stock. */
export async function expireStaleReservations(deps: Pick<CoreDeps, "db" | "clock">, organizationId?: string) {
  const stale = await deps.db
    .select({ id: orders.id, organizationId: orders.organizationId })
    .from(orders)
    .where(
      and(
        eq(orders.status, "pending"),
        lte(orders.reservationExpiresAt, deps.clock()),
        organizationId ? eq(orders.organizationId, organizationId) : undefined,
      ),
    );
  const cancelledOrders: Array<{ id: string; organizationId: string }> = [];
  for (const order of stale) {
    try {
      await advanceOrder(deps, order.organizationId, {
        orderId: order.id,
        to: "cancelled",
        actorUserId: null,
        note: "Not confirmed by the store in time; reserved stock released.",
      });
      cancelledOrders.push(order);
    } catch (error) {
      if (!(error instanceof DomainError && error.code === "CONFLICT")) throw error;
    }
  }
  return { cancelled: cancelledOrders.length, orders: cancelledOrders };
}
