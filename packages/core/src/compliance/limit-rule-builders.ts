import type { LimitMeasure, LimitProductKind, LimitRule, LimitTerm, LimitUnit } from "./limit-types";
import {
  fluidOuncesToMl,
  formatFluidOunces,
  formatGrams,
  formatOunces,
  formatThcMg,
  ouncesToMg,
} from "./units";

export const EDIBLES: readonly LimitProductKind[] = ["edible_solid", "edible_liquid"];

export type LimitAmount = { unit: LimitUnit; allowed: number; allowedText: string };

/** A limit the law states in grams: held exactly in mg. */
export const grams = (mg: number): LimitAmount => ({ unit: "mg", allowed: mg, allowedText: formatGrams(mg) });

/** A limit the law states in ounces: rounded down to the mg, shown as "2.5 oz (70.87 g)". */
export const ounces = (numerator: number, denominator = 1): LimitAmount => ({
  unit: "mg",
  allowed: ouncesToMg(numerator, denominator),
  allowedText: formatOunces(numerator, denominator),
});

export const thcMg = (mg: number): LimitAmount => ({
  unit: "mg_thc",
  allowed: mg,
  allowedText: formatThcMg(mg),
});

export const fluidOunces = (count: number): LimitAmount => ({
  unit: "ml",
  allowed: fluidOuncesToMl(count),
  allowedText: formatFluidOunces(count),
});

type RuleHead = { id: string; label: string; scope: LimitRule["scope"] };

/** One amount; every counted product form uses it up one for one. */
export function plainLimit(
  head: RuleHead,
  amount: LimitAmount,
  counts: ReadonlyArray<readonly [readonly LimitProductKind[], LimitMeasure]>,
): LimitRule {
  return {
    ...head,
    ...amount,
    terms: counts.map(([kinds, measure]) => ({ kinds, measure, capacity: amount.allowed })),
  };
}

/** A mixable limit: `flower` of flower, or the other forms at their own capacities, in any proportion. */
export function equivalencyLimit(
  head: RuleHead,
  flower: LimitAmount,
  others: readonly LimitTerm[],
): LimitRule {
  return {
    ...head,
    unit: "mg_equivalent",
    allowed: flower.allowed,
    allowedText: flower.allowedText,
    terms: [{ kinds: ["flower"], measure: "cannabis_mg", capacity: flower.allowed }, ...others],
  };
}
