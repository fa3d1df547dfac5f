import { equivalencyLimit, EDIBLES, ounces } from "../limit-rule-builders";
import type { StateLimits } from "../limit-types";

/**
 * MA: 935 CMR 500.140(5)(a) (adult-use, per customer per day): 1 oz of flower or its combined equivalent,
 * 1 oz = 5 g of concentrate = 500 mg of THC in edibles; topicals have no purchase limit (500.140(5)(a)(3)).
 * Unsure: the regulation words the concentrate equivalent as "five grams of active THC in Marijuana
 * Concentrate including ... Tinctures"; we count concentrate by its weight (stricter) and tinctures, which we
 * cannot tell apart from drinks, as edibles at 500 mg THC (stricter than 5 g of THC).
 */
export const MASSACHUSETTS: StateLimits = {
  name: "Massachusetts",
  adultUse: {
    rules: [
      equivalencyLimit(
        {
          id: "ma-ounce-equivalent",
          label:
            "flower, or its equivalent in concentrate (5 g per ounce) and edibles (500 mg THC per ounce)",
          scope: "day",
        },
        ounces(1),
        [
          { kinds: ["concentrate"], measure: "cannabis_mg", capacity: 5_000 },
          { kinds: EDIBLES, measure: "thc_mg", capacity: 500 },
        ],
      ),
    ],
  },
  medical: {
    audience: "medical patients",
    rules: [
      // MA medical: 935 CMR 501.002 ("Sixty-day Supply": 10 oz) and 501.140: a patient may buy up to a 60-day
      // supply. The 60-day window needs history this evaluator is not given, so we cap one day at the whole
      // supply (the caller must enforce the window) and scale the adult-use equivalency (unsure).
      equivalencyLimit(
        {
          id: "ma-medical-sixty-day-supply",
          label:
            "flower, or its equivalent in concentrate (5 g per ounce) and edibles (500 mg THC per ounce)",
          scope: "day",
        },
        ounces(10),
        [
          { kinds: ["concentrate"], measure: "cannabis_mg", capacity: 50_000 },
          { kinds: EDIBLES, measure: "thc_mg", capacity: 5_000 },
        ],
      ),
    ],
  },
};
