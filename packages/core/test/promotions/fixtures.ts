import type { EnginePromotion, PromotionContext, PromotionLine } from "../../src/promotions/types";

/** Saturday 2026-06-13 17:30 in Los Angeles (00:30 UTC on the 14th). */
export const SATURDAY_1730_LA = new Date("2026-06-14T00:30:00Z");

export function promo(overrides: Partial<EnginePromotion> & Pick<EnginePromotion, "rule">): EnginePromotion {
  return {
    id: overrides.id ?? `p-${overrides.rule.kind}`,
    name: overrides.name ?? overrides.rule.kind,
    kind: overrides.rule.kind,
    target: {},
    audience: {},
    status: "active",
    stacking: "stackable",
    priority: 0,
    requiresCode: false,
    firstOrderOnly: false,
    startsAt: null,
    endsAt: null,
    daysOfWeek: null,
    startMinute: null,
    endMinute: null,
    perOrderLimit: null,
    perCustomerLimit: null,
    totalLimit: null,
    minSubtotalCents: null,
    redemptionCount: 0,
    ...overrides,
  };
}

export function line(
  id: string,
  unitPriceCents: number,
  quantity = 1,
  more: Partial<PromotionLine> = {},
): PromotionLine {
  return {
    lineId: id,
    productId: `prod-${id}`,
    variantId: id,
    categorySlug: "flower",
    brandId: null,
    strainType: "hybrid",
    unitPriceCents,
    quantity,
    ...more,
  };
}

export function ctx(overrides: Partial<PromotionContext> = {}): PromotionContext {
  return {
    now: SATURDAY_1730_LA,
    timeZone: "America/Los_Angeles",
    locationId: "loc-1",
    menu: "adult_use",
    customer: { firstOrder: false, segments: ["returning"], redemptions: {} },
    codePromotionId: null,
    deliveryFeeCents: 0,
    ...overrides,
  };
}
