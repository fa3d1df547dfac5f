/**
 * How a store's own discount (a promotion the retailer funds: percent or amount off, a bundle price, a free
 * item) changes what each state taxes. Kept beside `tax-rates.ts` so a state's rate and its discount rule are
 * read together. Manufacturer-funded coupons (reimbursed by a third party) are not modelled: the product has
 * none.
 *
 * `reducesTaxableBase: true` means excise and sales tax are computed on the line after its discount.
 */
export type DiscountTaxRule = { reducesTaxableBase: boolean; citation: string };

export const DISCOUNT_TAX_RULES: Record<string, DiscountTaxRule> = {
  CA: {
    reducesTaxableBase: true,
    // CA: since 1/1/2023 the 15% excise is on the retailer's gross receipts (RTC § 34011.2); Regulation 1671.1
    // ("Discounts, Coupons, Rebates and Other Incentives"): a retailer's own discount is not part of gross
    // receipts for sales tax. CDTFA Tax Guide for Cannabis Businesses applies the same to the excise. Verify.
    citation: "RTC § 34011.2; 18 CCR 1671.1",
  },
  CO: {
    reducesTaxableBase: true,
    // CO: the 15% retail marijuana sales tax is on the "price paid" (C.R.S. § 39-28.8-202); retailer discounts
    // reduce it (DR 0100 instructions; Colorado DOR Retail Marijuana Sales Tax FAQ).
    citation: "C.R.S. § 39-28.8-202",
  },
  MA: {
    reducesTaxableBase: true,
    // MA: the excise is on "sales price" as in c. 64H § 1, which excludes cash discounts allowed and taken
    // (M.G.L. c. 64N § 1; c. 64H § 1 "sales price").
    citation: "M.G.L. c. 64N § 1; c. 64H § 1",
  },
  MI: {
    reducesTaxableBase: true,
    // MI: the 10% excise is on the "sales price" (MCL 333.27963); sales price excludes discounts the seller
    // allows (MCL 205.51(1)(d)).
    citation: "MCL 333.27963; MCL 205.51",
  },
  WA: {
    reducesTaxableBase: true,
    // WA: excise on the "selling price" (RCW 69.50.535), which for a discounted sale is the price after the
    // retailer's discount (WAC 458-20-108 for sales tax; LCB guidance follows it for the excise).
    citation: "RCW 69.50.535; WAC 458-20-108",
  },
  OR: {
    reducesTaxableBase: true,
    // OR: the retail tax is on the "retail sales price" the consumer pays (ORS 475C.674); the Department of
    // Revenue's marijuana tax rules treat a retailer's discount as lowering it (OAR chapter 150, division 475;
    // section number unsure).
    citation: "ORS 475C.674",
  },
  NV: {
    reducesTaxableBase: true,
    // NV: the 10% retail excise is on the sales price (NRS 372A.290(2)); retailer discounts reduce the sales
    // price for sales tax (NRS 360B.480, "sales price" excludes discounts).
    citation: "NRS 372A.290; NRS 360B.480",
  },
  IL: {
    reducesTaxableBase: true,
    // IL: the purchaser excise is on the "purchase price" (35 ILCS 545/5, /10); retailer discounts are not part
    // of gross receipts (86 Ill. Adm. Code 130.2125).
    citation: "35 ILCS 545/10; 86 Ill. Adm. Code 130.2125",
  },
  NY: {
    reducesTaxableBase: true,
    // NY: the 9% and 4% adult-use taxes are on the "retail price" actually charged (Tax Law § 493); a store
    // coupon reduces the receipt as it does for sales tax (Tax Law § 1101(b)(3) "receipt"; bulletin on
    // coupons unsure).
    citation: "Tax Law § 493; Tax Law § 1101(b)(3)",
  },
};

/** States without an entry follow the common rule: the retailer's discount lowers what is taxed. */
const COMMON_RULE: DiscountTaxRule = { reducesTaxableBase: true, citation: "common US sales tax practice" };

export function discountTaxRuleFor(state: string): DiscountTaxRule {
  return DISCOUNT_TAX_RULES[state] ?? COMMON_RULE;
}

/** The amount a line is taxed on after its discount, under the state's rule. */
export function taxableAfterDiscount(state: string, subtotalCents: number, discountCents: number): number {
  return discountTaxRuleFor(state).reducesTaxableBase ? subtotalCents - discountCents : subtotalCents;
}
