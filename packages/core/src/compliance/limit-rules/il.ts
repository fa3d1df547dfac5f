import { EDIBLES, grams, ounces, plainLimit, thcMg, type LimitAmount } from "../limit-rule-builders";
import type { LimitRule, StateLimits } from "../limit-types";

function illinoisRules(
  idPrefix: string,
  flower: LimitAmount,
  concentrateMg: number,
  infusedThcMg: number,
): LimitRule[] {
  return [
    plainLimit({ id: `${idPrefix}-flower`, label: "cannabis flower and pre-rolls", scope: "day" }, flower, [
      [["flower"], "cannabis_mg"],
    ]),
    plainLimit(
      { id: `${idPrefix}-concentrate`, label: "cannabis concentrate and vapes", scope: "day" },
      grams(concentrateMg),
      [[["concentrate"], "cannabis_mg"]],
    ),
    plainLimit(
      {
        id: `${idPrefix}-infused`,
        label: "cannabis-infused products (edibles, drinks, tinctures)",
        scope: "day",
      },
      thcMg(infusedThcMg),
      [[EDIBLES, "thc_mg"]],
    ),
  ];
}

/**
 * IL: 410 ILCS 705/10-10(a) (residents: 30 g flower, 5 g concentrate, 500 mg THC in infused products) and
 * 10-10(b) (non-residents: half), enforced at sale by 410 ILCS 705/15-70 (subsection unsure); separate, not mixable.
 * The Act's "cannabis-infused product" includes topicals, so Illinois arguably counts their THC toward the
 * 500 mg; by product decision topicals are not counted anywhere (flag for IL counsel).
 * Unsure whether dispensaries must aggregate a day's purchases; we do (stricter).
 */
export const ILLINOIS: StateLimits = {
  name: "Illinois",
  adultUse: { audience: "residents", rules: illinoisRules("il", grams(30_000), 5_000, 500) },
  nonResidentAdultUse: {
    audience: "non-residents",
    rules: illinoisRules("il-nonresident", grams(15_000), 2_500, 250),
  },
  // IL medical: 410 ILCS 130/10 ("adequate supply": 2.5 oz per 14 days). The 14 days need history the caller
  // enforces; a day is capped at 2.5 oz of flower. The Act gives no concentrate or infused figure for
  // patients, so they keep the resident amounts (unsure; stricter). Applies whatever the residency.
  medical: { audience: "medical patients", rules: illinoisRules("il-medical", ounces(5, 2), 5_000, 500) },
};
