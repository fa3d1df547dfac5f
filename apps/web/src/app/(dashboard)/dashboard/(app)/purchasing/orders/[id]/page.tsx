import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@cannasaas/ui/badge";
import { Card, CardTitle, Notice } from "@cannasaas/ui/card";
import {
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHead,
  TableHeader,
  TableRowHeader,
} from "@cannasaas/ui/table";
import { formatCents, formatDateTime } from "~/lib/format";
import { purchasingContext, refusalMessage, STATUS_LABELS } from "../../context";
import { DraftActions, LineQuantity } from "./draft-actions";
import { ReceiveForm } from "./receive-form";

export const metadata: Metadata = { title: "Purchase order" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function PurchaseOrderPage({ params }: { params: Promise<{ id: string }> }) {
  const context = await purchasingContext();
  if (!context) return null;
  if (!context.canRead) return <Notice>Your role cannot see purchasing. Ask an owner or admin.</Notice>;
  const { id } = await params;
  if (!UUID.test(id)) return <Notice tone="error">That purchase order does not exist.</Notice>;
  const po = await context.api.purchasing.order({ purchaseOrderId: id }).catch(refusalMessage);
  if (typeof po === "string") return <Notice tone="error">{po}</Notice>;
  const { order, supplier, lines, receipts } = po;
  const tz = po.locationTimeZone;
  const total = lines.reduce((t, l) => t + l.quantityOrdered * l.unitCostCents, 0);
  const editable = context.canBuy && order.status === "draft";
  const receivable = context.canBuy && (order.status === "sent" || order.status === "partially_received");
  const lineName = new Map(lines.map((l) => [l.id, `${l.productName} (${l.variantName})`]));

  return (
    <div className="flex flex-col gap-4">
      <Link href="/dashboard/purchasing/orders" className="text-sm underline">
        ← All purchase orders
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h2 className="text-xl font-semibold">PO-{order.number}</h2>
        <Badge tone={order.status === "received" ? "success" : "info"} data-testid="purchase-order-status">
          {STATUS_LABELS[order.status]}
        </Badge>
        <a
          href={`/dashboard/purchasing/orders/${order.id}/pdf`}
          className="font-medium text-brand underline underline-offset-4"
        >
          Download PO-{order.number} as PDF
        </a>
      </div>
      <Card>
        <CardTitle>{supplier.name}</CardTitle>
        <dl className="grid gap-1 text-sm sm:grid-cols-2">
          <div>
            <dt className="inline font-medium">Deliver to: </dt>
            <dd className="inline">{po.locationName}</dd>
          </div>
          <div>
            <dt className="inline font-medium">Supplier email: </dt>
            <dd className="inline">{supplier.email ?? "none on file"}</dd>
          </div>
          <div>
            <dt className="inline font-medium">Lead time: </dt>
            <dd className="inline">
              {supplier.leadTimeDays === null ? "not on file" : `${supplier.leadTimeDays} days`}
            </dd>
          </div>
          <div>
            <dt className="inline font-medium">Created: </dt>
            <dd className="inline">{formatDateTime(order.createdAt, tz)}</dd>
          </div>
          {order.sentAt ? (
            <div>
              <dt className="inline font-medium">Sent: </dt>
              <dd className="inline">{formatDateTime(order.sentAt, tz)}</dd>
            </div>
          ) : null}
          {order.receivedAt ? (
            <div>
              <dt className="inline font-medium">Received: </dt>
              <dd className="inline">{formatDateTime(order.receivedAt, tz)}</dd>
            </div>
          ) : null}
        </dl>
        {supplier.minimumOrderCents > total && order.status === "draft" ? (
          <Notice className="mt-3">
            {supplier.name}&apos;s minimum order is {formatCents(supplier.minimumOrderCents)}; this draft is{" "}
            {formatCents(total)}.
          </Notice>
        ) : null}
      </Card>
      <Table>
        <TableCaption>Lines</TableCaption>
        <TableHeader>
          <tr>
            <TableHead>Product</TableHead>
            <TableHead align="right">Ordered</TableHead>
            <TableHead align="right">Received</TableHead>
            <TableHead align="right">Unit cost</TableHead>
            <TableHead align="right">Line total</TableHead>
          </tr>
        </TableHeader>
        <TableBody>
          {lines.map((l) => (
            <tr key={l.id} data-testid="purchase-order-line">
              <TableRowHeader>
                <span className="font-medium">{l.productName}</span>
                <span className="text-stone-600"> · {l.variantName}</span>
                <span className="block text-xs text-stone-500">{l.sku}</span>
              </TableRowHeader>
              <TableCell align="right">
                {editable ? (
                  <LineQuantity
                    purchaseOrderId={order.id}
                    lineId={l.id}
                    quantity={l.quantityOrdered}
                    label={lineName.get(l.id)!}
                  />
                ) : (
                  l.quantityOrdered
                )}
              </TableCell>
              <TableCell align="right">{l.quantityReceived}</TableCell>
              <TableCell align="right">{formatCents(l.unitCostCents)}</TableCell>
              <TableCell align="right">{formatCents(l.quantityOrdered * l.unitCostCents)}</TableCell>
            </tr>
          ))}
        </TableBody>
      </Table>
      <p className="text-sm font-medium">Total {formatCents(total)}</p>
      {context.canBuy && (order.status === "draft" || order.status === "sent") ? (
        <DraftActions purchaseOrderId={order.id} status={order.status} supplierEmail={supplier.email} />
      ) : null}
      {receivable ? (
        <ReceiveForm
          purchaseOrderId={order.id}
          lines={lines
            .filter((l) => l.quantityReceived < l.quantityOrdered)
            .map((l) => ({
              id: l.id,
              label: lineName.get(l.id)!,
              outstanding: l.quantityOrdered - l.quantityReceived,
            }))}
        />
      ) : null}
      {receipts.length > 0 ? (
        <Table>
          <TableCaption>Received into lots</TableCaption>
          <TableHeader>
            <tr>
              <TableHead>Product</TableHead>
              <TableHead>METRC package label</TableHead>
              <TableHead align="right">Units</TableHead>
              <TableHead>Expires</TableHead>
              <TableHead>Received</TableHead>
            </tr>
          </TableHeader>
          <TableBody>
            {receipts.map((r) => (
              <tr key={r.id} data-testid="receipt-row">
                <TableRowHeader>{lineName.get(r.lineId)}</TableRowHeader>
                <TableCell>
                  <code>{r.packageLabel}</code>
                </TableCell>
                <TableCell align="right">{r.quantity}</TableCell>
                <TableCell>{r.expiresOn ?? "—"}</TableCell>
                <TableCell>{formatDateTime(r.receivedAt, tz)}</TableCell>
              </tr>
            ))}
          </TableBody>
        </Table>
      ) : null}
    </div>
  );
}
