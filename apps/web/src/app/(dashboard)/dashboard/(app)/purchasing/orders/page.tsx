import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@cannasaas/ui/badge";
import { EmptyState, Notice } from "@cannasaas/ui/card";
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
import { purchasingContext, refusalMessage, STATUS_LABELS } from "../context";

export const metadata: Metadata = { title: "Purchase orders" };

export default async function PurchaseOrdersPage() {
  const context = await purchasingContext();
  if (!context) return null;
  if (!context.canRead) return <Notice>Your role cannot see purchasing. Ask an owner or admin.</Notice>;
  const orders = await context.api.purchasing.orders().catch(refusalMessage);
  if (typeof orders === "string") return <Notice tone="error">{orders}</Notice>;
  if (orders.length === 0) {
    return <EmptyState>No purchase orders yet. Draft them from Suggested orders.</EmptyState>;
  }
  return (
    <Table>
      <TableCaption>Purchase orders, newest first</TableCaption>
      <TableHeader>
        <tr>
          <TableHead>Order</TableHead>
          <TableHead>Supplier</TableHead>
          <TableHead>Location</TableHead>
          <TableHead>Status</TableHead>
          <TableHead align="right">Lines</TableHead>
          <TableHead align="right">Total</TableHead>
          <TableHead>Created</TableHead>
        </tr>
      </TableHeader>
      <TableBody>
        {orders.map((o) => (
          <tr key={o.id} data-testid="purchase-order-row">
            <TableRowHeader>
              <Link href={`/dashboard/purchasing/orders/${o.id}`} className="font-medium underline">
                PO-{o.number}
              </Link>
            </TableRowHeader>
            <TableCell>{o.supplierName}</TableCell>
            <TableCell>{o.locationName}</TableCell>
            <TableCell>
              <Badge
                tone={o.status === "received" ? "success" : o.status === "cancelled" ? "neutral" : "info"}
              >
                {STATUS_LABELS[o.status]}
              </Badge>
            </TableCell>
            <TableCell align="right">{o.lines}</TableCell>
            <TableCell align="right">{formatCents(o.totalCents)}</TableCell>
            <TableCell>{formatDateTime(o.createdAt, o.locationTimeZone)}</TableCell>
          </tr>
        ))}
      </TableBody>
    </Table>
  );
}
