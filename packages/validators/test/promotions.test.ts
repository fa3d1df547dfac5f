import { describe, expect, it } from "vitest";
import { firstIssue, promotionInputSchema } from "../src";

/** A valid promotion: each case below changes one thing about it. */
const base = { name: "Happy hour", rule: { kind: "percent_off", percentBps: 2_000 } };

describe("promotionInputSchema", () => {
  it("accepts a plain deal and fills the defaults", () => {
    const parsed = promotionInputSchema.parse(base);
    expect(parsed).toMatchObject({ stacking: "stackable", codes: [], perCustomerLimit: null });
  });

  it("accepts an overnight window and an all-day one", () => {
    expect(promotionInputSchema.safeParse({ ...base, startMinute: 22 * 60, endMinute: 120 }).success).toBe(
      true,
    );
    expect(promotionInputSchema.safeParse({ ...base, startMinute: 0, endMinute: 1440 }).success).toBe(true);
  });

  it.each([
    [
      "a negative amount",
      { rule: { kind: "amount_off", amountCents: -500 } },
      "The amount off cannot be negative.",
    ],
    [
      "150% off",
      { rule: { kind: "percent_off", percentBps: 15_000 } },
      "The percentage cannot be more than 100%.",
    ],
    ["0% off", { rule: { kind: "percent_off", percentBps: 0 } }, "The percentage must be more than 0%."],
    [
      "fractional cents",
      { rule: { kind: "amount_off", amountCents: 1.5 } },
      "The amount off must be whole cents.",
    ],
    [
      "an absurd amount",
      { rule: { kind: "amount_off", amountCents: 5_000_000 } },
      "The amount off is too large.",
    ],
    [
      "a bundle of one",
      { rule: { kind: "bundle", quantity: 1, priceCents: 1_000 } },
      "The bundle size must be at least 2.",
    ],
    [
      "a threshold with both money and an item",
      {
        rule: {
          kind: "spend_threshold",
          thresholdCents: 5_000,
          rewardCents: 500,
          rewardVariantId: "00000000-0000-4000-8000-000000000000",
        },
      },
      "Give either money off or a free item.",
    ],
    [
      "a reward as large as the spend",
      { rule: { kind: "spend_threshold", thresholdCents: 5_000, rewardCents: 5_000, rewardVariantId: null } },
      "The reward must be less than the spend threshold.",
    ],
    [
      "an end before the start",
      { startsAt: "2026-07-04T16:00", endsAt: "2026-07-04T15:00" },
      "The end must be after the start.",
    ],
    ["a start hour without an end", { startMinute: 960 }, "Give both a start and an end hour."],
    [
      "a window that never opens",
      { startMinute: 960, endMinute: 960 },
      "The start and end hours are the same, so the deal would never run.",
    ],
    [
      "a per-customer limit above the total",
      { perCustomerLimit: 5, totalLimit: 3 },
      "The per-customer limit cannot be more than the total limit.",
    ],
    [
      "a first-order deal for returning customers",
      { firstOrderOnly: true, audience: { customerSegments: ["returning"] } },
      "A first-order deal cannot be for returning customers only.",
    ],
    ["a code listed twice", { codes: ["summer5", "SUMMER5"] }, "A code is listed twice."],
    ["a code with spaces", { codes: ["SUMMER 5"] }, "A code is 3 to 32 letters, digits or dashes."],
    [
      "a per-order limit on free delivery",
      { rule: { kind: "free_delivery" }, perOrderLimit: 2 },
      "Free delivery applies once per order; leave the per-order limit empty.",
    ],
  ])("refuses %s with a clear message", (_case, change, message) => {
    const result = promotionInputSchema.safeParse({ ...base, ...change });
    expect(result.success).toBe(false);
    expect(firstIssue(result.error!)).toBe(message);
  });
});
