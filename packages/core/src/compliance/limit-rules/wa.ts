import { fluidOunces, grams, ounces, plainLimit } from "../limit-rule-builders";
import type { LimitRule, StateLimits } from "../limit-types";

type Amounts = {
  flowerOunces: number;
  solidOunces: number;
  liquidFluidOunces: number;
  concentrateMg: number;
};

/** Four separate limits, not mixable; solids by product weight, liquids by volume. */
function washingtonRules(idPrefix: string, a: Amounts): LimitRule[] {
  const head = (suffix: string, label: string) => ({
    id: `${idPrefix}-${suffix}`,
    label,
    scope: "transaction" as const,
  });
  return [
    plainLimit(head("flower", "usable cannabis (flower and pre-rolls)"), ounces(a.flowerOunces), [
      [["flower"], "cannabis_mg"],
    ]),
    plainLimit(head("solid-edibles", "solid cannabis-infused products"), ounces(a.solidOunces), [
      [["edible_solid"], "product_mg"],
    ]),
    plainLimit(head("liquid-edibles", "liquid cannabis-infused products"), fluidOunces(a.liquidFluidOunces), [
      [["edible_liquid"], "volume_ml"],
    ]),
    plainLimit(head("concentrate", "concentrate and vapes"), grams(a.concentrateMg), [
      [["concentrate"], "cannabis_mg"],
    ]),
  ];
}

export const WASHINGTON: StateLimits = {
  name: "Washington",
  // WA: RCW 69.50.360(3) and WAC 314-55-095: 1 oz usable, 16 oz solid infused, 72 oz liquid infused, 7 g
  // concentrate. Decision (reviewed for issue 14): per transaction. RCW 69.50.360(3) lets a retailer sell up to
  // these amounts "to any person" in a sale, and WAC 314-55-095 states them per transaction; neither adds up a
  // day's purchases (unsure whether the LCB treats several sales in quick succession as one; we do not).
  adultUse: {
    rules: washingtonRules("wa", {
      flowerOunces: 1,
      solidOunces: 16,
      liquidFluidOunces: 72,
      concentrateMg: 7_000,
    }),
  },
  // WA medical: RCW 69.51A.210 (and RCW 69.50.360; subsection unsure): patients entered in the medical
  // authorization database may buy three times the adult amounts (3 oz, 48 oz solid, 216 oz liquid, 21 g
  // concentrate) at an endorsed store, per transaction like the adult-use amounts.
  medical: {
    audience: "medical patients",
    rules: washingtonRules("wa-medical", {
      flowerOunces: 3,
      solidOunces: 48,
      liquidFluidOunces: 216,
      concentrateMg: 21_000,
    }),
  },
};
