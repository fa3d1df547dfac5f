import type { TaxRates } from "./tax";

/**
 * Starting rates per state. Every location overrides them with its own combined local sales tax and local
 * cannabis tax, which vary by city and county; the local figures below are 0 unless the state sets one rate.
 */
export const DEFAULT_TAX_RATES: Record<string, TaxRates> = {
  CA: {
    salesBps: 725, // CA: RTC §§ 6051, 7203.1, 7203 statewide base 7.25%; district taxes added per location.
    exciseBps: 1_500, // CA: RTC § 34011.2: 15% of gross receipts, collected by the retailer since 1/1/2023 (AB 195);
    // raised to 19% on 7/1/2025 and returned to 15% from 10/1/2025 by AB 564 (2025) - re-check the current rate.
    localCannabisBps: 0, // CA: city/county cannabis business taxes (BPC § 26200), per location.
    // CA: RTC § 6363.7: medicinal cannabis is exempt from sales tax only for holders of a state Medical Marijuana
    // ID Card (not a physician's recommendation alone); the excise applies to medical sales too.
    medicalExempt: { sales: true, excise: false, local: false },
    // CA: the excise is imposed on the purchaser and is not part of taxable gross receipts; a local business tax
    // passed on to the buyer is (CDTFA Tax Guide for Cannabis Businesses). Unsure on both; verify with CDTFA.
    salesTaxBase: { includesExcise: false, includesLocalCannabis: true },
  },
  CO: {
    salesBps: 290, // CO: C.R.S. § 39-26-106: 2.9% state sales tax (accessories; medical marijuana); locals add theirs.
    // CO: C.R.S. § 39-26-729: retail marijuana is exempt from the 2.9% state sales tax; only local sales tax applies.
    cannabisSalesBps: { adult_use: 0, medical: 290 },
    exciseBps: 1_500, // CO: C.R.S. § 39-28.8-202: 15% retail marijuana sales tax on the retail price.
    localCannabisBps: 0, // CO: local special marijuana taxes (e.g. Denver 5.5%), per location.
    medicalExempt: { sales: false, excise: true, local: true }, // the 15% and local special taxes are retail-only
  },
  MA: {
    salesBps: 625, // MA: M.G.L. c. 64H § 2: 6.25% sales tax.
    exciseBps: 1_075, // MA: M.G.L. c. 64N § 2: 10.75% marijuana retail excise.
    localCannabisBps: 0, // MA: M.G.L. c. 64N § 3: local option up to 3%, per municipality.
    // MA: c. 64N taxes adult-use sales only and medical marijuana is not subject to sales tax (DOR TIR 18-? -
    // reference unsure).
    medicalExempt: { sales: true, excise: true, local: true },
  },
  MI: {
    salesBps: 600, // MI: MCL 205.52: 6% sales tax.
    exciseBps: 1_000, // MI: MCL 333.27963 (MRTMA § 13): 10% excise on adult-use retail sales.
    localCannabisBps: 0, // MI has no local cannabis tax.
    medicalExempt: { sales: false, excise: true, local: true }, // medical pays the 6% sales tax only
    // MI: the excise is imposed on the retailer, so Treasury includes it in the sales price taxed at 6%
    // (e.g. $100 + $10 excise -> $6.60 sales tax). Fairly but not fully sure.
    salesTaxBase: { includesExcise: true, includesLocalCannabis: false },
  },
  WA: {
    salesBps: 650, // WA: RCW 82.08.020: 6.5% state retail sales tax; local sales tax added per location.
    exciseBps: 3_700, // WA: RCW 69.50.535: 37% excise on the retail selling price, separately stated.
    localCannabisBps: 0, // WA: no local cannabis tax.
    // WA: RCW 82.08.9998: patients with a recognition card are exempt from sales tax; the excise still applies.
    medicalExempt: { sales: true, excise: false, local: false },
    // WA: the 37% is imposed on the buyer and is not part of the selling price for sales tax (RCW 69.50.535(1)).
  },
  OR: {
    salesBps: 0, // OR: no sales tax.
    exciseBps: 1_700, // OR: ORS 475C.674 (formerly 475B.705): 17% state marijuana retail tax.
    localCannabisBps: 0, // OR: ORS 475C.453: city/county tax up to 3%, per location.
    medicalExempt: { sales: true, excise: true, local: true }, // OR: registry cardholders pay neither tax
  },
  NV: {
    salesBps: 685, // NV: NRS 372.105 + 374.110 state minimum 6.85%; e.g. Clark County 8.375% per location.
    exciseBps: 1_000, // NV: NRS 372A.290(2): 10% retail excise on adult-use sales.
    localCannabisBps: 0, // NV: local fees are on licensees, not a tax on the sale.
    medicalExempt: { sales: false, excise: true, local: false }, // NV: 10% is adult-use only (unsure on sales tax)
  },
  IL: {
    salesBps: 625, // IL: 35 ILCS 120/2-10: 6.25% state ROT (general merchandise); locals add theirs.
    cannabisSalesBps: { medical: 100 }, // IL: 35 ILCS 120/2-10: medical cannabis is taxed at the 1% drug rate.
    exciseBps: 1_000, // IL: replaced by the tiers below (35 ILCS 545/10); kept as the flower rate for reference.
    ilPotencyTiers: true,
    localCannabisBps: 0, // IL: 55 ILCS 5/5-1006.8 (county, up to 3.75%) and 65 ILCS 5/8-11-23 (city, up to 3%).
    // IL: the Purchaser Excise Tax and cannabis ROTs apply to adult-use sales only (35 ILCS 545/5 excludes
    // medical cannabis). Unsure whether ROT is computed on the excise; we assume not (separately stated).
    medicalExempt: { sales: false, excise: true, local: true },
  },
  NY: {
    salesBps: 400, // NY: Tax Law § 1105: 4% state sales tax (accessories); local added per location (NYC 8.875%).
    // NY: the MRTA exempted adult-use cannabis products from sales tax (Tax Law § 1115(a), paragraph number
    // unsure); the 13% below replaces it. Medical cannabis is exempt as a drug.
    cannabisSalesBps: { adult_use: 0, medical: 0 },
    exciseBps: 900, // NY: Tax Law § 493(b): 9% state adult-use retail tax.
    localCannabisBps: 400, // NY: Tax Law § 493(c): 4% local adult-use retail tax.
    // NY: medical cannabis is taxed at the registered-organization level (Tax Law § 490), not on the patient.
    medicalExempt: { sales: true, excise: true, local: true },
  },
};
