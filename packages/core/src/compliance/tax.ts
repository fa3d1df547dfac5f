import type { LimitProductKind, PurchaserType } from "./limit-types";

export { DEFAULT_TAX_RATES } from "./tax-rates";

/**
 * Rates in basis points of percent (7.25% = 725; two decimals allowed for rates like 8.375% = 837.5).
 * A location's rates override the state defaults.
 */
export type TaxRates = {
  /** State + local sales tax combined, as paid on accessories and, unless `cannabisSalesBps` says otherwise, cannabis. */
  salesBps: number;
  /** Cannabis excise on the retail price (CA 15%, CO 15% retail marijuana sales tax, MA 10.75%, MI 10%, WA 37%). */
  exciseBps: number;
  /** Local cannabis tax (e.g. a city's 3%). */
  localCannabisBps: number;
  /** What medical patients do not pay on cannabis (accessories are taxed as for anyone). */
  medicalExempt: { sales: boolean; excise: boolean; local: boolean };
  /** Illinois: 10% flower <= 35% THC, 25% products > 35% THC, 20% infused products; replaces `exciseBps`. */
  ilPotencyTiers?: boolean;
  /** Sales tax on cannabis lines by purchaser when it differs from `salesBps` (CO: retail marijuana is exempt
   * from the 2.9% state sales tax that medical marijuana and accessories pay; IL: medical cannabis pays 1%). */
  cannabisSalesBps?: Partial<Record<PurchaserType, number>>;
  /** Whether sales tax is computed on the price plus the excise and/or local cannabis tax. Default: price only. */
  salesTaxBase?: { includesExcise: boolean; includesLocalCannabis: boolean };
};

export type TaxLineInput = {
  lineId: string;
  /** after discounts */
  subtotalCents: number;
  kind: LimitProductKind;
  /** potency in basis points of percent (21.5% = 2150); needed for flower and concentrate under IL tiers */
  thcBps: number | null;
};

export type TaxLine = {
  lineId: string;
  exciseCents: number;
  localCannabisCents: number;
  salesCents: number;
  totalTaxCents: number;
};

export type TaxTotals = {
  lines: TaxLine[];
  exciseCents: number;
  localCannabisCents: number;
  salesCents: number;
  totalTaxCents: number;
};

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

function salesBpsFor(rates: TaxRates, purchaser: PurchaserType, cannabis: boolean): number {
  if (!cannabis) return rates.salesBps;
  if (purchaser === "medical" && rates.medicalExempt.sales) return 0;
  return rates.cannabisSalesBps?.[purchaser] ?? rates.salesBps;
}

function taxLine(rates: TaxRates, purchaser: PurchaserType, line: TaxLineInput): TaxLine {
  const cannabis = line.kind !== "non_cannabis";
  const medical = purchaser === "medical";
  const pays = (exempt: boolean) => cannabis && !(medical && exempt);

  const exciseBps = () => (rates.ilPotencyTiers ? illinoisExciseBps(line) : rates.exciseBps);
  // Only looked up when owed, so an IL patient's line needs no potency.
  const exciseCents = pays(rates.medicalExempt.excise) ? bpsOfCents(line.subtotalCents, exciseBps()) : 0;
  const localCannabisCents = pays(rates.medicalExempt.local)
    ? bpsOfCents(line.subtotalCents, rates.localCannabisBps)
    : 0;

  const base =
    line.subtotalCents +
    (rates.salesTaxBase?.includesExcise ? exciseCents : 0) +
    (rates.salesTaxBase?.includesLocalCannabis ? localCannabisCents : 0);
  const salesCents = bpsOfCents(base, salesBpsFor(rates, purchaser, cannabis));

  return {
    lineId: line.lineId,
    exciseCents,
    localCannabisCents,
    salesCents,
    totalTaxCents: exciseCents + localCannabisCents + salesCents,
  };
}

/** Taxes per line, each rounded half up to the cent on that line; order totals are the sums of the lines. */
export function computeTaxes(rates: TaxRates, purchaser: PurchaserType, lines: TaxLineInput[]): TaxTotals {
  const taxed = lines.map((line) => taxLine(rates, purchaser, line));
  const sum = (pick: (line: TaxLine) => number) => taxed.reduce((total, line) => total + pick(line), 0);
  return {
    lines: taxed,
    exciseCents: sum((line) => line.exciseCents),
    localCannabisCents: sum((line) => line.localCannabisCents),
    salesCents: sum((line) => line.salesCents),
    totalTaxCents: sum((line) => line.totalTaxCents),
  };
}
