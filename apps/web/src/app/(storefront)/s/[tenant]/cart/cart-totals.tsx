import { formatCents } from "~/lib/format";
import type { CartData } from "./cart-line-item";

export type CartTotals = NonNullable<CartData["totals"]>;

/**
 * The taxes, delivery fee and total the server prices a cart at: the cart page and checkout's review both
 * show this, from the same pricing checkout charges, so they never disagree. Taxes that do not apply (zero)
 * are left out.
 */
export function CartTotalsList({ totals, totalTestId }: { totals: CartTotals; totalTestId: string }) {
  const rows: Array<[string, number]> = [
    ["Cannabis excise tax", totals.exciseCents],
    ["Local cannabis tax", totals.localCannabisCents],
    ["Sales tax", totals.salesTaxCents],
    ["Delivery fee", totals.deliveryFeeCents],
  ];
  return (
    <dl className="text-sm">
      {totals.discountCents > 0 ? (
        <div className="flex justify-between py-0.5 text-emerald-800">
          <dt>Discounts and rewards</dt>
          <dd data-testid={`${totalTestId}-discount`}>−{formatCents(totals.discountCents)}</dd>
        </div>
      ) : null}
      {rows
        .filter(([, cents]) => cents > 0)
        .map(([label, cents]) => (
          <div key={label} className="flex justify-between py-0.5 text-stone-700">
            <dt>{label}</dt>
            <dd>{formatCents(cents)}</dd>
          </div>
        ))}
      <div className="mt-1 flex justify-between border-t border-stone-200 pt-2 text-base font-semibold">
        <dt>Total</dt>
        <dd data-testid={totalTestId}>{formatCents(totals.totalCents)}</dd>
      </div>
    </dl>
  );
}
