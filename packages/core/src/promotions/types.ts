import type { PromotionAudience, PromotionRule, PromotionTarget } from "@cannasaas/db/schema";
import type { PromotionKind, PromotionStacking, PromotionStatus, PurchaserType } from "@cannasaas/db/enums";

/** A promotion as the rules read it: the row's fields that decide whether and how much it gives. */
export type EnginePromotion = {
  id: string;
  name: string;
  kind: PromotionKind;
  rule: PromotionRule;
  target: PromotionTarget;
  audience: PromotionAudience;
  status: PromotionStatus;
  stacking: PromotionStacking;
  priority: number;
  requiresCode: boolean;
  firstOrderOnly: boolean;
  startsAt: Date | null;
  endsAt: Date | null;
  daysOfWeek: number[] | null;
  startMinute: number | null;
  endMinute: number | null;
  perOrderLimit: number | null;
  perCustomerLimit: number | null;
  totalLimit: number | null;
  minSubtotalCents: number | null;
  redemptionCount: number;
};

/** One cart line as the rules see it: what it is (for targeting) and its price for the purchaser. */
export type PromotionLine = {
  lineId: string;
  productId: string;
  variantId: string;
  categorySlug: string;
  brandId: string | null;
  strainType: string | null;
  unitPriceCents: number;
  quantity: number;
};

/** Who is buying, where and when. `customer` is null for a guest (first-order and per-customer deals wait). */
export type PromotionContext = {
  now: Date;
  /** The store's time zone: schedules (days, happy hours) are read on its wall clock. */
  timeZone: string;
  locationId: string | null;
  menu: PurchaserType;
  customer: {
    firstOrder: boolean;
    segments: readonly string[];
    /** The loyalty tier the shopper holds (members only), for tier deals; null or absent outside one. */
    tierId?: string | null;
    /** Live (not reversed) orders that used each promotion, by promotion id. */
    redemptions: Readonly<Record<string, number>>;
  } | null;
  /** The promotion unlocked by the coupon on the cart, if any. */
  codePromotionId: string | null;
  deliveryFeeCents: number;
};

export type LineDiscount = { lineId: string; discountCents: number };

export type AppliedPromotion = {
  promotionId: string;
  name: string;
  discountCents: number;
  lines: LineDiscount[];
  deliveryDiscountCents: number;
};

export type PromotionOutcome = {
  applied: AppliedPromotion[];
  /** Per line, the sum of every applied promotion's share; never more than the line. */
  lineDiscounts: LineDiscount[];
  deliveryDiscountCents: number;
  discountCents: number;
  /** Eligible deals the stacking rules left out, named in the explanation. */
  notCombined: Array<{ promotionId: string; name: string }>;
  /** Deals that are close but not yet met (minimum spend), for the cart to nudge. */
  hints: string[];
  /** "Happy hour 20% off Flower applied; Summer bundle not combined with it" */
  explanation: string;
};
