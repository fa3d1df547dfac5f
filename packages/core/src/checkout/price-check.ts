import { DomainError } from "../errors";

/** What the shopper was shown at checkout: the lines' prices and quantities and the totals. */
export type ShownQuote = {
  totalCents: number;
  discountCents: number;
  deliveryFeeCents: number;
  /** Excise, local cannabis and sales tax together. */
  taxCents: number;
  lines: Array<{ variantId: string; quantity: number; unitPriceCents: number }>;
};

type Charged = {
  totals: {
    totalCents: number;
    discountCents: number;
    deliveryFeeCents: number;
    exciseCents: number;
    localCannabisCents: number;
    salesTaxCents: number;
  };
  lines: Array<{
    variantId: string;
    productName: string;
    variantName: string;
    quantity: number;
    unitPriceCents: number;
  }>;
};

const money = (cents: number) => `$${(cents / 100).toFixed(2)}`;
const again = "Review your order and place it again.";

/**
 * Refuses an order whose total differs from the one the shopper saw, saying what changed: a line's price, the
 * cart's contents, a promotion, the delivery fee or the taxes. Nothing is charged that was not shown.
 */
export function assertChargedAsShown(shown: ShownQuote, charged: Charged): void {
  const refuse = (message: string) =>
    new DomainError("CONFLICT", `${message} ${again}`, {
      field: "expected",
      shownTotalCents: shown.totalCents,
      totalCents: charged.totals.totalCents,
    });
  const shownLines = new Map(shown.lines.map((l) => [l.variantId, l]));
  for (const line of charged.lines) {
    const before = shownLines.get(line.variantId);
    const name = `${line.productName} (${line.variantName})`;
    if (!before || before.quantity !== line.quantity)
      throw refuse(`Your cart changed: ${name} is now ${line.quantity}.`);
    if (before.unitPriceCents !== line.unitPriceCents)
      throw refuse(
        `The price of ${name} changed from ${money(before.unitPriceCents)} to ${money(line.unitPriceCents)}.`,
      );
  }
  if (shown.lines.length !== charged.lines.length)
    throw refuse("Your cart changed: an item was removed in another window.");
  const t = charged.totals;
  if (shown.totalCents === t.totalCents) return;
  if (shown.discountCents !== t.discountCents)
    throw refuse(
      `Your discounts changed from ${money(shown.discountCents)} to ${money(t.discountCents)} (a promotion or reward changed).`,
    );
  if (shown.deliveryFeeCents !== t.deliveryFeeCents)
    throw refuse(
      `The delivery fee changed from ${money(shown.deliveryFeeCents)} to ${money(t.deliveryFeeCents)}.`,
    );
  const taxCents = t.exciseCents + t.localCannabisCents + t.salesTaxCents;
  throw refuse(
    shown.taxCents !== taxCents
      ? `Taxes changed from ${money(shown.taxCents)} to ${money(taxCents)}.`
      : `Your total changed from ${money(shown.totalCents)} to ${money(t.totalCents)}.`,
  );
}
