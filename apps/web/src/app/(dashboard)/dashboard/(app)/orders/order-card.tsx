import Link from "next/link";
import { nextStatuses, STATUS_LABELS, type OrderStatus } from "@cannasaas/core";
import { Card } from "@cannasaas/ui/card";
import type { Fulfillment } from "@cannasaas/validators";
import { formatAge, formatCents } from "~/lib/format";
import { formatClock, formatSlotTime } from "~/lib/slots";
import { ACTION_LABELS } from "./action-labels";
import { OrderActions, type OrderAction } from "./order-actions";

export type QueueOrder = {
  id: string;
  orderNumber: number;
  status: OrderStatus;
  fulfillment: Fulfillment;
  totalCents: number;
  placedAt: Date;
  slotStartsAt: Date | null;
  slotEndsAt: Date | null;
  locationName: string;
  timeZone: string;
  customerName: string | null;
};

export function actionsFor(status: OrderStatus, fulfillment: Fulfillment): OrderAction[] {
  return nextStatuses(status, fulfillment).map((to) => ({
    to,
    label: ACTION_LABELS[to],
    done: `now ${STATUS_LABELS[to].toLowerCase()}`,
  }));
}

export function OrderCard({ order, units, now }: { order: QueueOrder; units: number; now: Date }) {
  return (
    <Card as="li" data-testid="queue-order" className="flex flex-col gap-3">
      <div className="flex items-start justify-between gap-3">
        <div>
          <Link
            href={`/dashboard/orders/${order.id}`}
            className="text-lg font-semibold text-brand underline-offset-4 hover:underline"
          >
            #{order.orderNumber}
          </Link>
          <p className="text-sm">{order.customerName ?? "Customer"}</p>
          <p className="text-xs text-stone-600">
            {order.fulfillment === "pickup" ? "Pickup" : "Delivery"} · {order.locationName}
          </p>
          {order.slotStartsAt ? (
            <p className="text-sm font-medium" data-testid="queue-order-time">
              {order.fulfillment === "pickup" ? "Ready by " : "Window "}
              {formatSlotTime(order.slotStartsAt, order.timeZone)}
              {order.fulfillment === "delivery" && order.slotEndsAt
                ? ` – ${formatClock(order.slotEndsAt, order.timeZone)}`
                : ""}
            </p>
          ) : null}
        </div>
        <div className="text-right">
          <p className="font-semibold">{formatCents(order.totalCents)}</p>
          <p className="text-xs text-stone-600">
            {units} {units === 1 ? "item" : "items"}
          </p>
          <p className="text-xs text-stone-600">
            <time dateTime={order.placedAt.toISOString()}>{formatAge(order.placedAt, now)}</time>
          </p>
        </div>
      </div>
      <OrderActions
        orderId={order.id}
        orderNumber={order.orderNumber}
        actions={actionsFor(order.status, order.fulfillment)}
      />
    </Card>
  );
}
