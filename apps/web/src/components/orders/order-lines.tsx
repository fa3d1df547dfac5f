import { formatCents } from "~/lib/format";
import type { OrderDetail } from "./types";

const cell = "px-3 py-2 text-right tabular-nums";

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
    <div className="overflow-x-auto rounded-xl border border-stone-200 bg-white shadow-sm">
      <table className="w-full min-w-[36rem] text-sm">
        <caption className="sr-only">Items and taxes</caption>
        <thead className="bg-stone-50 text-stone-600">
          <tr>
            <th scope="col" className="px-3 py-2 text-left font-medium">
              Item
            </th>
            <th scope="col" className={cell}>
              Qty
            </th>
            <th scope="col" className={cell}>
              Price
            </th>
            <th scope="col" className={cell}>
              Excise
            </th>
            <th scope="col" className={cell}>
              Local
            </th>
            <th scope="col" className={cell}>
              Sales
            </th>
            <th scope="col" className={cell}>
              Total
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id} className="border-t border-stone-100">
              <th scope="row" className="px-3 py-2 text-left font-normal">
                {item.productName} <span className="text-stone-600">({item.variantName})</span>
              </th>
              <td className={cell}>{item.quantity}</td>
              <td className={cell}>{formatCents(item.subtotalCents)}</td>
              <td className={cell}>{formatCents(item.exciseCents)}</td>
              <td className={cell}>{formatCents(item.localCannabisCents)}</td>
              <td className={cell}>{formatCents(item.salesTaxCents)}</td>
              <td className={cell}>{formatCents(item.totalCents)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot className="border-t border-stone-200">
          {totals.map(([label, cents]) => (
            <tr key={label}>
              <th scope="row" colSpan={6} className="px-3 py-1 text-right font-normal text-stone-600">
                {label}
              </th>
              <td className={cell}>{formatCents(cents)}</td>
            </tr>
          ))}
          <tr className="text-base font-semibold">
            <th scope="row" colSpan={6} className="px-3 py-2 text-right">
              Total
            </th>
            <td className={cell} data-testid="order-total">
              {formatCents(order.totalCents)}
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
