import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { TRPCError } from "@trpc/server";
import { Notice } from "@cannasaas/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader } from "@cannasaas/ui/table";
import { formatCents, formatDateTime } from "~/lib/format";
import { dashboardSession } from "~/server/dashboard";
import { serverApi } from "~/server/trpc";
import { PrintButton } from "./print-button";

export const metadata: Metadata = { title: "Delivery manifest" };

type Props = { params: Promise<{ id: string }> };

export default async function ManifestPage({ params }: Props) {
  const { id } = await params;
  const { active } = await dashboardSession();
  if (!active) return null;
  const manifest = await (
    await serverApi()
  ).deliveries
    .manifest({ deliveryId: id })
    .catch((error: unknown) => {
      if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST"))
        notFound();
      if (error instanceof TRPCError && error.code === "FORBIDDEN") return error.message;
      throw error;
    });
  if (typeof manifest === "string") return <Notice tone="error">{manifest}</Notice>;
  const { delivery, order, location, customer, driver, items } = manifest;
  const tz = location.timeZone;
  const when = (d: Date | null) => (d ? formatDateTime(d, tz) : "—");
  const address = order.address;
  const times: Array<[string, Date | null]> = [
    ["Order placed", order.placedAt],
    ["Driver assigned", delivery.assignedAt],
    ["Picked up", delivery.pickedUpAt],
    ["On the way", delivery.inTransitAt],
    ["Arriving", delivery.arrivingAt],
    ["Delivered", delivery.deliveredAt],
  ];
  return (
    <article className="mx-auto flex max-w-3xl flex-col gap-5 bg-white p-6 text-sm shadow-sm print:max-w-none print:p-0 print:shadow-none">
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold">Delivery manifest · Order #{order.orderNumber}</h1>
          <p className="text-stone-600">
            {location.name}, {location.addressLine1}, {location.city} {location.state} {location.postalCode}
            {location.licence ? ` · Licence ${location.licence}` : ""}
          </p>
          <p className="text-stone-600">Status: {manifest.label}</p>
        </div>
        <PrintButton />
      </header>
      <section aria-labelledby="to-heading" className="grid gap-4 sm:grid-cols-2 print:grid-cols-2">
        <div>
          <h2 id="to-heading" className="font-semibold">
            Deliver to
          </h2>
          <p>{customer?.name ?? "Customer"}</p>
          {address ? (
            <address className="not-italic">
              {address.line1}
              {address.line2 ? <>, {address.line2}</> : null}
              <br />
              {address.city}, {address.state} {address.postalCode}
            </address>
          ) : (
            <p>No address on the order.</p>
          )}
          <p className="mt-1 text-stone-600">Check a valid photo ID (21+) at handover.</p>
        </div>
        <div>
          <h2 className="font-semibold">Driver</h2>
          <p>{driver?.name ?? driver?.email ?? "Not assigned yet"}</p>
          <h2 className="mt-2 font-semibold">Payment</h2>
          <p>
            {formatCents(order.totalCents)} · {order.paymentMethod === "cash" ? "cash" : "debit"} at the door
          </p>
        </div>
      </section>
      <section aria-labelledby="items-heading">
        <h2 id="items-heading" className="mb-2 font-semibold">
          Items
        </h2>
        <Table framed={false} className="border-collapse text-base">
          <TableHeader>
            <tr className="border-b border-stone-300">
              <TableHead className="py-1 pr-2">Item</TableHead>
              <TableHead className="py-1 pr-2">SKU</TableHead>
              <TableHead align="right" className="py-1 pr-2">
                Qty
              </TableHead>
              <TableHead className="py-1">Package labels</TableHead>
            </tr>
          </TableHeader>
          <TableBody>
            {items.map((item) => (
              <tr key={`${item.variantId}-${item.sku}`} className="border-b border-stone-200 align-top">
                <TableCell className="py-1 pr-2">
                  {item.productName} ({item.variantName})
                </TableCell>
                <TableCell className="py-1 pr-2 font-mono text-xs">{item.sku}</TableCell>
                <TableCell align="right" className="py-1 pr-2">
                  {item.quantity}
                </TableCell>
                <TableCell className="py-1 font-mono text-xs">
                  {item.packageLabels.length ? item.packageLabels.join(", ") : "not allocated"}
                </TableCell>
              </tr>
            ))}
          </TableBody>
        </Table>
      </section>
      <section aria-labelledby="times-heading">
        <h2 id="times-heading" className="mb-2 font-semibold">
          Times
        </h2>
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
          {times.map(([label, at]) => (
            <div key={label} className="contents">
              <dt className="text-stone-600">{label}</dt>
              <dd>{when(at)}</dd>
            </div>
          ))}
        </dl>
      </section>
      {order.notes ? (
        <section>
          <h2 className="font-semibold">Customer notes</h2>
          <p>{order.notes}</p>
        </section>
      ) : null}
      <footer className="mt-4 grid grid-cols-2 gap-8 pt-8 text-stone-600">
        <p className="border-t border-stone-400 pt-1">Driver signature</p>
        <p className="border-t border-stone-400 pt-1">Customer signature</p>
      </footer>
    </article>
  );
}
