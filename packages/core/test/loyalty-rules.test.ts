import { describe, expect, it } from "vitest";
import {
  addressKey,
  expiredPoints,
  findMedicalClaims,
  normalizeEmail,
  pointsForSpend,
  rewardLineDiscounts,
  tierFor,
  tierProgress,
} from "../src";

const TIERS = [
  { id: "g", name: "Gold", thresholdPoints: 2000, multiplierBps: 15000 },
  { id: "b", name: "Bronze", thresholdPoints: 0, multiplierBps: 10000 },
  { id: "s", name: "Silver", thresholdPoints: 500, multiplierBps: 12500 },
];

describe("pointsForSpend", () => {
  it.each([
    [0, 1, 10000, 0],
    [99, 1, 10000, 0],
    [100, 1, 10000, 1],
    [4599, 1, 10000, 45],
    [4599, 2, 10000, 90],
    [4599, 1, 12500, 56], // 45 * 1.25 = 56.25, rounded down
    [10000, 1, 15000, 150],
    [-500, 1, 10000, 0],
    [10000, 0, 15000, 0],
  ])("%i cents at %i/dollar and %i bps earns %i", (cents, rate, bps, expected) => {
    expect(pointsForSpend(cents, rate, bps)).toBe(expected);
  });
});

describe("tiers", () => {
  it.each([
    [0, "Bronze"],
    [499, "Bronze"],
    [500, "Silver"],
    [1999, "Silver"],
    [2000, "Gold"],
    [99999, "Gold"],
  ])("%i points reach %s", (points, name) => {
    expect(tierFor(points, TIERS)?.name).toBe(name);
  });

  it("reports the next tier and what is missing, and 100% at the top", () => {
    expect(tierProgress(125, TIERS)).toMatchObject({
      next: { name: "Silver" },
      pointsToNext: 375,
      percent: 25,
    });
    expect(tierProgress(1250, TIERS)).toMatchObject({
      next: { name: "Gold" },
      pointsToNext: 750,
      percent: 50,
    });
    expect(tierProgress(2500, TIERS)).toMatchObject({ next: null, pointsToNext: 0, percent: 100 });
    expect(tierFor(10, [])).toBeNull();
  });
});

describe("rewards, line by line after the promotions", () => {
  const lines = [
    { variantId: "a", unitPriceCents: 2500, remainingCents: 5000 },
    { variantId: "b", unitPriceCents: 800, remainingCents: 800 },
  ];
  const amount = (cents: number) => ({ kind: "amount_off" as const, amountOffCents: cents, variantId: null });
  const free = (variantId: string) => ({ kind: "free_item" as const, amountOffCents: null, variantId });
  it("spreads an amount off over the lines by what is left on each, to the cent", () => {
    expect(rewardLineDiscounts(amount(1000), lines)).toEqual([
      { lineId: "a", discountCents: 862 },
      { lineId: "b", discountCents: 138 },
    ]);
  });
  it("never takes more than the goods cost after the promotions", () => {
    const afterDeals = [
      { variantId: "a", unitPriceCents: 2500, remainingCents: 500 },
      { variantId: "b", unitPriceCents: 800, remainingCents: 0 },
    ];
    expect(rewardLineDiscounts(amount(99_999), afterDeals)).toEqual([{ lineId: "a", discountCents: 500 }]);
  });
  it("gives one unit of a free item only when it is in the cart, at most what is left on its line", () => {
    expect(rewardLineDiscounts(free("b"), lines)).toEqual([{ lineId: "b", discountCents: 800 }]);
    expect(rewardLineDiscounts(free("z"), lines)).toEqual([]);
    const halfOff = [{ variantId: "b", unitPriceCents: 800, remainingCents: 400 }];
    expect(rewardLineDiscounts(free("b"), halfOff)).toEqual([{ lineId: "b", discountCents: 400 }]);
  });
});

describe("expiredPoints: first in, first out", () => {
  const at = (month: number) => new Date(Date.UTC(2026, month, 1));
  const now = at(24); // 2028-01-01
  const cases: Array<[string, Array<[number, number]>, number]> = [
    ["nothing old enough", [[100, 13]], 0],
    ["an old earning, unspent", [[100, 11]], 100],
    ["exactly 12 months old expires", [[100, 12]], 100],
    [
      "spending uses the oldest first",
      [
        [100, 0],
        [100, 20],
        [-150, 21],
      ],
      0,
    ],
    [
      "what is left of the oldest expires",
      [
        [300, 0],
        [200, 20],
        [-100, 21],
      ],
      200,
    ],
    [
      "an expiry already written counts as spent",
      [
        [300, 0],
        [-300, 13],
      ],
      0,
    ],
    [
      "points given back are a new lot",
      [
        [100, 0],
        [-100, 5],
        [100, 20],
      ],
      0,
    ],
    [
      "several old lots add up",
      [
        [50, 1],
        [70, 2],
        [-30, 3],
        [10, 23],
      ],
      90,
    ],
  ];
  for (const [name, entries, expected] of cases) {
    it(name, () => {
      const ledger = entries.map(([points, month]) => ({ points, at: at(month) }));
      expect(expiredPoints(ledger, now, 12)).toBe(expected);
    });
  }
});

describe("referral identity checks", () => {
  it.each([
    ["Jane.Doe+promo@Gmail.com", "janedoe@gmail.com"],
    ["jane.doe@googlemail.com", "janedoe@gmail.com"],
    ["jane.doe+x@example.com", "jane.doe@example.com"],
  ])("%s is the mailbox %s", (email, normal) => {
    expect(normalizeEmail(email)).toBe(normal);
  });
  it("matches an address however it is punctuated", () => {
    expect(addressKey({ line1: "12 Oak St.", postalCode: "90001-1234" })).toBe(
      addressKey({ line1: "12 oak st", postalCode: "90001" }),
    );
  });
});

describe("medical claims", () => {
  it.each([
    ["Cured my insomnia, heals everything", ["cured", "heals"]],
    ["This TREATS my pain and is a treatment", ["treats", "treatment"]],
    ["Great taste, smooth smoke", []],
    ["Pretreated hemp, healthy vibe", []],
  ])("%s flags %j", (text, words) => {
    expect(findMedicalClaims(text)).toEqual(words);
  });
});
