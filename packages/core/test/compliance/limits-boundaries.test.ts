import { describe, expect, it } from "vitest";
import { evaluatePurchaseLimits, type LimitContext, type LimitLine } from "../../src/compliance/limits";
import { concentrate, drink, edible, flower } from "./lines";

/** [who ("STATE/purchaser[/residency]"), what, line with the amount, amount at the limit, limit id, excess at +1] */
type Case = [string, string, (amount: number) => LimitLine, number, string, number];

const solid = (mg: number) => edible(5, mg);
const liquid = (ml: number) => drink(5, ml);
const thc = (mg: number) => edible(mg);

// Ounce limits are rounded down to the mg: 1 oz 28,349; 2 oz 56,699; 2.5 oz 70,873; 3 oz 85,048; 8 oz 226,796;
// 10 oz 283,495; 16 oz 453,592; 40 oz 1,133,980; 48 oz 1,360,777; 1/4 oz 7,087. Fluid: 72 fl oz 2,129 ml;
// 90 fl oz 2,661 ml; 216 fl oz 6,387 ml. An equivalency's excess is ceil(allowed * amount / capacity) - allowed.
const CASES: Case[] = [
  ["CA/adult_use", "flower", flower, 28_500, "ca-non-concentrate", 1],
  ["CA/adult_use", "concentrate", concentrate, 8_000, "ca-concentrate", 1],
  ["CA/adult_use", "edible THC as concentrate", thc, 8_000, "ca-concentrate", 1],
  ["CA/medical", "flower (8 oz)", flower, 226_796, "ca-medical-flower", 1],
  ["CA/medical", "concentrate", concentrate, 8_000, "ca-concentrate", 1],

  ["CO/adult_use", "flower", flower, 28_349, "co-ounce-equivalent", 1],
  // ceil(28,349 * 8,001 / 8,000) = ceil(28,352.54) = 28,353 -> 4 over
  ["CO/adult_use", "concentrate", concentrate, 8_000, "co-ounce-equivalent", 4],
  // ceil(28,349 * 801 / 800) = ceil(28,384.44) = 28,385 -> 36 over
  ["CO/adult_use", "edible THC", thc, 800, "co-ounce-equivalent", 36],
  ["CO/medical", "flower (2 oz)", flower, 56_699, "co-medical-two-ounce-equivalent", 1],
  ["CO/medical", "concentrate (8 g cap)", concentrate, 8_000, "co-medical-concentrate", 1],
  // ceil(56,699 * 1,601 / 1,600) = ceil(56,734.44) = 56,735 -> 36 over
  ["CO/medical", "edible THC", thc, 1_600, "co-medical-two-ounce-equivalent", 36],

  ["MA/adult_use", "flower", flower, 28_349, "ma-ounce-equivalent", 1],
  // ceil(28,349 * 5,001 / 5,000) = ceil(28,354.67) = 28,355 -> 6 over
  ["MA/adult_use", "concentrate", concentrate, 5_000, "ma-ounce-equivalent", 6],
  // ceil(28,349 * 501 / 500) = ceil(28,405.70) = 28,406 -> 57 over
  ["MA/adult_use", "edible THC", thc, 500, "ma-ounce-equivalent", 57],
  ["MA/medical", "flower (10 oz)", flower, 283_495, "ma-medical-sixty-day-supply", 1],
  // ceil(283,495 * 50,001 / 50,000) = ceil(283,500.67) = 283,501 -> 6 over
  ["MA/medical", "concentrate", concentrate, 50_000, "ma-medical-sixty-day-supply", 6],
  // ceil(283,495 * 5,001 / 5,000) = ceil(283,551.70) = 283,552 -> 57 over
  ["MA/medical", "edible THC", thc, 5_000, "ma-medical-sixty-day-supply", 57],

  ...(
    [
      ["mi", "adult_use"],
      ["mi-medical", "medical"],
    ] as const
  ).flatMap(([prefix, purchaser]) => {
    const who = `MI/${purchaser}`;
    return [
      [who, "flower (2.5 oz)", flower, 70_873, `${prefix}-total`, 1],
      [who, "concentrate (15 g cap)", concentrate, 15_000, `${prefix}-concentrate`, 1],
      // ceil(70,873 * 1,133,981 / 1,133,980) = ceil(70,873.06) = 70,874 -> 1 over
      [who, "solid edibles (40 oz)", solid, 1_133_980, `${prefix}-total`, 1],
      // ceil(70,873 * 2,662 / 2,661) = ceil(70,899.63) = 70,900 -> 27 over
      [who, "liquid edibles (90 fl oz)", liquid, 2_661, `${prefix}-total`, 27],
    ] satisfies Case[];
  }),

  ["WA/adult_use", "flower", flower, 28_349, "wa-flower", 1],
  ["WA/adult_use", "concentrate", concentrate, 7_000, "wa-concentrate", 1],
  ["WA/adult_use", "solid edibles (16 oz)", solid, 453_592, "wa-solid-edibles", 1],
  ["WA/adult_use", "liquid edibles (72 fl oz)", liquid, 2_129, "wa-liquid-edibles", 1],
  ["WA/medical", "flower (3 oz)", flower, 85_048, "wa-medical-flower", 1],
  ["WA/medical", "concentrate", concentrate, 21_000, "wa-medical-concentrate", 1],
  ["WA/medical", "solid edibles (48 oz)", solid, 1_360_777, "wa-medical-solid-edibles", 1],
  ["WA/medical", "liquid edibles (216 fl oz)", liquid, 6_387, "wa-medical-liquid-edibles", 1],

  ...(["adult_use", "medical"] as const).flatMap(
    (purchaser) =>
      [
        [`OR/${purchaser}`, "flower (2 oz)", flower, 56_699, "or-flower", 1],
        [`OR/${purchaser}`, "concentrate", concentrate, 5_000, "or-concentrate", 1],
        [`OR/${purchaser}`, "solid edibles (16 oz)", solid, 453_592, "or-solid-edibles", 1],
        [`OR/${purchaser}`, "liquid edibles (72 fl oz)", liquid, 2_129, "or-liquid-edibles", 1],
        [`NV/${purchaser}`, "flower (2.5 oz)", flower, 70_873, "nv-flower", 1],
        [`NV/${purchaser}`, "concentrate (1/4 oz)", concentrate, 7_087, "nv-concentrate", 1],
        [`NV/${purchaser}`, "edible THC", thc, 7_087, "nv-concentrate", 1],
        [`NY/${purchaser}`, "flower (3 oz)", flower, 85_048, "ny-flower", 1],
        [`NY/${purchaser}`, "concentrate", concentrate, 24_000, "ny-concentrate", 1],
        [`NY/${purchaser}`, "edible THC", thc, 24_000, "ny-concentrate", 1],
      ] satisfies Case[],
  ),

  ["IL/adult_use/resident", "flower", flower, 30_000, "il-flower", 1],
  ["IL/adult_use/resident", "concentrate", concentrate, 5_000, "il-concentrate", 1],
  ["IL/adult_use/resident", "edible THC", thc, 500, "il-infused", 1],
  ["IL/adult_use/resident", "drink THC", (mg) => drink(mg, 355), 500, "il-infused", 1],
  ["IL/adult_use/non_resident", "flower", flower, 15_000, "il-nonresident-flower", 1],
  ["IL/adult_use/non_resident", "concentrate", concentrate, 2_500, "il-nonresident-concentrate", 1],
  ["IL/adult_use/non_resident", "edible THC", thc, 250, "il-nonresident-infused", 1],
  ["IL/medical", "flower (2.5 oz)", flower, 70_873, "il-medical-flower", 1],
  ["IL/medical", "concentrate", concentrate, 5_000, "il-medical-concentrate", 1],
  ["IL/medical", "edible THC", thc, 500, "il-medical-infused", 1],
];

function contextOf(who: string): LimitContext {
  const [state = "", purchaser, residency] = who.split("/");
  return {
    state,
    purchaser: purchaser === "medical" ? "medical" : "adult_use",
    age: 30,
    ...(residency === "resident" || residency === "non_resident" ? { residency } : {}),
  };
}

describe("every state's limits, adult-use and medical", () => {
  it.each(CASES)("%s %s: exactly at the limit passes", (who, _what, line, atLimit) => {
    expect(evaluatePurchaseLimits(contextOf(who), [line(atLimit)], [])).toEqual({ ok: true });
  });

  it.each(CASES)(
    "%s %s: one unit over fails with the excess",
    (who, _what, line, atLimit, limitId, excess) => {
      const result = evaluatePurchaseLimits(contextOf(who), [line(atLimit + 1)], []);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.violations).toHaveLength(1);
      const [violation] = result.violations;
      expect(violation).toMatchObject({ limitId, excess });
      expect(violation?.attempted).toBe((violation?.allowed ?? 0) + excess);
    },
  );

  it("covers every supported state in both purchaser types", () => {
    const covered = new Set(CASES.map(([who]) => who.split("/").slice(0, 2).join("/")));
    for (const state of ["CA", "CO", "IL", "MA", "MI", "NV", "NY", "OR", "WA"]) {
      expect(covered).toContain(`${state}/adult_use`);
      expect(covered).toContain(`${state}/medical`);
    }
  });
});
