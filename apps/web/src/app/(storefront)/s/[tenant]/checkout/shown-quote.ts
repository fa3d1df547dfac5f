import type { ShownQuoteInput } from "@cannasaas/validators";
import type { CartData } from "../cart/cart-line-item";

/** What the review showed, in the shape checkout sends back; none when the review had no total to show. */
export function shownQuote(cart: CartData): ShownQuoteInput | undefined {
  const t = cart.totals;
  if (!t) return undefined;
  return {
    totalCents: t.totalCents,
    discountCents: t.discountCents,
    deliveryFeeCents: t.deliveryFeeCents,
    taxCents: t.exciseCents + t.localCannabisCents + t.salesTaxCents,
    lines: cart.lines.map((l) => ({
      variantId: l.variantId,
      quantity: l.quantity,
      unitPriceCents: l.unitPriceCents,
    })),
  };
}
