import { describe, expect, it } from "vitest";
import {
  evaluatePurchaseLimits,
  supportedLimitStates,
  type LimitContext,
  type LimitResult,
} from "../../src/compliance/limits";
import { STATE_LIMITS } from "../../src/compliance/limits-table";
import { accessory, concentrate, drink, edible, flower, topical } from "./lines";

const adult = (state: string): LimitContext => ({ state, purchaser: "adult_use", residency: "resident" });

function violationsOf(result: LimitResult) {
  if (result.ok) throw new Error("expected the cart to be refused");
  return result.violations;
}

describe("same-day totals", () => {
  it("adds today's earlier purchases: the cart alone fits, cart plus earlier does not", () => {
    const cart = [flower(20_000)];
    expect(evaluatePurchaseLimits(adult("CA"), cart, [])).toEqual({ ok: true });
    const [violation] = violationsOf(evaluatePurchaseLimits(adult("CA"), cart, [flower(10_000)]));
    expect(violation).toMatchObject({
      limitId: "ca-non-concentrate",
      allowed: 28_500,
      attempted: 30_000,
      excess: 1_500,
    });
    expect(violation?.message).toContain(
      "Your cart plus today's earlier purchases come to 30.0 g, 1.5 g over",
    );
  });

  it("mixes earlier purchases into an equivalency", () => {
    // earlier 4 g concentrate (half) + cart 14,175 mg flower (just over half) -> 1 over
    const [violation] = violationsOf(
      evaluatePurchaseLimits(adult("CO"), [flower(14_175)], [concentrate(4_000)]),
    );
    expect(violation?.excess).toBe(1);
  });

  it("MI adult-use is per transaction: earlier purchases do not count", () => {
    expect(evaluatePurchaseLimits(adult("MI"), [flower(70_873)], [flower(70_873)])).toEqual({ ok: true });
    expect(evaluatePurchaseLimits(adult("MI"), [flower(70_874)], []).ok).toBe(false);
  });

  it("MI medical is per day: earlier purchases count", () => {
    const medical: LimitContext = { state: "MI", purchaser: "medical" };
    const [violation] = violationsOf(evaluatePurchaseLimits(medical, [flower(40_000)], [flower(30_874)]));
    expect(violation).toMatchObject({ limitId: "mi-medical-total", excess: 1 });
  });

  it("WA is per transaction: earlier purchases do not count", () => {
    expect(evaluatePurchaseLimits(adult("WA"), [flower(28_349)], [flower(28_349)])).toEqual({ ok: true });
  });

  it("earlier purchases of other categories do not affect a limit", () => {
    const result = evaluatePurchaseLimits(adult("CA"), [flower(28_500)], [concentrate(8_000), topical(50)]);
    expect(result).toEqual({ ok: true });
  });
});

describe("Illinois residency", () => {
  it("halves every limit for non-residents", () => {
    const nonResident: LimitContext = { state: "IL", purchaser: "adult_use", residency: "non_resident" };
    expect(evaluatePurchaseLimits(adult("IL"), [flower(20_000)], [])).toEqual({ ok: true });
    const [violation] = violationsOf(evaluatePurchaseLimits(nonResident, [flower(20_000)], []));
    expect(violation).toMatchObject({ limitId: "il-nonresident-flower", allowed: 15_000, excess: 5_000 });
  });

  it("applies the non-resident limits when residency is unknown (the stricter choice)", () => {
    const unknown: LimitContext = { state: "IL", purchaser: "adult_use" };
    expect(violationsOf(evaluatePurchaseLimits(unknown, [concentrate(2_501)], []))[0]?.limitId).toBe(
      "il-nonresident-concentrate",
    );
  });

  it("infused limits add edibles and drinks together", () => {
    const [violation] = violationsOf(
      evaluatePurchaseLimits(adult("IL"), [edible(100, 10_000, 3), drink(100, 355, 3)], []),
    );
    expect(violation).toMatchObject({ limitId: "il-infused", unit: "mg_thc", attempted: 600, excess: 100 });
  });
});

describe("what never counts", () => {
  it.each(supportedLimitStates())("%s: topicals and non-cannabis items never count", (state) => {
    for (const purchaser of ["adult_use", "medical"] as const) {
      const result = evaluatePurchaseLimits(
        { state, purchaser, age: 30 },
        [topical(1_000), accessory(1_000)],
        [topical(500)],
      );
      expect(result).toEqual({ ok: true });
    }
  });

  it("a cart of only accessories passes even with a full day behind it", () => {
    expect(evaluatePurchaseLimits(adult("CA"), [accessory(3)], [flower(28_500), concentrate(8_000)])).toEqual(
      {
        ok: true,
      },
    );
  });

  it("no rule counts topicals or non-cannabis, and no kind is counted twice by one rule", () => {
    for (const limits of Object.values(STATE_LIMITS)) {
      const sets = [limits.adultUse, limits.medical, limits.nonResidentAdultUse].filter(
        (set) => set !== undefined,
      );
      for (const rule of sets.flatMap((set) => set.rules)) {
        const kinds = rule.terms.flatMap((term) => term.kinds);
        expect(kinds).not.toContain("topical");
        expect(kinds).not.toContain("non_cannabis");
        expect(new Set(kinds).size).toBe(kinds.length);
      }
    }
  });
});
