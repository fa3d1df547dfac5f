import { and, countDistinct, eq, inArray, sum } from "drizzle-orm";
import type { Transaction } from "@cannasaas/db/client";
import { orderItems, orders, type ComplianceSettings, type OrderStatus } from "@cannasaas/db/schema";
import { SHOPPER_RESERVATION_DEFAULTS } from "@cannasaas/validators";
import { DomainError } from "../errors";
import { OPEN_STATUSES } from "../orders/transitions";

/** Orders that still hold their stock reserved: placed and not yet handed over, cancelled or refunded. */
export const RESERVING_STATUSES: readonly OrderStatus[] = OPEN_STATUSES;

export function shopperReservationCaps(compliance: ComplianceSettings) {
  return {
    openOrders: compliance.openOrdersPerShopper ?? SHOPPER_RESERVATION_DEFAULTS.openOrdersPerShopper,
    reservedUnits: compliance.reservedUnitsPerShopper ?? SHOPPER_RESERVATION_DEFAULTS.reservedUnitsPerShopper,
  };
}

/**
 * Refuses a storefront order that would take the shopper past the store's caps on open orders or reserved
 * units. The caller holds the customer's row lock, so two checkouts of one shopper are counted one after
 * the other and cannot both slip under a cap.
 */
export async function assertWithinShopperCaps(
  tx: Transaction,
  input: {
    organizationId: string;
    customerId: string;
    compliance: ComplianceSettings;
    newUnits: number;
  },
) {
  const caps = shopperReservationCaps(input.compliance);
  // One statement: the open orders (counted once each) and the units on their lines.
  const [held] = await tx
    .select({
      openOrders: countDistinct(orders.id),
      units: sum(orderItems.quantity).mapWith(Number),
    })
    .from(orders)
    .leftJoin(
      orderItems,
      and(eq(orderItems.orderId, orders.id), eq(orderItems.organizationId, input.organizationId)),
    )
    .where(
      and(
        eq(orders.organizationId, input.organizationId),
        eq(orders.customerId, input.customerId),
        inArray(orders.status, RESERVING_STATUSES),
      ),
    );
  const openOrders = held?.openOrders ?? 0;
  const units = held?.units ?? 0;
  if (openOrders >= caps.openOrders) {
    throw new DomainError(
      "CONFLICT",
      `You already have ${openOrders} open ${openOrders === 1 ? "order" : "orders"} at this store, the most it allows at once. Pick one up or cancel one before placing another.`,
      { reason: "open_orders_cap", limit: caps.openOrders },
    );
  }
  if (units + input.newUnits > caps.reservedUnits) {
    const room = Math.max(0, caps.reservedUnits - units);
    throw new DomainError(
      "CONFLICT",
      `This store holds at most ${caps.reservedUnits} items for one shopper across open orders; you can add ${room} more. Remove some items, or pick up an open order first.`,
      { reason: "reserved_units_cap", limit: caps.reservedUnits, available: room },
    );
  }
}
