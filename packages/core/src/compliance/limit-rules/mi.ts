import { equivalencyLimit, fluidOunces, grams, ounces, plainLimit } from "../limit-rule-builders";
import type { LimitRule, StateLimits } from "../limit-types";

/**
 * MI: MCL 333.27955(1)(a) (MRTMA § 5: 2.5 oz, of which at most 15 g concentrate) and the CRA sales rule
 * Mich Admin Code R 420.506 (per transaction; rule number unsure). Infused products count by the MMMA
 * "usable marihuana equivalents", MCL 333.26423: 1 oz = 16 oz of solid product = 36 fl oz of liquid product.
 * Unsure whether the CRA applies those equivalents to adult-use; it is the only conversion Michigan law gives.
 */
function michiganRules(scope: LimitRule["scope"], idPrefix: string): LimitRule[] {
  return [
    equivalencyLimit(
      {
        id: `${idPrefix}-total`,
        label: "cannabis (concentrate by weight; 16 oz of solid or 36 fl oz of liquid edibles count as 1 oz)",
        scope,
      },
      ounces(5, 2),
      [
        { kinds: ["concentrate"], measure: "cannabis_mg", capacity: ounces(5, 2).allowed },
        { kinds: ["edible_solid"], measure: "product_mg", capacity: ounces(40).allowed },
        { kinds: ["edible_liquid"], measure: "volume_ml", capacity: fluidOunces(90).allowed },
      ],
    ),
    plainLimit({ id: `${idPrefix}-concentrate`, label: "concentrate and vapes", scope }, grams(15_000), [
      [["concentrate"], "cannabis_mg"],
    ]),
  ];
}

export const MICHIGAN: StateLimits = {
  name: "Michigan",
  // MI adult-use, decision (reviewed for issue 14): per transaction. MCL 333.27955(1)(a) is a possession
  // limit; the CRA's adult-use sales rule (Mich Admin Code R 420.504, "shall not sell more than 2.5 ounces
  // ... in a single transaction"; rule number unsure) limits each transaction, and METRC Michigan keeps no
  // adult-use customer identity to add up a day. Kept per transaction; a same-day second order is allowed.
  adultUse: { rules: michiganRules("transaction", "mi") },
  // MI medical: MCL 333.27501 (MMFLA) and the CRA provisioning-center rule: 2.5 oz per patient per day and
  // 10 oz per month (the month needs history; the caller enforces it). Unsure whether the 15 g concentrate cap
  // binds patients; we keep it (stricter).
  medical: { audience: "medical patients", rules: michiganRules("day", "mi-medical") },
};
