import {
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHead,
  TableHeader,
  TableRowHeader,
} from "@cannasaas/ui/table";
import { formatCents } from "~/lib/format";
import type { OrderDetail } from "./types";

/** Order lines with their own excise, local and sales taxes, then the order's totals (all as charged). */
export function OrderLines({ order, items }: Pick<OrderDetail, "order" | "items">) {
  const totals: Array<[string, number]> = [
    ["Subtotal", order.subtotalCents],
    ...(order.discountCents ? ([["Discount", -order.discountCents]] as Array<[string, number]>) : []),
    ["Cannabis excise tax", order.exciseCents],
    ["Local cannabis tax", order.localCannabisCents],
    ["Sales tax", order.salesTaxCents],
    ...(order.fulfillment === "delivery"
      ? ([["Delivery fee", order.deliveryFeeCents]] as Array<[string, number]>)
      : []),
  ];
  return (
    <Table className="min-w-[36rem]">
      <TableCaption>Items and taxes</TableCaption>
      <TableHeader>
        <tr>
          <TableHead>Item</TableHead>
          <TableHead align="right">Qty</TableHead>
          <TableHead align="right">Price</TableHead>
          <TableHead align="right">Excise</TableHead>
          <TableHead align="right">Local</TableHead>
          <TableHead align="right">Sales</TableHead>
          <TableHead align="right">Total</TableHead>
        </tr>
      </TableHeader>
      <TableBody>
        {items.map((item) => (
          <tr key={item.id}>
            <TableRowHeader>
              {item.productName} <span className="text-stone-600">({item.variantName})</span>
            </TableRowHeader>
            <TableCell numeric>{item.quantity}</TableCell>
            <TableCell numeric>{formatCents(item.subtotalCents)}</TableCell>
            <TableCell numeric>{formatCents(item.exciseCents)}</TableCell>
            <TableCell numeric>{formatCents(item.localCannabisCents)}</TableCell>
            <TableCell numeric>{formatCents(item.salesTaxCents)}</TableCell>
            <TableCell numeric>{formatCents(item.totalCents)}</TableCell>
          </tr>
        ))}
      </TableBody>
      <tfoot className="border-t border-stone-200">
        {totals.map(([label, cents]) => (
          <tr key={label}>
            <TableRowHeader colSpan={6} align="right" className="py-1 text-stone-600">
              {label}
            </TableRowHeader>
            <TableCell numeric className="py-1">
              {formatCents(cents)}
            </TableCell>
          </tr>
        ))}
        <tr className="text-base font-semibold">
          <TableRowHeader colSpan={6} align="right" className="font-semibold">
            Total
          </TableRowHeader>
          <TableCell numeric data-testid="order-total">
            {formatCents(order.totalCents)}
          </TableCell>
        </tr>
      </tfoot>
    </Table>
  );
}
