/**
 * Every promotion kind, by itself, on a small cart: what it takes off each line and the explanation text.
 * Prices in cents; the lines are A $40.00, B $25.00 x2, C (edible) $12.00 x3.
 */
import { describe, expect, it } from "vitest";
import { applyPromotions } from "../../src/promotions/apply";
import type { EnginePromotion } from "../../src/promotions/types";
import { ctx, line, promo } from "./fixtures";

const cart = [
  line("A", 4_000),
  line("B", 2_500, 2),
  line("C", 1_200, 3, { categorySlug: "edible", strainType: null, brandId: "brand-x" }),
];

type Case = {
  name: string;
  promotion: EnginePromotion;
  deliveryFeeCents?: number;
  /** discount per line id, and off delivery */
  expected: Record<string, number>;
  delivery?: number;
  explanation: string;
};

const cases: Case[] = [
  {
    name: "percent off a category",
    promotion: promo({
      name: "20% off Flower",
      rule: { kind: "percent_off", percentBps: 2_000 },
      target: { categorySlugs: ["flower"] },
    }),
    expected: { A: 800, B: 1_000, C: 0 },
    explanation: "20% off Flower applied",
  },
  {
    name: "percent off, limited to 2 units per order (the dearest ones)",
    promotion: promo({
      name: "15% off two",
      rule: { kind: "percent_off", percentBps: 1_500 },
      perOrderLimit: 2,
    }),
    expected: { A: 600, B: 375, C: 0 },
    explanation: "15% off two applied",
  },
  {
    name: "amount off each unit of a brand, never more than the unit",
    promotion: promo({
      name: "$15 off Brand X",
      rule: { kind: "amount_off", amountCents: 1_500 },
      target: { brandIds: ["brand-x"] },
    }),
    expected: { A: 0, B: 0, C: 3_600 },
    explanation: "$15 off Brand X applied",
  },
  {
    name: "fixed price for a product",
    promotion: promo({
      name: "B for $20",
      rule: { kind: "fixed_price", priceCents: 2_000 },
      target: { productIds: ["prod-B"] },
    }),
    expected: { A: 0, B: 1_000, C: 0 },
    explanation: "B for $20 applied",
  },
  {
    name: "fixed price above the price gives nothing",
    promotion: promo({
      name: "C for $15",
      rule: { kind: "fixed_price", priceCents: 1_500 },
      target: { variantIds: ["C"] },
    }),
    expected: { A: 0, B: 0, C: 0 },
    explanation: "",
  },
  {
    name: "buy 2 get 1 free among edibles",
    promotion: promo({
      name: "Edibles B2G1",
      rule: { kind: "buy_x_get_y", buyQuantity: 2, getQuantity: 1, getPercentBps: 10_000 },
      target: { categorySlugs: ["edible"] },
    }),
    expected: { A: 0, B: 0, C: 1_200 },
    explanation: "Edibles B2G1 applied",
  },
  {
    name: "buy 1 get 1 half off: the cheaper item of each pair",
    promotion: promo({
      name: "BOGO 50%",
      rule: { kind: "buy_x_get_y", buyQuantity: 1, getQuantity: 1, getPercentBps: 5_000 },
    }),
    // units dearest first: A 4000, B 2500, B 2500, C 1200 x3 -> pairs (A,B) (B,C) (C,C): half of B, C, C
    expected: { A: 0, B: 1_250, C: 1_200 },
    explanation: "BOGO 50% applied",
  },
  {
    name: "buy 1 get 1 free, at most one free item per order",
    promotion: promo({
      name: "BOGO",
      rule: { kind: "buy_x_get_y", buyQuantity: 1, getQuantity: 1, getPercentBps: 10_000 },
      perOrderLimit: 1,
    }),
    expected: { A: 0, B: 2_500, C: 0 },
    explanation: "BOGO applied",
  },
  {
    name: "mix-and-match bundle: any 3 flower items for $70, split in proportion",
    promotion: promo({
      name: "Flower trio $70",
      rule: { kind: "bundle", quantity: 3, priceCents: 7_000 },
      target: { categorySlugs: ["flower"] },
    }),
    // 4000 + 2500 + 2500 = 9000 -> 2000 off: A 889, B 555 + 556
    expected: { A: 889, B: 1_111, C: 0 },
    explanation: "Flower trio $70 applied",
  },
  {
    name: "bundle needs its full count",
    promotion: promo({
      name: "Edible 4-pack",
      rule: { kind: "bundle", quantity: 4, priceCents: 3_000 },
      target: { categorySlugs: ["edible"] },
    }),
    expected: { A: 0, B: 0, C: 0 },
    explanation: "",
  },
  {
    name: "spend $100 get $10 off, spread over the lines",
    promotion: promo({
      name: "Spend $100 save $10",
      rule: { kind: "spend_threshold", thresholdCents: 10_000, rewardCents: 1_000, rewardVariantId: null },
    }),
    // split per unit over 12600: A 317.46, each B 198.41, each C 95.24 -> floors 317+396+285 = 998; the two
    // cents left go to the largest remainders (A, then the first B): A 318, B 397, C 285
    expected: { A: 318, B: 397, C: 285 },
    explanation: "Spend $100 save $10 applied",
  },
  {
    name: "spend $50 on flower, get an edible free",
    promotion: promo({
      name: "Free edible over $50",
      rule: { kind: "spend_threshold", thresholdCents: 5_000, rewardCents: null, rewardVariantId: "C" },
      target: { categorySlugs: ["flower"] },
    }),
    expected: { A: 0, B: 0, C: 1_200 },
    explanation: "Free edible over $50 applied",
  },
  {
    name: "spend threshold not reached",
    promotion: promo({
      name: "Spend $200",
      rule: { kind: "spend_threshold", thresholdCents: 20_000, rewardCents: 2_000, rewardVariantId: null },
    }),
    expected: { A: 0, B: 0, C: 0 },
    explanation: "",
  },
  {
    name: "free delivery",
    promotion: promo({ name: "Free delivery", rule: { kind: "free_delivery" } }),
    deliveryFeeCents: 500,
    expected: { A: 0, B: 0, C: 0 },
    delivery: 500,
    explanation: "Free delivery applied",
  },
  {
    name: "first order 10% off (customer has none yet)",
    promotion: promo({
      name: "Welcome 10%",
      rule: { kind: "percent_off", percentBps: 1_000 },
      firstOrderOnly: true,
    }),
    expected: { A: 400, B: 500, C: 360 },
    explanation: "Welcome 10% applied",
  },
  {
    name: "strain-type targeting leaves edibles without a strain alone",
    promotion: promo({
      name: "Hybrid $1 off",
      rule: { kind: "amount_off", amountCents: 100 },
      target: { strainTypes: ["hybrid"] },
    }),
    expected: { A: 100, B: 200, C: 0 },
    explanation: "Hybrid $1 off applied",
  },
];

describe("each promotion kind by itself", () => {
  for (const c of cases) {
    it(c.name, () => {
      const firstOrder = c.promotion.firstOrderOnly;
      const outcome = applyPromotions([c.promotion], cart, {
        ...ctx({ deliveryFeeCents: c.deliveryFeeCents ?? 0 }),
        customer: { firstOrder, segments: [], redemptions: {} },
      });
      expect(Object.fromEntries(outcome.lineDiscounts.map((l) => [l.lineId, l.discountCents]))).toEqual(
        c.expected,
      );
      expect(outcome.deliveryDiscountCents).toBe(c.delivery ?? 0);
      expect(outcome.discountCents).toBe(
        Object.values(c.expected).reduce((a, b) => a + b, 0) + (c.delivery ?? 0),
      );
      expect(outcome.explanation).toBe(c.explanation);
    });
  }
});

describe("the coupon-code variant of each kind", () => {
  for (const c of cases.filter((c) => c.explanation)) {
    it(`${c.name}: only with its code`, () => {
      const coded = { ...c.promotion, requiresCode: true };
      const base = {
        ...ctx({ deliveryFeeCents: c.deliveryFeeCents ?? 0 }),
        customer: { firstOrder: c.promotion.firstOrderOnly, segments: [], redemptions: {} },
      };
      expect(applyPromotions([coded], cart, base).discountCents).toBe(0);
      const withCode = applyPromotions([coded], cart, { ...base, codePromotionId: coded.id });
      expect(withCode.discountCents).toBe(
        Object.values(c.expected).reduce((a, b) => a + b, 0) + (c.delivery ?? 0),
      );
      expect(withCode.explanation).toBe(c.explanation);
    });
  }
});

describe("bad input never takes more than the line", () => {
  it("an absurd amount off stops at each unit's price", () => {
    const outcome = applyPromotions(
      [promo({ rule: { kind: "amount_off", amountCents: 1_000_000 } })],
      cart,
      ctx(),
    );
    expect(outcome.lineDiscounts).toEqual([
      { lineId: "A", discountCents: 4_000 },
      { lineId: "B", discountCents: 5_000 },
      { lineId: "C", discountCents: 3_600 },
    ]);
  });
  it("percent above 100 is read as 100", () => {
    const outcome = applyPromotions(
      [promo({ rule: { kind: "percent_off", percentBps: 25_000 } })],
      [line("A", 999)],
      ctx(),
    );
    expect(outcome.discountCents).toBe(999);
  });
});
