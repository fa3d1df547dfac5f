import { EDIBLES, grams, ounces, plainLimit } from "../limit-rule-builders";
import type { LimitRuleSet, StateLimits } from "../limit-types";

/**
 * NY: Cannabis Law § 222 / Penal Law § 222.05 (3 oz of cannabis, 24 g of concentrated cannabis) and
 * 9 NYCRR Part 123 (adult-use retail dispensaries may not sell above the possession limits).
 * Unsure how OCM counts edibles; we count them toward the 24 g by the concentrate they contain, or their THC
 * mg when unknown (as in CA), and apply the limits per day (stricter than per transaction).
 */
const adultUse: LimitRuleSet = {
  rules: [
    plainLimit({ id: "ny-flower", label: "cannabis flower and pre-rolls", scope: "day" }, ounces(3), [
      [["flower"], "cannabis_mg"],
    ]),
    plainLimit(
      {
        id: "ny-concentrate",
        label: "concentrated cannabis, vapes and the concentrate in edibles",
        scope: "day",
      },
      grams(24_000),
      [
        [["concentrate"], "cannabis_mg"],
        [EDIBLES, "concentrate_in_product_mg"],
      ],
    ),
  ],
};

export const NEW_YORK: StateLimits = {
  name: "New York",
  adultUse,
  // NY medical: Cannabis Law § 30 lets the practitioner set a 60-day supply per patient; there is no fixed
  // figure to encode, so patients get the adult-use limits here (unsure; the caller may apply the certification).
  medical: adultUse,
};
