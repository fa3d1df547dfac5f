import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { TRPCError } from "@trpc/server";
import { OPEN_STATUSES, STATUS_LABELS } from "@cannasaas/core";
import { FulfilmentSummary } from "~/components/orders/fulfilment-summary";
import { OrderLines } from "~/components/orders/order-lines";
import { StatusHistory } from "~/components/orders/status-history";
import { formatDateTime } from "~/lib/format";
import { mapTiles } from "~/server/map-tiles";
import { currentUser } from "~/server/request";
import { storefrontTenant } from "~/server/tenant";
import { serverApi } from "~/server/trpc";
import { CancelOrderButton } from "./cancel-order-button";
import { TimeZoneProvider } from "~/components/time-zone";
import { LiveStatus } from "./live-status";

export const metadata: Metadata = { title: "Order" };

type Props = { params: Promise<{ tenant: string; id: string }> };

export default async function OrderPage({ params }: Props) {
  const { tenant: key, id } = await params;
  await storefrontTenant(key);
  if (!(await currentUser())) redirect(`/sign-in?next=${encodeURIComponent(`/orders/${id}`)}`);
  const detail = await (await serverApi()).orders.get({ orderId: id }).catch((error: unknown) => {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST"))
      notFound();
    throw error;
  });
  const { order, location, items, events } = detail;
  const cancellable = order.status === "pending" || order.status === "confirmed";
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-5">
      <div className="flex flex-col gap-1">
        <Link href="/orders" className="text-sm text-brand underline underline-offset-4">
          All my orders
        </Link>
        <h1 className="text-2xl font-bold">Order #{order.orderNumber}</h1>
        <p className="text-sm text-stone-600">Placed {formatDateTime(order.placedAt, location.timeZone)}</p>
      </div>
      <TimeZoneProvider timeZone={location.timeZone}>
        <LiveStatus
          key={order.status}
          orderId={order.id}
          status={order.status}
          label={STATUS_LABELS[order.status]}
          live={OPEN_STATUSES.includes(order.status)}
          tiles={order.fulfillment === "delivery" ? mapTiles() : null}
        />
      </TimeZoneProvider>
      <section aria-labelledby="where-heading" className="rounded-xl bg-white p-4 shadow-sm">
        <h2 id="where-heading" className="sr-only">
          Pickup or delivery
        </h2>
        <FulfilmentSummary order={order} location={location} />
        <p className="text-sm text-stone-600">
          Pay {order.paymentMethod === "cash" ? "cash" : "by debit card"} at{" "}
          {order.fulfillment === "pickup" ? "pickup" : "delivery"}. Bring a valid photo ID.
        </p>
      </section>
      <OrderLines order={order} items={items} />
      <section aria-labelledby="history-heading" className="flex flex-col gap-2">
        <h2 id="history-heading" className="text-lg font-semibold">
          History
        </h2>
        <StatusHistory events={events} timeZone={location.timeZone} />
      </section>
      {cancellable ? <CancelOrderButton orderId={order.id} /> : null}
    </div>
  );
}
