/** When a promotion may apply: schedules on the store's clock, audience, codes, limits; and the refusal text. */
import { describe, expect, it } from "vitest";
import { whyNotEligible } from "../../src/promotions/eligibility";
import { isScheduledAt } from "../../src/promotions/schedule";
import type { EnginePromotion, PromotionContext } from "../../src/promotions/types";
import { ctx, promo } from "./fixtures";

const base = promo({ id: "p", name: "Deal", rule: { kind: "percent_off", percentBps: 1_000 } });
const at = (iso: string) => new Date(iso);

describe("schedules on the store's wall clock", () => {
  const happy = { ...base, daysOfWeek: [5, 6], startMinute: 16 * 60, endMinute: 18 * 60 };
  const cases: Array<[string, Partial<EnginePromotion>, string, string, boolean]> = [
    ["happy hour, Saturday 17:30 in LA", happy, "2026-06-14T00:30:00Z", "America/Los_Angeles", true],
    ["same instant in Denver is 18:30: over", happy, "2026-06-14T00:30:00Z", "America/Denver", false],
    ["Sunday 17:00 in LA: wrong day", happy, "2026-06-15T00:00:00Z", "America/Los_Angeles", false],
    ["18:00 sharp is the end (exclusive)", happy, "2026-06-14T01:00:00Z", "America/Los_Angeles", false],
    ["16:00 sharp is the start", happy, "2026-06-13T23:00:00Z", "America/Los_Angeles", true],
    [
      "overnight Friday 22:00-02:00 still runs Saturday 01:00",
      { daysOfWeek: [5], startMinute: 22 * 60, endMinute: 2 * 60 },
      "2026-06-13T08:00:00Z",
      "America/Los_Angeles",
      true,
    ],
    [
      "overnight Friday window is not Saturday night",
      { daysOfWeek: [5], startMinute: 22 * 60, endMinute: 2 * 60 },
      "2026-06-14T06:00:00Z",
      "America/Los_Angeles",
      false,
    ],
    ["before startsAt", { startsAt: at("2026-07-01T07:00:00Z") }, "2026-06-30T12:00:00Z", "UTC", false],
    ["at endsAt it has ended", { endsAt: at("2026-07-01T07:00:00Z") }, "2026-07-01T07:00:00Z", "UTC", false],
    [
      "across the DST change the hours follow the clock",
      { startMinute: 9 * 60, endMinute: 10 * 60 },
      "2026-03-08T16:30:00Z",
      "America/Los_Angeles",
      true,
    ],
  ];
  for (const [name, schedule, now, zone, expected] of cases) {
    it(name, () => expect(isScheduledAt({ ...base, ...schedule }, new Date(now), zone)).toBe(expected));
  }
});

describe("refusals, in the words the shopper reads", () => {
  const cases: Array<[string, Partial<EnginePromotion>, Partial<PromotionContext>, string | null]> = [
    ["live", {}, {}, null],
    ["paused", { status: "paused" }, {}, "Deal is paused right now."],
    ["ended", { status: "ended" }, {}, "Deal has ended."],
    ["expired", { endsAt: at("2026-06-01T12:00:00Z") }, {}, "Deal expired on Jun 1, 2026."],
    ["not started", { startsAt: at("2026-07-04T12:00:00Z") }, {}, "Deal starts on Jul 4, 2026."],
    [
      "off hours",
      { daysOfWeek: [1, 2], startMinute: 600, endMinute: 660 },
      {},
      "Deal runs Mon, Tue 10:00-11:00 (store time).",
    ],
    [
      "another location",
      { audience: { locationIds: ["loc-2"] } },
      {},
      "Deal is not offered at this location.",
    ],
    ["medical menu only", { audience: { menus: ["medical"] } }, {}, "Deal is for the medical menu only."],
    [
      "adult-use only, medical cart",
      { audience: { menus: ["adult_use"] } },
      { menu: "medical" },
      "Deal is for the adult-use menu only.",
    ],
    ["needs its code", { requiresCode: true }, {}, "Deal needs its coupon code."],
    ["guest and first order", { firstOrderOnly: true }, { customer: null }, "Sign in to use Deal."],
    ["not a first order", { firstOrderOnly: true }, {}, "Deal is for a first order only."],
    [
      "segment",
      { audience: { customerSegments: ["loyalty_member"] } },
      {},
      "Deal is for selected customers only.",
    ],
    ["segment matches", { audience: { customerSegments: ["returning"] } }, {}, null],
    ["tier deal, guest", { audience: { tierIds: ["gold"] } }, { customer: null }, "Sign in to use Deal."],
    [
      "tier deal, shopper in no tier",
      { audience: { tierIds: ["gold"] } },
      {},
      "Deal is for members of selected loyalty tiers only.",
    ],
    [
      "tier deal, shopper in another tier",
      { audience: { tierIds: ["gold"] } },
      { customer: { firstOrder: false, segments: [], redemptions: {}, tierId: "silver" } },
      "Deal is for members of selected loyalty tiers only.",
    ],
    [
      "tier deal, shopper in one of its tiers",
      { audience: { tierIds: ["silver", "gold"] } },
      { customer: { firstOrder: false, segments: [], redemptions: {}, tierId: "gold" } },
      null,
    ],
    [
      "used by this customer",
      { perCustomerLimit: 1 },
      { customer: { firstOrder: false, segments: [], redemptions: { p: 1 } } },
      "You have already used Deal.",
    ],
    ["used up", { totalLimit: 10, redemptionCount: 10 }, {}, "Deal has been used up."],
    ["one left", { totalLimit: 10, redemptionCount: 9 }, {}, null],
    ["minimum", { minSubtotalCents: 5_000 }, {}, "Add $20.00 more to use Deal (minimum $50.00)."],
  ];
  for (const [name, overrides, context, message] of cases) {
    it(name, () => {
      const refusal = whyNotEligible({ ...base, ...overrides }, ctx(context), 3_000);
      expect(refusal?.message ?? null).toBe(message);
    });
  }
});
