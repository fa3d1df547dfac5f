import { and, asc, eq, lte, sql } from "drizzle-orm";
import type { Transaction } from "@cannasaas/db/client";
import { inventoryLevels, orderItems, orders, orderStatusEvents, stockMovements } from "@cannasaas/db/schema";
import type { KV } from "@cannasaas/integrations/kv";
import type { CoreDeps } from "../deps";
import { DomainError, isDomainError } from "../errors";
import { recordDomainEvent } from "../events/domain-events";
import { applySaleToRollups } from "../analytics/rollups/apply-sale";
import { openDelivery } from "../deliveries/open";
import { recordStockMovement, type StockMovementRow } from "../inventory/record-movement";
import { noteRestock } from "../wishlists/alert-events";
import { enqueueMetrcReceipt, enqueueMetrcVoidForRefund, metrcEnabled } from "../metrc/enqueue";
import { describeSale } from "../metrc/sale";
import { reverseRedemptions } from "../promotions/redeem";
import { applyOrderPoints } from "../loyalty/order-points";
import { cardFingerprint, type HandoverCard } from "../payments/card-fingerprint";
import { nextStatuses, STATUS_LABELS, type OrderStatus } from "./transitions";
import { notifyShopper } from "../shopper-notifications/notifier";
import type { ShopperStep } from "../shopper-notifications/messages";

/** Order statuses the shopper is told about when the order enters them (delivery steps: see deliveries). */
const SHOPPER_STEP_OF: Partial<Record<OrderStatus, ShopperStep>> = {
  confirmed: "confirmed",
  ready: "ready",
  cancelled: "cancelled",
};

export type AdvanceInput = {
  orderId: string;
  to: OrderStatus;
  actorUserId: string | null;
  note?: string | null;
  /**
   * The debit card taken at handover, when staff record it on completing a debit order. Only its keyed
   * fingerprint is stored (`cardFingerprint`), for the referral check.
   */
  card?: HandoverCard | null;
};

/**
 * Moves an order to its next status. The update is conditional on the status it was read in, so two staff
 * pressing buttons at once cannot both apply. Cancelling releases reserved stock; completing turns the
 * reservation into a sale (on hand and reserved both drop, drawn from lots, with a stock movement per line and
 * lot) and queues the METRC receipt when the organization reports; refunding a completed order returns the units
 * to their lots and voids (or withdraws) the receipt.
 */
export async function advanceOrder(
  deps: Pick<CoreDeps, "db" | "clock" | "kv">,
  organizationId: string,
  input: AdvanceInput,
) {
  return deps.db.transaction((tx) =>
    advanceOrderInTransaction(tx, { now: deps.clock(), kv: deps.kv }, organizationId, input),
  );
}

/** `advanceOrder` inside a caller's transaction, for changes that must commit or fail with another one. */
export async function advanceOrderInTransaction(
  tx: Transaction,
  { now, kv }: { now: Date; kv: KV },
  organizationId: string,
  input: AdvanceInput,
) {
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
  if (input.card && (input.to !== "completed" || order.paymentMethod !== "debit")) {
    throw new DomainError("BAD_REQUEST", "A card is recorded only when a debit order is completed.", {
      field: "card",
    });
  }
  const paymentFingerprint = input.card ? cardFingerprint(organizationId, input.card) : null;
  const [updated] = await tx
    .update(orders)
    .set({
      status: input.to,
      ...(input.to === "completed"
        ? { completedAt: now, completedByUserId: input.actorUserId, paymentStatus: "paid" as const }
        : {}),
      ...(paymentFingerprint ? { paymentFingerprint } : {}),
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
  await applyStock({ tx, kv, now }, updated, order.status, input.to, input.actorUserId);
  if (input.to === "completed") await applySaleToRollups(tx, updated, 1);
  if (input.to === "refunded") await applySaleToRollups(tx, updated, -1);
  if (input.to === "cancelled" || input.to === "refunded")
    await reverseRedemptions(tx, organizationId, order.id, now);
  await applyOrderPoints(tx, updated, input.to, now);
  await tx.insert(orderStatusEvents).values({
    organizationId,
    orderId: order.id,
    fromStatus: order.status,
    toStatus: input.to,
    actorUserId: input.actorUserId,
    note: input.note ?? null,
  });
  await recordDomainEvent(tx, {
    organizationId,
    type: "order.status_changed",
    occurredAt: now,
    data: {
      id: updated.id,
      orderNumber: updated.orderNumber,
      from: order.status,
      to: input.to,
      fulfillment: updated.fulfillment,
      locationId: updated.locationId,
      totalCents: updated.totalCents,
      changedAt: now.toISOString(),
    },
  });
  if (input.to === "out_for_delivery") await openDelivery(tx, updated);
  const step = SHOPPER_STEP_OF[input.to];
  if (step) await notifyShopper(tx, { order: updated, step });
  return updated;
}

async function applyStock(
  { tx, kv, now }: { tx: Transaction; kv: KV; now: Date },
  order: typeof orders.$inferSelect,
  from: OrderStatus,
  to: OrderStatus,
  actorUserId: string | null,
) {
  if (to !== "cancelled" && to !== "completed" && to !== "refunded") return;
  const items = await tx
    .select()
    .from(orderItems)
    .where(and(eq(orderItems.orderId, order.id), eq(orderItems.organizationId, order.organizationId)))
    // The order checkout locks levels in, so a sale and a checkout of the same items cannot deadlock.
    .orderBy(asc(orderItems.variantId));
  const saleParts: Array<{ item: (typeof items)[number]; movements: StockMovementRow[] }> = [];
  for (const item of items) {
    const level = and(
      eq(inventoryLevels.organizationId, order.organizationId),
      eq(inventoryLevels.locationId, order.locationId),
      eq(inventoryLevels.variantId, item.variantId),
    );
    if (to === "cancelled") {
      // Released reservations can bring a sold-out product back: read the level under its lock first.
      const [held] = await tx
        .select({ onHand: inventoryLevels.onHand, reserved: inventoryLevels.reserved })
        .from(inventoryLevels)
        .where(level)
        .for("update");
      const [released] = await tx
        .update(inventoryLevels)
        .set({ reserved: sql`greatest(${inventoryLevels.reserved} - ${item.quantity}, 0)` })
        .where(level)
        .returning({
          id: inventoryLevels.id,
          onHand: inventoryLevels.onHand,
          reserved: inventoryLevels.reserved,
        });
      if (held && released) {
        await noteRestock(tx, {
          organizationId: order.organizationId,
          variantId: item.variantId,
          levelId: released.id,
          availableBefore: held.onHand - held.reserved,
          availableAfter: released.onHand - released.reserved,
        });
      }
      continue;
    }
    const reason =
      to === "completed"
        ? `Order #${order.orderNumber}`
        : `Refund of order #${order.orderNumber} (from ${from})`;
    if (to === "completed") {
      // The sale hands over what checkout reserved: on hand and reserved drop together, drawn from lots.
      const { movements } = await recordStockMovement(tx, {
        ...movementKey(order, item.variantId),
        kind: "sell",
        quantity: -item.quantity,
        releaseReserved: item.quantity,
        reason,
        actorUserId,
        orderId: order.id,
      });
      saleParts.push({ item, movements });
      continue;
    }
    // A refund puts the units back into the packages they were sold from, where those still exist.
    const sold = await tx
      .select({ lotId: stockMovements.lotId, quantity: stockMovements.quantity })
      .from(stockMovements)
      .where(
        and(
          eq(stockMovements.organizationId, order.organizationId),
          eq(stockMovements.orderId, order.id),
          eq(stockMovements.variantId, item.variantId),
          eq(stockMovements.kind, "sell"),
        ),
      );
    const fromLots = sold.filter((s) => s.lotId);
    let toReturn = item.quantity;
    for (const part of fromLots) {
      const units = Math.min(toReturn, -part.quantity);
      if (units <= 0) continue;
      await recordStockMovement(tx, {
        ...movementKey(order, item.variantId),
        kind: "return",
        quantity: units,
        reason,
        actorUserId,
        orderId: order.id,
        lotId: part.lotId,
      });
      toReturn -= units;
    }
    if (toReturn > 0) {
      await recordStockMovement(tx, {
        ...movementKey(order, item.variantId),
        kind: "return",
        quantity: toReturn,
        reason,
        actorUserId,
        orderId: order.id,
      });
    }
  }
  if (to === "completed" && (await metrcEnabled({ db: tx, kv }, order.organizationId))) {
    await enqueueMetrcReceipt(tx, order, await describeSale(tx, saleParts));
  }
  if (to === "refunded") await enqueueMetrcVoidForRefund(tx, order, now);
}

const movementKey = (order: typeof orders.$inferSelect, variantId: string) => ({
  organizationId: order.organizationId,
  locationId: order.locationId,
  variantId,
});

/** Cancels pending orders nobody confirmed in time, returning their reserved stock. */
export async function expireStaleReservations(
  deps: Pick<CoreDeps, "db" | "clock" | "kv">,
  organizationId?: string,
) {
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
      if (!(isDomainError(error) && error.code === "CONFLICT")) throw error;
    }
  }
  return { cancelled: cancelledOrders.length, orders: cancelledOrders };
}
