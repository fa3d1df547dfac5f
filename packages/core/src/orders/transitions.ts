import type { Fulfillment, OrderStatus } from "@cannasaas/db/enums";

export type { OrderStatus };

/** Where an order may go next. Pickup orders become ready; delivery orders go out for delivery. */
export function nextStatuses(status: OrderStatus, fulfillment: Fulfillment): OrderStatus[] {
  switch (status) {
    case "pending":
      return ["confirmed", "cancelled"];
    case "confirmed":
      return ["preparing", "cancelled"];
    case "preparing":
      return [fulfillment === "pickup" ? "ready" : "out_for_delivery", "cancelled"];
    case "ready":
    case "out_for_delivery":
      return ["completed", "cancelled"];
    case "completed":
      return ["refunded"];
    case "cancelled":
    case "refunded":
      return [];
  }
}

export const OPEN_STATUSES: OrderStatus[] = [
  "pending",
  "confirmed",
  "preparing",
  "ready",
  "out_for_delivery",
];

export const STATUS_LABELS: Record<OrderStatus, string> = {
  pending: "Received",
  confirmed: "Confirmed",
  preparing: "Being prepared",
  ready: "Ready for pickup",
  out_for_delivery: "Out for delivery",
  completed: "Completed",
  cancelled: "Cancelled",
  refunded: "Refunded",
};
