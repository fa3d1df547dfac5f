import type { LimitProductKind, PurchaserType } from "./limit-types";

/**
 * A state's tax rules in force for a period. Rates are basis points of percent (7.25% = 725; two decimals
 * allowed for rates like 8.375% = 837.5). A location may override only the local parts (`salesBps`,
 * `localCannabisBps`); the exemptions, bases and excise stay the state's.
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
  /**
   * Washington: the medical exemptions hold only for products meeting the Department of Health's standards,
   * sold by a store with the medical endorsement; otherwise a patient pays what anyone pays.
   */
  medicalExemptionsNeedCompliantProductAtEndorsedStore?: boolean;
  /** Illinois: 10% flower <= 35% THC, 25% products > 35% THC, 20% infused products; replaces `exciseBps`. */
  ilPotencyTiers?: boolean;
  /** Sales tax on cannabis lines by purchaser when it differs from `salesBps` (CO: retail marijuana is exempt
   * from the 2.9% state sales tax that medical marijuana and accessories pay; IL: medical cannabis pays 1%). */
  cannabisSalesBps?: Partial<Record<PurchaserType, number>>;
  /** Whether sales tax is computed on the price plus the excise and/or local cannabis tax. Default: price only. */
  salesTaxBase?: { includesExcise: boolean; includesLocalCannabis: boolean };
  /** Whether the excise is computed on the delivery fee and/or local cannabis tax too. Default: price only. */
  exciseBase?: { includesDeliveryFee: boolean; includesLocalCannabis: boolean };
  /**
   * New York: the licensee's 9% wholesale tax, owed by a vertically integrated seller on a share of its retail
   * price. Recorded for reference; it is part of the seller's cost and never added to a receipt.
   */
  licenseeWholesale?: { bps: number; retailShareBps: number };
};

export type TaxLineInput = {
  lineId: string;
  /** after discounts */
  subtotalCents: number;
  kind: LimitProductKind;
  /** potency in basis points of percent (21.5% = 2150); needed for flower and concentrate under IL tiers */
  thcBps: number | null;
  /** Washington: the product meets the Department of Health's medical standards. */
  medicalCompliant?: boolean;
};

/** What about the sale, beyond its lines, changes the tax. */
export type TaxSaleContext = {
  /** The order's delivery fee; taxed where a state puts it in the excise base (CA), shared over cannabis lines. */
  deliveryFeeCents?: number;
  /** Washington: the store holds the medical cannabis endorsement. */
  medicalEndorsedStore?: boolean;
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
