import type { Transaction } from "@cannasaas/db/client";
import { deliveries, type orders } from "@cannasaas/db/schema";

/**
 * Opens the delivery of an order that just went out for delivery, waiting for a driver. Called from the order
 * lifecycle in the same transaction; an order sent out again keeps its existing delivery.
 */
export async function openDelivery(tx: Transaction, order: typeof orders.$inferSelect) {
  if (order.fulfillment !== "delivery") return;
  await tx
    .insert(deliveries)
    .values({
      organizationId: order.organizationId,
      orderId: order.id,
      destinationLatitude: order.deliveryAddress?.latitude ?? null,
      destinationLongitude: order.deliveryAddress?.longitude ?? null,
    })
    .onConflictDoNothing({ target: deliveries.orderId });
}
