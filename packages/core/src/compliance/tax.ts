import type { PurchaserType } from "./limit-types";
import type { TaxLine, TaxLineInput, TaxRates, TaxSaleContext, TaxTotals } from "./tax-types";

export { DEFAULT_TAX_RATES, ROUNDING_BY_STATE, STATE_TAX_SCHEDULES, stateTaxRatesOn } from "./tax-rates";
export type { TaxPeriod } from "./tax-rates";
export type { TaxLine, TaxLineInput, TaxRates, TaxSaleContext, TaxTotals } from "./tax-types";

function assertWhole(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new Error(`${what} must be a non-negative whole number`);
  }
}

/**
 * A rate in hundredths of a basis point. Rates are integers in bps except where a US sales tax is finer than
 * 0.01% (Clark County NV 8.375% = 837.5, New York City 8.875% = 887.5), so up to two decimals are accepted.
 */
function hundredthsOfBps(bps: number): number {
  const hundredths = Math.round(bps * 100);
  if (!(bps >= 0 && bps <= 10_000) || Math.abs(bps * 100 - hundredths) > 1e-6) {
    throw new Error(`tax rate must be 0 to 10,000 basis points with at most two decimals, got ${bps}`);
  }
  return hundredths;
}

/** cents * bps / 10000, rounded half up to a whole cent, in integer arithmetic. */
export function bpsOfCents(cents: number, bps: number): number {
  assertWhole(cents, "amount in cents");
  const scaled = cents * hundredthsOfBps(bps) + 500_000;
  if (!Number.isSafeInteger(scaled)) throw new Error("amount too large to tax exactly");
  return (scaled - (scaled % 1_000_000)) / 1_000_000;
}

/** Splits whole cents over weights (largest remainder, ties to the earlier line); the parts sum to `cents`. */
export function shareCents(cents: number, weights: readonly number[]): number[] {
  assertWhole(cents, "amount in cents");
  weights.forEach((w) => assertWhole(w, "weight"));
  const total = BigInt(weights.reduce((a, b) => a + b, 0));
  if (total === 0n) return weights.map(() => 0);
  const parts = weights.map((w) => BigInt(cents) * BigInt(w));
  const shares = parts.map((p) => p / total);
  let left = BigInt(cents) - shares.reduce((a, b) => a + b, 0n);
  const byRemainder = parts
    .map((p, i) => [p % total, i] as const)
    .sort((a, b) => (a[0] === b[0] ? a[1] - b[1] : a[0] > b[0] ? -1 : 1));
  for (const [, i] of byRemainder) {
    if (left <= 0n) break;
    shares[i]! += 1n;
    left -= 1n;
  }
  return shares.map(Number);
}

// IL: 35 ILCS 545/10 (Cannabis Purchaser Excise Tax). The statute measures "adjusted delta-9 THC"; we use
// the potency the catalog gives (normally the label's total THC), which is the same or higher.
const IL_LOW_TIER_MAX_THC_BPS = 3_500;
function illinoisExciseBps(line: TaxLineInput): number {
  if (line.kind === "flower" || line.kind === "concentrate") {
    if (line.thcBps === null) {
      throw new Error(`Illinois cannabis tax needs the THC potency of line ${line.lineId}.`);
    }
    return line.thcBps <= IL_LOW_TIER_MAX_THC_BPS ? 1_000 : 2_500;
  }
  return 2_000; // edibles, drinks, tinctures and topicals are cannabis-infused products
}

/** Whether a medical purchaser's exemptions apply to this line (WA limits them to compliant products at endorsed stores). */
function medicalExemptionsApply(rates: TaxRates, line: TaxLineInput, sale: TaxSaleContext): boolean {
  if (!rates.medicalExemptionsNeedCompliantProductAtEndorsedStore) return true;
  return sale.medicalEndorsedStore === true && line.medicalCompliant === true;
}

function taxLine(
  rates: TaxRates,
  purchaser: PurchaserType,
  line: TaxLineInput,
  sale: TaxSaleContext,
  deliveryShareCents: number,
): TaxLine {
  const cannabis = line.kind !== "non_cannabis";
  const exempting = purchaser === "medical" && medicalExemptionsApply(rates, line, sale);
  const pays = (exempt: boolean) => cannabis && !(exempting && exempt);

  const localCannabisCents = pays(rates.medicalExempt.local)
    ? bpsOfCents(line.subtotalCents, rates.localCannabisBps)
    : 0;
  const exciseBase =
    line.subtotalCents +
    (rates.exciseBase?.includesDeliveryFee ? deliveryShareCents : 0) +
    (rates.exciseBase?.includesLocalCannabis ? localCannabisCents : 0);
  const exciseBps = () => (rates.ilPotencyTiers ? illinoisExciseBps(line) : rates.exciseBps);
  // Only looked up when owed, so an IL patient's line needs no potency.
  const exciseCents = pays(rates.medicalExempt.excise) ? bpsOfCents(exciseBase, exciseBps()) : 0;

  const salesBps = !cannabis
    ? rates.salesBps
    : exempting && rates.medicalExempt.sales
      ? 0
      : (rates.cannabisSalesBps?.[purchaser] ?? rates.salesBps);
  const salesBase =
    line.subtotalCents +
    (rates.salesTaxBase?.includesExcise ? exciseCents : 0) +
    (rates.salesTaxBase?.includesLocalCannabis ? localCannabisCents : 0);
  const salesCents = bpsOfCents(salesBase, salesBps);

  return {
    lineId: line.lineId,
    exciseCents,
    localCannabisCents,
    salesCents,
    totalTaxCents: exciseCents + localCannabisCents + salesCents,
  };
}

/**
 * Taxes per line, each rounded half up to the cent on that line; order totals are the sums of the lines.
 * A delivery fee is shared over the cannabis lines by their amounts, so its excise (where a state charges one)
 * shows on the lines of the receipt. `lines` carry their amounts after discounts.
 */
export function computeTaxes(
  rates: TaxRates,
  purchaser: PurchaserType,
  lines: TaxLineInput[],
  sale: TaxSaleContext = {},
): TaxTotals {
  const deliveryShares = shareCents(
    sale.deliveryFeeCents ?? 0,
    lines.map((line) => (line.kind === "non_cannabis" ? 0 : line.subtotalCents)),
  );
  const taxed = lines.map((line, i) => taxLine(rates, purchaser, line, sale, deliveryShares[i] ?? 0));
  const sum = (pick: (line: TaxLine) => number) => taxed.reduce((total, line) => total + pick(line), 0);
  return {
    lines: taxed,
    exciseCents: sum((line) => line.exciseCents),
    localCannabisCents: sum((line) => line.localCannabisCents),
    salesCents: sum((line) => line.salesCents),
    totalTaxCents: sum((line) => line.totalTaxCents),
  };
}

/** The local parts a location may set; every other rule (excise, exemptions, bases) stays the state's. */
export type LocalTaxOverride = { salesBps?: number | null; localCannabisBps?: number | null };

/** The state's rules in force, with the location's own local rates laid over the parts a location may set. */
export function withLocalRates(stateRates: TaxRates, local: LocalTaxOverride | null | undefined): TaxRates {
  if (!local) return stateRates;
  return {
    ...stateRates,
    salesBps: local.salesBps ?? stateRates.salesBps,
    localCannabisBps: local.localCannabisBps ?? stateRates.localCannabisBps,
  };
}
