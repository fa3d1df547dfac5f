import { describe, expect, it } from "vitest";
import { evaluatePurchaseLimits, STATE_LIMITS } from "../../src/compliance";
import { concentrate, flower } from "./lines";

describe("Colorado medical patients aged 18 to 20", () => {
  const patient = (age: number) => ({ state: "CO", purchaser: "medical" as const, age });

  it("may buy 2 g of concentrate a day, not 8 g", () => {
    expect(evaluatePurchaseLimits(patient(20), [concentrate(2_000)], [])).toEqual({ ok: true });
    const over = evaluatePurchaseLimits(patient(20), [concentrate(1_500)], [concentrate(1_000)]);
    expect(over.ok).toBe(false);
    if (!over.ok) {
      expect(over.violations[0]).toMatchObject({
        limitId: "co-medical-under-21-concentrate",
        allowed: 2_000,
        attempted: 2_500,
        excess: 500,
      });
      expect(over.violations[0]!.message).toMatch(/aged 18 to 20/);
    }
  });

  it("at 21 the adult patient limits apply again (8 g)", () => {
    expect(evaluatePurchaseLimits(patient(21), [concentrate(8_000)], [])).toEqual({ ok: true });
  });

  it("keep the 2 oz flower equivalency", () => {
    expect(evaluatePurchaseLimits(patient(19), [flower(56_699)], [])).toEqual({ ok: true });
  });

  it("refuses to evaluate a Colorado patient without an age rather than assume an adult", () => {
    expect(() => evaluatePurchaseLimits({ state: "CO", purchaser: "medical" }, [flower(1_000)], [])).toThrow(
      /without their age/,
    );
  });
});

describe("Illinois residency", () => {
  const adult = (residency?: "resident" | "non_resident") => ({
    state: "IL",
    purchaser: "adult_use" as const,
    ...(residency ? { residency } : {}),
  });

  it("a resident may buy 30 g of flower; a non-resident (or unknown residency) 15 g", () => {
    expect(evaluatePurchaseLimits(adult("resident"), [flower(30_000)], [])).toEqual({ ok: true });
    for (const who of [adult("non_resident"), adult()]) {
      const result = evaluatePurchaseLimits(who, [flower(30_000)], []);
      expect(result.ok).toBe(false);
      if (!result.ok)
        expect(result.violations[0]).toMatchObject({ limitId: "il-nonresident-flower", excess: 15_000 });
    }
  });
});

describe("recorded decisions: Michigan adult-use and Washington are per transaction", () => {
  it.each([
    ["MI", "adultUse"],
    ["WA", "adultUse"],
    ["WA", "medical"],
  ] as const)("%s %s rules do not add the day's earlier purchases", (state, set) => {
    for (const rule of STATE_LIMITS[state]![set].rules) expect(rule.scope, rule.id).toBe("transaction");
    const ctx = { state, purchaser: set === "medical" ? ("medical" as const) : ("adult_use" as const) };
    expect(evaluatePurchaseLimits(ctx, [flower(20_000)], [flower(20_000)])).toEqual({ ok: true });
  });

  it("Michigan patients stay per day", () => {
    for (const rule of STATE_LIMITS.MI!.medical.rules) expect(rule.scope).toBe("day");
  });
});
