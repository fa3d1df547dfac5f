import { EDIBLES, grams, ounces, plainLimit } from "../limit-rule-builders";
import type { LimitRule, StateLimits } from "../limit-types";

/**
 * CA: 4 CCR § 15409(a) (adult-use, per customer per day): 28.5 g non-concentrated cannabis and 8 g of
 * concentrate "including cannabis concentrate contained in cannabis products"; same amounts in HSC § 11362.1(a).
 *
 * Edibles and tinctures count toward the 8 g by the concentrate they contain. Catalogs rarely know that weight,
 * so a line without `cannabisWeightMg` counts its THC mg as mg of concentrate (100 mg THC -> 0.1 g). That is
 * the smallest amount of concentrate that can hold that THC, i.e. the most lenient defensible reading; the
 * regulation gives no conversion and we are not sure DCC accepts it. Supply `cannabisWeightMg` to be exact.
 */
const concentrate: LimitRule = plainLimit(
  {
    id: "ca-concentrate",
    label: "concentrate, vapes and the concentrate in edibles and tinctures",
    scope: "day",
  },
  grams(8_000),
  [
    [["concentrate"], "cannabis_mg"],
    [EDIBLES, "concentrate_in_product_mg"],
  ],
);

export const CALIFORNIA: StateLimits = {
  name: "California",
  adultUse: {
    rules: [
      plainLimit(
        {
          id: "ca-non-concentrate",
          label: "flower, pre-rolls and other non-concentrated cannabis",
          scope: "day",
        },
        grams(28_500),
        [[["flower"], "cannabis_mg"]],
      ),
      concentrate,
    ],
  },
  medical: {
    audience: "medical patients",
    rules: [
      // CA medical: 4 CCR § 15409(b)(1), HSC § 11362.77(a)(1): 8 oz of dried mature flower per day, more on a
      // physician's recommendation (§ 15409(c), not modelled). The law gives no concentrate figure for patients
      // ("plant conversion" is undefined), so patients keep the adult-use 8 g concentrate limit (unsure; stricter).
      plainLimit(
        {
          id: "ca-medical-flower",
          label: "flower, pre-rolls and other non-concentrated cannabis",
          scope: "day",
        },
        ounces(8),
        [[["flower"], "cannabis_mg"]],
      ),
      concentrate,
    ],
  },
};
