import type { OrderStatus } from "@cannasaas/core";

/** What staff press to move an order to each status. */
export const ACTION_LABELS: Record<OrderStatus, string> = {
  pending: "Back to new",
  confirmed: "Confirm",
  preparing: "Start preparing",
  ready: "Mark ready",
  out_for_delivery: "Out for delivery",
  completed: "Complete",
  cancelled: "Cancel",
  refunded: "Refund",
};
