import { fluidOunces, grams, ounces, plainLimit } from "../limit-rule-builders";
import type { LimitRuleSet, StateLimits } from "../limit-types";

/**
 * OR: OAR 845-025-2890 (retailer sales limits, per consumer per day; flower raised from 1 oz to 2 oz in 2022):
 * 2 oz usable marijuana, 5 g extracts/concentrates, 16 oz solid products, 72 fl oz liquid products, separate.
 * Unsure of the exact OAR section number.
 */
const adultUse: LimitRuleSet = {
  rules: [
    plainLimit(
      { id: "or-flower", label: "usable marijuana (flower and pre-rolls)", scope: "day" },
      ounces(2),
      [[["flower"], "cannabis_mg"]],
    ),
    plainLimit(
      { id: "or-concentrate", label: "extracts, concentrates and vapes", scope: "day" },
      grams(5_000),
      [[["concentrate"], "cannabis_mg"]],
    ),
    plainLimit({ id: "or-solid-edibles", label: "solid cannabinoid products", scope: "day" }, ounces(16), [
      [["edible_solid"], "product_mg"],
    ]),
    plainLimit(
      { id: "or-liquid-edibles", label: "liquid cannabinoid products", scope: "day" },
      fluidOunces(72),
      [[["edible_liquid"], "volume_ml"]],
    ),
  ],
};

export const OREGON: StateLimits = {
  name: "Oregon",
  adultUse,
  // OR medical: OLCC allows registry cardholders larger daily amounts (OAR 845-025-2890); we do not know the
  // current figures with confidence, so patients get the adult-use limits (stricter).
  medical: adultUse,
};
