import type { TaxRates } from "./tax-types";

/**
 * A state's rules from `from` (the first day they apply, in the store's local calendar) until the next period.
 * An order is taxed by the period in force on its local day, so a rate change never reprices older orders.
 */
export type TaxPeriod = { from: string; rates: TaxRates };

/**
 * How each state's amounts are rounded. Every state here is computed the same way, per line, half up to the
 * cent (a half cent rounds away from zero), and the order's totals are the sums of its lines, so a receipt's
 * lines always add up. Where a state's guidance names a method it is cited; where it does not, per-line
 * rounding is what the receipt shows and is the method the state's point-of-sale guidance accepts.
 */
export const ROUNDING_BY_STATE: Readonly<Record<string, string>> = {
  CA: "Per line, half up to the cent. CDTFA's guide allows rounding the excise per line or per invoice; per line keeps the receipt's lines adding up.",
  CO: "Per line, half up to the cent (the state's bracket tables agree with half up at these rates).",
  MA: "Per line, half up to the cent (DOR: round to the nearest cent).",
  MI: "Per line, half up to the cent (Treasury: round to the nearest cent).",
  WA: "Per line, half up to the cent (DOR: round to the nearest cent).",
  OR: "Per line, half up to the cent (DOR: round to the nearest cent).",
  NV: "Per line, half up to the cent (the state's bracket tables agree with half up at these rates).",
  IL: "Per line, half up to the cent (IDOR: half a cent or more rounds up).",
  NY: "Per line, half up to the cent (DTF: round to the nearest cent).",
};

const CA_BASE: TaxRates = {
  salesBps: 725, // CA: RTC §§ 6051, 7203.1, 7203 statewide base 7.25%; district taxes added per location.
  exciseBps: 1_500, // CA: RTC § 34011.2: 15% of gross receipts, collected by the retailer since 1/1/2023 (AB 195).
  localCannabisBps: 0, // CA: city/county cannabis business taxes (BPC § 26200), per location.
  // CA: RTC § 6363.7: medicinal cannabis is exempt from sales tax only for holders of a state Medical Marijuana
  // ID Card (not a physician's recommendation alone); the excise applies to medical sales too.
  medicalExempt: { sales: true, excise: false, local: false },
  // CA: RTC § 34011.2(a) and CDTFA's Tax Guide for Cannabis Businesses: the excise is measured on the gross
  // receipts of the retail sale, which include delivery charges and any local cannabis tax the retailer passes
  // on to the buyer; and the excise is part of the sales price subject to sales tax (CDTFA L-911 / Regulation
  // 1700 reimbursement rules), as is a passed-on local tax.
  exciseBase: { includesDeliveryFee: true, includesLocalCannabis: true },
  salesTaxBase: { includesExcise: true, includesLocalCannabis: true },
};

/** Every state's periods, oldest first. Citations sit beside each number. */
export const STATE_TAX_SCHEDULES: Readonly<Record<string, readonly TaxPeriod[]>> = {
  CA: [
    { from: "2023-01-01", rates: CA_BASE },
    // CA: RTC § 34011.2(b) (AB 195) had CDTFA reset the rate from 7/1/2025 to replace the cultivation tax's
    // revenue: CDTFA set 19%.
    { from: "2025-07-01", rates: { ...CA_BASE, exciseBps: 1_900 } },
    // CA: AB 564 (Stats. 2025) returned the excise to 15% from 10/1/2025.
    { from: "2025-10-01", rates: CA_BASE },
  ],
  CO: [
    {
      from: "2023-01-01",
      rates: {
        salesBps: 290, // CO: C.R.S. § 39-26-106: 2.9% state sales tax (accessories; medical marijuana).
        // CO: C.R.S. § 39-26-729: retail marijuana is exempt from the 2.9% state sales tax.
        cannabisSalesBps: { adult_use: 0, medical: 290 },
        exciseBps: 1_500, // CO: C.R.S. § 39-28.8-202: 15% retail marijuana sales tax on the retail price.
        localCannabisBps: 0, // CO: local special marijuana taxes (e.g. Denver 5.5%), per location.
        medicalExempt: { sales: false, excise: true, local: true }, // the 15% and local special taxes are retail-only
      },
    },
  ],
  MA: [
    {
      from: "2023-01-01",
      rates: {
        salesBps: 625, // MA: M.G.L. c. 64H § 2: 6.25% sales tax.
        exciseBps: 1_075, // MA: M.G.L. c. 64N § 2: 10.75% marijuana retail excise.
        localCannabisBps: 0, // MA: M.G.L. c. 64N § 3: local option up to 3%, per municipality.
        // MA: c. 64N taxes adult-use sales only; medical marijuana is not subject to sales tax (M.G.L. c. 64H § 6).
        medicalExempt: { sales: true, excise: true, local: true },
      },
    },
  ],
  MI: [
    {
      from: "2023-01-01",
      rates: {
        salesBps: 600, // MI: MCL 205.52: 6% sales tax.
        exciseBps: 1_000, // MI: MCL 333.27963 (MRTMA § 13): 10% excise on adult-use retail sales.
        localCannabisBps: 0, // MI has no local cannabis tax.
        medicalExempt: { sales: false, excise: true, local: true }, // medical pays the 6% sales tax only
        // MI: the excise is imposed on the retailer, so Treasury includes it in the sales price taxed at 6%.
        salesTaxBase: { includesExcise: true, includesLocalCannabis: false },
      },
    },
  ],
  WA: [
    {
      from: "2023-01-01",
      rates: {
        salesBps: 650, // WA: RCW 82.08.020: 6.5% state retail sales tax; local sales tax added per location.
        // WA: RCW 69.50.535(1): 37% excise on the selling price, separately stated, not in the sales tax base.
        exciseBps: 3_700,
        localCannabisBps: 0, // WA: no local cannabis tax.
        // WA: RCW 82.08.9998: recognition-card holders pay no sales tax on DOH-compliant products bought
        // from a store with the medical endorsement; everything else is taxed as for anyone.
        medicalExempt: { sales: true, excise: false, local: false },
        medicalExemptionsNeedCompliantProductAtEndorsedStore: true,
      },
    },
    {
      // WA: SHB 1453 (2024), RCW 69.50.535 as amended, in force 6/6/2024 until 6/30/2029: the same card
      // holders buying DOH-compliant products from an endorsed store are exempt from the 37% excise too.
      from: "2024-06-06",
      rates: {
        salesBps: 650,
        exciseBps: 3_700,
        localCannabisBps: 0,
        medicalExempt: { sales: true, excise: true, local: false },
        medicalExemptionsNeedCompliantProductAtEndorsedStore: true,
      },
    },
  ],
  OR: [
    {
      from: "2023-01-01",
      rates: {
        salesBps: 0, // OR: no sales tax.
        exciseBps: 1_700, // OR: ORS 475C.674: 17% state marijuana retail tax.
        localCannabisBps: 0, // OR: ORS 475C.453: city/county tax up to 3%, per location.
        medicalExempt: { sales: true, excise: true, local: true }, // OR: registry cardholders pay neither tax
      },
    },
  ],
  NV: [
    {
      from: "2023-01-01",
      rates: {
        salesBps: 685, // NV: NRS 372.105 + 374.110 state minimum 6.85%; e.g. Clark County 8.375% per location.
        exciseBps: 1_000, // NV: NRS 372A.290(2): 10% retail excise on adult-use sales.
        localCannabisBps: 0, // NV: local fees are on licensees, not a tax on the sale.
        medicalExempt: { sales: false, excise: true, local: false }, // NV: the 10% is adult-use only
      },
    },
  ],
  IL: [
    {
      from: "2023-01-01",
      rates: {
        salesBps: 625, // IL: 35 ILCS 120/2-10: 6.25% state ROT (general merchandise); locals add theirs.
        cannabisSalesBps: { medical: 100 }, // IL: 35 ILCS 120/2-10: medical cannabis pays the 1% drug rate.
        exciseBps: 1_000, // IL: replaced by the potency tiers (35 ILCS 545/10); kept as the flower rate.
        ilPotencyTiers: true,
        localCannabisBps: 0, // IL: 55 ILCS 5/5-1006.8 (county) and 65 ILCS 5/8-11-23 (city), per location.
        // IL: the Purchaser Excise Tax and cannabis ROTs apply to adult-use sales only (35 ILCS 545/5).
        medicalExempt: { sales: false, excise: true, local: true },
      },
    },
  ],
  NY: [
    {
      // NY: Tax Law § 493(b)-(c): 9% state and 4% local adult-use retail taxes on the consumer, in place of
      // sales tax (Tax Law § 1115(a)). Medical cannabis is taxed at the registered-organization level (§ 490).
      // Until 5/31/2024 distributors also paid the THC potency tax (§ 493(a) as enacted), never charged at retail.
      from: "2023-01-01",
      rates: {
        salesBps: 400, // NY: Tax Law § 1105: 4% state sales tax (accessories); local added per location.
        cannabisSalesBps: { adult_use: 0, medical: 0 },
        exciseBps: 900,
        localCannabisBps: 400,
        medicalExempt: { sales: true, excise: true, local: true },
      },
    },
    {
      // NY: the 2024-25 budget (S.8309-C; part letter unsure) replaced the potency tax from 6/1/2024 with a
      // 9% tax on the distributor's sale to the retailer (Tax Law § 493(a)); a vertically integrated seller
      // (microbusiness, registered organization) owes it on 75% of its retail price. It is the licensee's
      // tax, built into its prices, never added to the shopper's receipt; the retail taxes are unchanged.
      from: "2024-06-01",
      rates: {
        salesBps: 400,
        cannabisSalesBps: { adult_use: 0, medical: 0 },
        exciseBps: 900,
        localCannabisBps: 400,
        medicalExempt: { sales: true, excise: true, local: true },
        licenseeWholesale: { bps: 900, retailShareBps: 7_500 },
      },
    },
  ],
};

/** The state's rules in force on `localDay` (YYYY-MM-DD in the store's time zone); null for an unknown state. */
export function stateTaxRatesOn(state: string, localDay: string): TaxRates | null {
  const periods = STATE_TAX_SCHEDULES[state.trim().toUpperCase()];
  if (!periods?.length) return null;
  let current = periods[0]!;
  for (const period of periods) if (period.from <= localDay) current = period;
  return current.rates;
}

/** The latest rules of every state (what a new order is taxed at once the last change is in force). */
export const DEFAULT_TAX_RATES: Readonly<Record<string, TaxRates>> = Object.fromEntries(
  Object.entries(STATE_TAX_SCHEDULES).map(([state, periods]) => [state, periods[periods.length - 1]!.rates]),
);
