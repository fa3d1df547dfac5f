import type { LocationTaxRates } from "@cannasaas/db/schema";
import { computeTaxes, stateTaxRatesOn, withLocalRates, type TaxRates } from "../compliance/tax";
import { taxableAfterDiscount } from "../compliance/discount-tax-rules";
import type { PromotionOutcome } from "../promotions/types";
import { DomainError } from "../errors";
import { unitPrice, type CartLine, type Purchaser } from "../cart/view";
import { lineLimitKind } from "./limit-kind";

/** Each line at the purchaser's price (medical prices where a variant has one), before taxes. */
export function priceLines<L extends Pick<CartLine, "priceCents" | "medicalPriceCents" | "quantity">>(
  lines: L[],
  purchaser: Purchaser,
) {
  return lines.map((line) => {
    const unitPriceCents = unitPrice(line, purchaser);
    return { line, unitPriceCents, subtotalCents: unitPriceCents * line.quantity };
  });
}

/** What about a location decides its taxes: its state (the one state key for limits and taxes) and local rates. */
export type TaxLocation = {
  name: string;
  state: string;
  taxRates: LocationTaxRates | null;
  medicalEndorsed: boolean;
};

/**
 * The location's state's rules in force on `localDay` (the order's day in the store's time zone), with the
 * location's local rates laid over them; null when the state has no tax rules here.
 */
export function taxRatesFor(
  location: Pick<TaxLocation, "state" | "taxRates">,
  localDay: string,
): TaxRates | null {
  const stateRates = stateTaxRatesOn(location.state, localDay);
  return stateRates ? withLocalRates(stateRates, location.taxRates) : null;
}

/** What promotions take off, by line (keyed by variant) and off the delivery fee; see `applyPromotions`. */
export type OrderDiscounts = Pick<PromotionOutcome, "lineDiscounts" | "deliveryDiscountCents">;
const NO_DISCOUNTS: OrderDiscounts = { lineDiscounts: [], deliveryDiscountCents: 0 };

/** What is left to pay on each line after the promotions: what a loyalty reward can still come off. */
export function linesAfterDiscounts(lines: CartLine[], purchaser: Purchaser, discounts: OrderDiscounts) {
  const lineDiscount = new Map(discounts.lineDiscounts.map((d) => [d.lineId, d.discountCents]));
  return priceLines(lines, purchaser).map((p) => ({
    variantId: p.line.variantId,
    unitPriceCents: p.unitPriceCents,
    remainingCents: p.subtotalCents - Math.min(p.subtotalCents, lineDiscount.get(p.line.variantId) ?? 0),
  }));
}

/** Promotions' discounts with more line discounts (a loyalty reward's) added, as `priceOrder` takes them. */
export function withLineDiscounts(
  discounts: OrderDiscounts,
  more: ReadonlyArray<{ lineId: string; discountCents: number }> | undefined,
): OrderDiscounts {
  if (!more?.length) return discounts;
  const sum = new Map(discounts.lineDiscounts.map((d) => [d.lineId, d.discountCents]));
  for (const d of more) sum.set(d.lineId, (sum.get(d.lineId) ?? 0) + d.discountCents);
  return {
    lineDiscounts: [...sum].map(([lineId, discountCents]) => ({ lineId, discountCents })),
    deliveryDiscountCents: discounts.deliveryDiscountCents,
  };
}

/**
 * Prices and taxes every line on the server; the order's totals are the sums of its lines. The one
 * computation of what a cart costs: checkout charges it and the cart view shows it (`quoteCart`). Taxes are
 * those in force on `localDay`, the order's day in the store's time zone. Promotion and loyalty-reward
 * discounts lower each line's taxable amount as the state's rule says (`discount-tax-rules.ts`).
 */
export function priceOrder(
  location: TaxLocation,
  purchaser: Purchaser,
  lines: CartLine[],
  deliveryFeeCents: number,
  localDay: string,
  discounts: OrderDiscounts = NO_DISCOUNTS,
) {
  const rates = taxRatesFor(location, localDay);
  if (!rates) throw new DomainError("PRECONDITION_FAILED", `Taxes are not set up for ${location.name} yet.`);
  const lineDiscount = new Map(discounts.lineDiscounts.map((d) => [d.lineId, d.discountCents]));
  const priced = priceLines(lines, purchaser).map((p) => ({
    ...p,
    discountCents: Math.min(p.subtotalCents, lineDiscount.get(p.line.variantId) ?? 0),
  }));
  const deliveryDiscountCents = Math.min(deliveryFeeCents, discounts.deliveryDiscountCents);
  const kinds = lines.map((line) => lineLimitKind(line));
  const taxes = computeTaxes(
    rates,
    purchaser,
    priced.map((p, i) => ({
      lineId: p.line.variantId,
      subtotalCents: taxableAfterDiscount(location.state, p.subtotalCents, p.discountCents),
      kind: kinds[i]!,
      thcBps: p.line.thcBps,
      medicalCompliant: p.line.medicalCompliant,
    })),
    // Taxes that apply to delivery are charged on the fee the shopper pays after a delivery deal.
    {
      deliveryFeeCents: deliveryFeeCents - deliveryDiscountCents,
      medicalEndorsedStore: location.medicalEndorsed,
    },
  );
  const orderLines = priced.map((p, i) => {
    const tax = taxes.lines[i]!;
    return {
      variantId: p.line.variantId,
      productName: p.line.productName,
      variantName: p.line.variantName,
      sku: p.line.sku,
      category: p.line.category,
      limitKind: kinds[i]!,
      quantity: p.line.quantity,
      unitPriceCents: p.unitPriceCents,
      subtotalCents: p.subtotalCents,
      discountCents: p.discountCents,
      exciseCents: tax.exciseCents,
      localCannabisCents: tax.localCannabisCents,
      salesTaxCents: tax.salesCents,
      totalCents: p.subtotalCents - p.discountCents + tax.totalTaxCents,
      cannabisWeightMg: p.line.weightMg,
      thcMg: p.line.thcMg,
      netWeightMg: p.line.netWeightMg,
      netVolumeMl: p.line.netVolumeMl,
    };
  });
  const subtotalCents = orderLines.reduce((sum, l) => sum + l.subtotalCents, 0);
  const discountCents = orderLines.reduce((sum, l) => sum + l.discountCents, 0) + deliveryDiscountCents;
  return {
    lines: orderLines,
    totals: {
      subtotalCents,
      discountCents,
      deliveryFeeCents,
      exciseCents: taxes.exciseCents,
      localCannabisCents: taxes.localCannabisCents,
      salesTaxCents: taxes.salesCents,
      totalCents: subtotalCents - discountCents + taxes.totalTaxCents + deliveryFeeCents,
    },
  };
}
