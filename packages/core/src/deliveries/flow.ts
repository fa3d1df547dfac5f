import type { deliveries } from "@cannasaas/db/schema";

export type DeliveryStatus = (typeof deliveries.$inferSelect)["status"];

/**
 * The one path a delivery takes. It only moves forward, one step at a time: `pending` (out for delivery, no
 * driver) becomes `assigned` by dispatch; the driver (or dispatch on their behalf) then takes each later step in
 * order. Nothing is skipped, so every step has its time on the manifest. `delivered` completes the order.
 */
export const DELIVERY_STEPS = [
  "pending",
  "assigned",
  "picked_up",
  "in_transit",
  "arriving",
  "delivered",
] as const satisfies readonly DeliveryStatus[];

/** Steps in which the driver is on the job: their device shares its position. */
export const ACTIVE_DELIVERY_STATUSES: DeliveryStatus[] = ["assigned", "picked_up", "in_transit", "arriving"];
/** Steps in which the shopper may see where the driver is (the package is on its way to them). */
export const SHOPPER_VISIBLE_POSITION: DeliveryStatus[] = ["picked_up", "in_transit", "arriving"];

export const DELIVERY_LABELS: Record<DeliveryStatus, string> = {
  pending: "Waiting for a driver",
  assigned: "Driver assigned",
  picked_up: "Picked up",
  in_transit: "On the way",
  arriving: "Arriving",
  delivered: "Delivered",
};

/** What the driver's button says for the step that follows each status. */
export const DELIVERY_ACTIONS: Partial<Record<DeliveryStatus, string>> = {
  picked_up: "Picked up",
  in_transit: "On the way",
  arriving: "Arriving",
  delivered: "Delivered",
};

export const stepIndex = (status: DeliveryStatus) => DELIVERY_STEPS.indexOf(status);

export function nextDeliveryStatus(status: DeliveryStatus): DeliveryStatus | null {
  return DELIVERY_STEPS[stepIndex(status) + 1] ?? null;
}

export function previousDeliveryStatus(status: DeliveryStatus): DeliveryStatus | null {
  return DELIVERY_STEPS[stepIndex(status) - 1] ?? null;
}

/** The timestamp column each step sets. */
export const STEP_TIMESTAMP = {
  assigned: "assignedAt",
  picked_up: "pickedUpAt",
  in_transit: "inTransitAt",
  arriving: "arrivingAt",
  delivered: "deliveredAt",
} as const satisfies Partial<Record<DeliveryStatus, string>>;
