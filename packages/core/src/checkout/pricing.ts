import type { LocationTaxRates } from "@cannasaas/db/schema";
import { categoryToLimitKind } from "../compliance/limits";
import { computeTaxes, DEFAULT_TAX_RATES } from "../compliance/tax";
import { DomainError } from "../errors";
import { unitPrice, type CartLine, type Purchaser } from "../cart/view";

/** Prices and taxes every line on the server; the order's totals are the sums of its lines. */
export function priceOrder(
  location: { name: string; taxRates: LocationTaxRates | null },
  state: string,
  purchaser: Purchaser,
  lines: CartLine[],
  deliveryFeeCents: number,
) {
  const rates = location.taxRates ?? DEFAULT_TAX_RATES[state];
  if (!rates) throw new DomainError("PRECONDITION_FAILED", `Taxes are not set up for ${location.name} yet.`);
  const priced = lines.map((line) => {
    const unitPriceCents = unitPrice(line, purchaser);
    return { line, unitPriceCents, subtotalCents: unitPriceCents * line.quantity };
  });
  const taxes = computeTaxes(
    rates,
    purchaser,
    priced.map((p) => ({
      lineId: p.line.variantId,
      subtotalCents: p.subtotalCents,
      kind: categoryToLimitKind(p.line.category),
      thcBps: p.line.thcBps,
    })),
  );
  const orderLines = priced.map((p, i) => {
    const tax = taxes.lines[i]!;
    return {
      variantId: p.line.variantId,
      productName: p.line.productName,
      variantName: p.line.variantName,
      sku: p.line.sku,
      category: p.line.category,
      quantity: p.line.quantity,
      unitPriceCents: p.unitPriceCents,
      subtotalCents: p.subtotalCents,
      exciseCents: tax.exciseCents,
      localCannabisCents: tax.localCannabisCents,
      salesTaxCents: tax.salesCents,
      totalCents: p.subtotalCents + tax.totalTaxCents,
      cannabisWeightMg: p.line.weightMg,
      thcMg: p.line.thcMg,
      netWeightMg: p.line.netWeightMg,
      netVolumeMl: p.line.netVolumeMl,
    };
  });
  const subtotalCents = orderLines.reduce((sum, l) => sum + l.subtotalCents, 0);
  return {
    lines: orderLines,
    totals: {
      subtotalCents,
      discountCents: 0,
      deliveryFeeCents,
      exciseCents: taxes.exciseCents,
      localCannabisCents: taxes.localCannabisCents,
      salesTaxCents: taxes.salesCents,
      totalCents: subtotalCents + taxes.totalTaxCents + deliveryFeeCents,
    },
  };
}
