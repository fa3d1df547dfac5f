import { and, eq, sql } from "drizzle-orm";
import type { Transaction } from "@cannasaas/db/client";
import { inventoryLots, orderItems, type orders, stockMovements } from "@cannasaas/db/schema";
import { allocateLots, type LotAllocation } from "./allocation";
import { portionOf, type MissingPackageLine, type SoldLine } from "./receipt";

type Order = typeof orders.$inferSelect;
export type SoldFromLots = {
  line: SoldLine;
  allocations: LotAllocation[];
  missing: MissingPackageLine | null;
};

/**
 * Completion: every order line's units are drawn from the location's lots (FEFO) and written as sell movements,
 * one per lot the units came from (and one without a lot for units no package covered).
 */
export async function recordSaleFromLots(tx: Transaction, order: Order, actorUserId: string | null) {
  const items = await tx
    .select()
    .from(orderItems)
    .where(and(eq(orderItems.orderId, order.id), eq(orderItems.organizationId, order.organizationId)));
  const sold: SoldFromLots[] = [];
  for (const item of items) {
    const line: SoldLine = {
      orderItemId: item.id,
      variantId: item.variantId,
      name: `${item.productName} ${item.variantName}`.trim(),
      quantity: item.quantity,
      subtotalCents: item.subtotalCents,
      exciseCents: item.exciseCents,
      localCannabisCents: item.localCannabisCents,
      salesTaxCents: item.salesTaxCents,
    };
    const { allocations, unallocated } = await allocateLots(tx, {
      organizationId: order.organizationId,
      locationId: order.locationId,
      variantId: item.variantId,
      quantity: item.quantity,
    });
    const parts = [
      ...allocations.map((a) => ({ lotId: a.lotId, quantity: a.quantity })),
      ...(unallocated > 0 ? [{ lotId: null, quantity: unallocated }] : []),
    ];
    await tx.insert(stockMovements).values(
      parts.map((p) => ({
        organizationId: order.organizationId,
        locationId: order.locationId,
        variantId: item.variantId,
        kind: "sell" as const,
        quantity: -p.quantity,
        reason: `Order #${order.orderNumber}`,
        actorUserId,
        orderId: order.id,
        lotId: p.lotId,
      })),
    );
    sold.push({
      line,
      allocations,
      missing: unallocated > 0 ? portionOf(line, unallocated, item.quantity - unallocated) : null,
    });
  }
  return sold;
}

/**
 * A refund returns the units as they were sold: one return movement per (variant, lot) of the sale, and the units
 * go back into the lots they came from (the METRC void restores the packages too).
 */
export async function returnSaleToLots(
  tx: Transaction,
  order: Order,
  reason: string,
  actorUserId: string | null,
) {
  const taken = await tx
    .select({
      variantId: stockMovements.variantId,
      lotId: stockMovements.lotId,
      quantity: sql<number>`(-sum(${stockMovements.quantity}))::int`,
    })
    .from(stockMovements)
    .where(
      and(
        eq(stockMovements.organizationId, order.organizationId),
        eq(stockMovements.orderId, order.id),
        eq(stockMovements.kind, "sell"),
      ),
    )
    .groupBy(stockMovements.variantId, stockMovements.lotId);
  const returned = taken.filter((t) => t.quantity > 0);
  if (returned.length === 0) return returned;
  await tx.insert(stockMovements).values(
    returned.map((t) => ({
      organizationId: order.organizationId,
      locationId: order.locationId,
      variantId: t.variantId,
      kind: "return" as const,
      quantity: t.quantity,
      reason,
      actorUserId,
      orderId: order.id,
      lotId: t.lotId,
    })),
  );
  for (const t of returned) {
    if (!t.lotId) continue;
    await tx
      .update(inventoryLots)
      .set({
        quantity: sql`least(${inventoryLots.quantity} + ${t.quantity}, ${inventoryLots.initialQuantity})`,
      })
      .where(and(eq(inventoryLots.id, t.lotId), eq(inventoryLots.organizationId, order.organizationId)));
  }
  return returned;
}
