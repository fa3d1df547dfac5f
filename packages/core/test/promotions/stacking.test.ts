/**
 * Stacking, decided deterministically, with the explanation the cart shows. Cart: two flower units at $50.00
 * and one edible at $20.00 (subtotal $120.00).
 */
import { describe, expect, it } from "vitest";
import { applyPromotions } from "../../src/promotions/apply";
import type { EnginePromotion } from "../../src/promotions/types";
import { ctx, line, promo } from "./fixtures";

const cart = [line("F", 5_000, 2), line("E", 2_000, 1, { categorySlug: "edible" })];

const happyHour = promo({
  id: "happy",
  name: "Happy hour 20% off Flower",
  rule: { kind: "percent_off", percentBps: 2_000 },
  target: { categorySlugs: ["flower"] },
});
const summerBundle = promo({
  id: "bundle",
  name: "Summer bundle",
  rule: { kind: "bundle", quantity: 3, priceCents: 10_000 },
});
const fiveOff = promo({
  id: "five",
  name: "$5 off edibles",
  rule: { kind: "amount_off", amountCents: 500 },
  target: { categorySlugs: ["edible"] },
});
const tenPercent = promo({
  id: "ten",
  name: "10% off everything",
  rule: { kind: "percent_off", percentBps: 1_000 },
});

type Case = {
  name: string;
  promotions: EnginePromotion[];
  discountCents: number;
  explanation: string;
};

const cases: Case[] = [
  {
    name: "an exclusive deal applies alone, even when another would save more",
    promotions: [{ ...happyHour, stacking: "exclusive" }, summerBundle],
    discountCents: 2_000,
    explanation: "Happy hour 20% off Flower applied; Summer bundle not combined with it",
  },
  {
    name: "two exclusive deals: the higher priority one",
    promotions: [
      { ...happyHour, stacking: "exclusive", priority: 1 },
      { ...summerBundle, stacking: "exclusive", priority: 5 },
    ],
    discountCents: 2_000,
    explanation: "Summer bundle applied; Happy hour 20% off Flower not combined with it",
  },
  {
    name: "stackable deals combine, each on what the one before left",
    promotions: [
      { ...happyHour, priority: 2 },
      { ...tenPercent, priority: 1 },
    ],
    // happy hour: 1000 + 1000 off the flower; then 10% of 4000 + 4000 + 2000 = 1000
    discountCents: 3_000,
    explanation: "Happy hour 20% off Flower applied; 10% off everything applied",
  },
  {
    name: "stackable order is by priority, not by list order",
    promotions: [
      { ...tenPercent, priority: 1 },
      { ...happyHour, priority: 2 },
    ],
    discountCents: 3_000,
    explanation: "Happy hour 20% off Flower applied; 10% off everything applied",
  },
  {
    name: "best-for-customer stays out when the stack saves more (equal priorities apply by id)",
    promotions: [happyHour, fiveOff, { ...summerBundle, stacking: "best_for_customer" }],
    // stack: 2000 + 500 = 2500; bundle alone: 12000 -> 10000 = 2000 -> stack kept
    discountCents: 2_500,
    explanation:
      "$5 off edibles applied; Happy hour 20% off Flower applied; Summer bundle not combined with them",
  },
  {
    name: "best-for-customer wins when the stack saves less",
    promotions: [fiveOff, { ...summerBundle, stacking: "best_for_customer" }],
    discountCents: 2_000,
    explanation: "Summer bundle applied; $5 off edibles not combined with it",
  },
  {
    name: "a tie keeps the stack",
    promotions: [happyHour, { ...summerBundle, stacking: "best_for_customer" }],
    discountCents: 2_000,
    explanation: "Happy hour 20% off Flower applied; Summer bundle not combined with it",
  },
  {
    name: "deals that give nothing are not named",
    promotions: [
      happyHour,
      promo({
        id: "none",
        name: "Vape 30%",
        rule: { kind: "percent_off", percentBps: 3_000 },
        target: { categorySlugs: ["vape"] },
      }),
    ],
    discountCents: 2_000,
    explanation: "Happy hour 20% off Flower applied",
  },
  {
    name: "stacked deals never take a line below zero",
    promotions: [
      promo({ id: "a", name: "$45 off", priority: 2, rule: { kind: "amount_off", amountCents: 4_500 } }),
      promo({ id: "b", name: "$30 off", priority: 1, rule: { kind: "amount_off", amountCents: 3_000 } }),
    ],
    // first: 4500 x2 + 2000; second: what is left, 500 x2 + 0
    discountCents: 12_000,
    explanation: "$45 off applied; $30 off applied",
  },
];

describe("stacking", () => {
  for (const c of cases) {
    it(c.name, () => {
      const outcome = applyPromotions(c.promotions, cart, ctx());
      expect(outcome.discountCents).toBe(c.discountCents);
      expect(outcome.explanation).toBe(c.explanation);
    });
  }

  it("gives the same answer whatever order the promotions come in", () => {
    const all = [
      happyHour,
      summerBundle,
      fiveOff,
      tenPercent,
      { ...summerBundle, id: "b2", stacking: "best_for_customer" as const },
    ];
    const first = applyPromotions(all, cart, ctx());
    for (const order of [[...all].reverse(), [all[2]!, all[0]!, all[4]!, all[1]!, all[3]!]]) {
      expect(applyPromotions(order, cart, ctx())).toEqual(first);
    }
  });
});
