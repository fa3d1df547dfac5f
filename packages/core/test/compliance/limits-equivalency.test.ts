import { describe, expect, it } from "vitest";
import {
  evaluatePurchaseLimits,
  type LimitContext,
  type LimitLine,
  type LimitResult,
} from "../../src/compliance/limits";
import { concentrate, edible, flower } from "./lines";

const adult = (state: string): LimitContext => ({ state, purchaser: "adult_use", residency: "resident" });

function violationsOf(result: LimitResult) {
  if (result.ok) throw new Error("expected the cart to be refused");
  return result.violations;
}

describe("equivalency (mixable) limits", () => {
  it("CO: half an ounce of flower plus 4 g of concentrate fits one ounce-equivalent; 1 mg more does not", () => {
    // 14,174 / 28,349 + 4,000 / 8,000 = 0.49998 + 0.5 <= 1
    expect(evaluatePurchaseLimits(adult("CO"), [flower(14_174), concentrate(4_000)], [])).toEqual({
      ok: true,
    });
    // 14,175 / 28,349 + 0.5 > 1: 28,349 * that = 14,175 + 14,174.5 = 28,349.5 -> 28,350, 1 over
    const [violation] = violationsOf(
      evaluatePurchaseLimits(adult("CO"), [flower(14_175), concentrate(4_000)], []),
    );
    expect(violation).toMatchObject({
      limitId: "co-ounce-equivalent",
      allowed: 28_349,
      attempted: 28_350,
      excess: 1,
    });
  });

  it("CO: 4 g of concentrate plus 400 mg THC of edibles is exactly one equivalent; 1 mg more fails", () => {
    expect(evaluatePurchaseLimits(adult("CO"), [concentrate(4_000), edible(100, 10_000, 4)], [])).toEqual({
      ok: true,
    });
    expect(evaluatePurchaseLimits(adult("CO"), [concentrate(4_001), edible(100, 10_000, 4)], []).ok).toBe(
      false,
    );
  });

  it("CO: all three forms mix, a third each", () => {
    // 9,449 / 28,349 + 2,666 / 8,000 + 266 / 800 = 0.33331 + 0.33325 + 0.3325 <= 1
    expect(evaluatePurchaseLimits(adult("CO"), [flower(9_449), concentrate(2_666), edible(266)], [])).toEqual(
      {
        ok: true,
      },
    );
    expect(evaluatePurchaseLimits(adult("CO"), [flower(9_450), concentrate(2_667), edible(267)], []).ok).toBe(
      false,
    );
  });

  it("MA: 2.5 g of concentrate plus 250 mg of edible THC is exactly one ounce-equivalent; 1 mg THC more fails", () => {
    expect(evaluatePurchaseLimits(adult("MA"), [concentrate(2_500), edible(250)], [])).toEqual({ ok: true });
    // 28,349 * (0.5 + 251/500) = 14,174.5 + 14,231.198 = 28,405.698 -> 28,406, 57 over
    const [violation] = violationsOf(
      evaluatePurchaseLimits(adult("MA"), [concentrate(2_500), edible(251)], []),
    );
    expect(violation).toMatchObject({ limitId: "ma-ounce-equivalent", attempted: 28_406, excess: 57 });
  });

  it("MI: concentrate uses both the 15 g cap and the 2.5 oz total", () => {
    // 55,873 + 15,000 = 70,873 (the total) with 15,000 concentrate (the cap): both exactly at the limit
    expect(evaluatePurchaseLimits(adult("MI"), [flower(55_873), concentrate(15_000)], [])).toEqual({
      ok: true,
    });
    const violations = violationsOf(
      evaluatePurchaseLimits(adult("MI"), [flower(55_874), concentrate(15_001)], []),
    );
    expect(violations.map((v) => [v.limitId, v.excess])).toEqual([
      ["mi-total", 2],
      ["mi-concentrate", 1],
    ]);
  });

  it("CA: edibles count toward the 8 g concentrate limit, by contained concentrate when the catalog knows it", () => {
    const edibleWithKnownConcentrate: LimitLine = { ...edible(100), cannabisWeightMg: 200 };
    // 7,800 + 200 = 8,000
    expect(evaluatePurchaseLimits(adult("CA"), [concentrate(7_800), edibleWithKnownConcentrate], [])).toEqual(
      { ok: true },
    );
    // 7,901 + 100 mg THC counted as 100 mg concentrate = 8,001
    const [violation] = violationsOf(
      evaluatePurchaseLimits(adult("CA"), [concentrate(7_901), edible(100)], []),
    );
    expect(violation).toMatchObject({ limitId: "ca-concentrate", attempted: 8_001, excess: 1 });
  });

  it("CA: flower and concentrate limits are separate", () => {
    expect(evaluatePurchaseLimits(adult("CA"), [flower(28_500), concentrate(8_000)], [])).toEqual({
      ok: true,
    });
  });
});

describe("quantity", () => {
  it("multiplies the per-unit amount", () => {
    // 8 x 3,500 = 28,000 fits; 9 x 3,500 = 31,500 is 3,000 over
    expect(evaluatePurchaseLimits(adult("CA"), [flower(3_500, 8)], [])).toEqual({ ok: true });
    expect(violationsOf(evaluatePurchaseLimits(adult("CA"), [flower(3_500, 9)], []))[0]?.excess).toBe(3_000);
  });

  it("80 packs of 100 mg edibles reach CA's 8 g concentrate exactly; 81 do not", () => {
    expect(evaluatePurchaseLimits(adult("CA"), [edible(100, 10_000, 80)], [])).toEqual({ ok: true });
    expect(evaluatePurchaseLimits(adult("CA"), [edible(100, 10_000, 81)], []).ok).toBe(false);
  });

  it("a zero quantity counts nothing", () => {
    expect(evaluatePurchaseLimits(adult("CA"), [flower(100_000, 0)], [])).toEqual({ ok: true });
  });
});
