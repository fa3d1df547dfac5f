import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { TRPCError } from "@trpc/server";
import { STATUS_LABELS } from "@cannasaas/core";
import { Card, Notice } from "@cannasaas/ui/card";
import { FulfilmentSummary } from "~/components/orders/fulfilment-summary";
import { OrderLines } from "~/components/orders/order-lines";
import { StatusHistory } from "~/components/orders/status-history";
import { formatDateTime } from "~/lib/format";
import { dashboardSession } from "~/server/dashboard";
import { serverApi } from "~/server/trpc";
import { actionsFor } from "../order-card";
import { OrderActions } from "../order-actions";

export const metadata: Metadata = { title: "Order" };

export default async function StaffOrderPage({ params }: { params: Promise<{ id: string }> }) {
  const { active } = await dashboardSession();
  if (!active) return null;
  const { id } = await params;
  const detail = await (await serverApi()).staffOrders.get({ orderId: id }).catch((error: unknown) => {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST"))
      notFound();
    if (error instanceof TRPCError && error.code === "FORBIDDEN") return error.message;
    throw error;
  });
  if (typeof detail === "string") return <Notice tone="error">{detail}</Notice>;
  const { order, location, customer, items, events } = detail;
  return (
    <div className="flex max-w-4xl flex-col gap-5">
      <nav aria-label="Orders" className="flex flex-wrap gap-4 text-sm">
        <Link href="/dashboard/orders" className="text-brand underline underline-offset-4">
          Back to the queue
        </Link>
        <Link href="/dashboard/orders/history" className="text-brand underline underline-offset-4">
          Order history
        </Link>
      </nav>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-bold">Order #{order.orderNumber}</h1>
        <p className="rounded-full bg-stone-100 px-3 py-1 font-medium" data-testid="staff-order-status">
          {STATUS_LABELS[order.status]}
        </p>
      </div>
      <Card as="dl" className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-1 text-sm">
        <dt className="text-stone-600">Customer</dt>
        <dd>
          {customer.name ?? "—"} · {customer.email}
        </dd>
        <dt className="text-stone-600">Placed</dt>
        <dd>{formatDateTime(order.placedAt, location.timeZone)}</dd>
        <dt className="text-stone-600">Purchaser</dt>
        <dd>{order.purchaserType === "medical" ? "Medical patient" : "Adult-use"}</dd>
        <dt className="text-stone-600">Payment</dt>
        <dd>
          {order.paymentMethod === "cash" ? "Cash" : order.paymentMethod === "debit" ? "Debit" : "Online"} ·{" "}
          {order.paymentStatus.replaceAll("_", " ")}
          {order.paymentFingerprint ? " · card recorded" : ""}
        </dd>
        <dt className="text-stone-600">Fulfilment</dt>
        <dd>
          <FulfilmentSummary order={order} location={location} />
        </dd>
        {order.notes ? (
          <>
            <dt className="text-stone-600">Notes</dt>
            <dd>{order.notes}</dd>
          </>
        ) : null}
        {order.cancelReason ? (
          <>
            <dt className="text-stone-600">Cancelled because</dt>
            <dd>{order.cancelReason}</dd>
          </>
        ) : null}
      </Card>
      <OrderActions
        orderId={order.id}
        orderNumber={order.orderNumber}
        actions={actionsFor(order.status, order.fulfillment)}
        recordCard={order.paymentMethod === "debit"}
      />
      <OrderLines order={order} items={items} />
      <section aria-labelledby="history-heading" className="flex flex-col gap-2">
        <h2 id="history-heading" className="text-lg font-semibold">
          History
        </h2>
        <StatusHistory events={events} timeZone={location.timeZone} />
      </section>
    </div>
  );
}
