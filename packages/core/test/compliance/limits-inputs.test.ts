import { describe, expect, it } from "vitest";
import {
  categoryToLimitKind,
  evaluatePurchaseLimits,
  supportedLimitStates,
  type LimitContext,
  type LimitLine,
} from "../../src/compliance/limits";
import { concentrate, drink, flower } from "./lines";

const adult = (state: string): LimitContext => ({ state, purchaser: "adult_use", residency: "resident" });

describe("refusals and inputs", () => {
  it("throws for a state without limits, naming it", () => {
    expect(() => evaluatePurchaseLimits(adult("TX"), [flower(1_000)], [])).toThrow(
      /No purchase limits .* "TX"/,
    );
  });

  it("accepts lower-case and padded state codes", () => {
    expect(evaluatePurchaseLimits(adult(" ca "), [flower(1_000)], [])).toEqual({ ok: true });
  });

  it("throws when a counted line lacks the amount its limit needs", () => {
    const unweighed: LimitLine = { ...concentrate(1_000), cannabisWeightMg: null };
    expect(() => evaluatePurchaseLimits(adult("CA"), [unweighed], [])).toThrow(
      /concentrate line has no cannabis weight/,
    );
    const noVolume: LimitLine = { ...drink(10, 355), netVolumeMl: null };
    expect(() => evaluatePurchaseLimits(adult("WA"), [noVolume], [])).toThrow(/net volume/);
  });

  it("throws on fractional or negative amounts instead of guessing", () => {
    expect(() => evaluatePurchaseLimits(adult("CA"), [flower(3_500, 1.5)], [])).toThrow(/whole/);
    expect(() => evaluatePurchaseLimits(adult("CA"), [flower(-1)], [])).toThrow(/whole/);
  });

  it("lists the supported states", () => {
    expect(supportedLimitStates()).toEqual(["CA", "CO", "IL", "MA", "MI", "NV", "NY", "OR", "WA"]);
  });
});

describe("categoryToLimitKind", () => {
  it.each([
    ["flower", "flower"],
    ["pre-roll", "flower"],
    ["Pre-Rolls", "flower"],
    ["vape", "concentrate"],
    ["concentrate", "concentrate"],
    ["edible", "edible_solid"],
    ["edibles", "edible_solid"],
    ["tincture", "edible_liquid"],
    ["beverage", "edible_liquid"],
    ["topical", "topical"],
    ["accessory", "non_cannabis"],
    ["accessories", "non_cannabis"],
  ])("%s -> %s", (category, kind) => {
    expect(categoryToLimitKind(category)).toBe(kind);
  });

  it("throws for an unknown category rather than letting it escape the limits", () => {
    expect(() => categoryToLimitKind("seeds")).toThrow(/Unknown product category "seeds"/);
  });
});
