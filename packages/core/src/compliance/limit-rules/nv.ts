import { EDIBLES, ounces, plainLimit } from "../limit-rule-builders";
import type { LimitRuleSet, StateLimits } from "../limit-types";

/**
 * NV: NRS 678D.200 as amended by SB 277 (2023, in force 1 January 2024): 2.5 oz of cannabis other than
 * concentrated cannabis, and 1/4 oz of concentrated cannabis; the CCB applies these to retail sales (NCCR 12).
 * Edibles count toward the concentrate limit by the concentrate they contain, or their THC mg when that is
 * unknown (as in CA; unsure whether the CCB expects a different conversion).
 * Unsure: whether NCCR makes it per transaction or per day; we apply it per day (stricter).
 */
const adultUse: LimitRuleSet = {
  rules: [
    plainLimit(
      { id: "nv-flower", label: "flower, pre-rolls and other non-concentrated cannabis", scope: "day" },
      ounces(5, 2),
      [[["flower"], "cannabis_mg"]],
    ),
    plainLimit(
      { id: "nv-concentrate", label: "concentrated cannabis, vapes and the THC in edibles", scope: "day" },
      ounces(1, 4),
      [
        [["concentrate"], "cannabis_mg"],
        [EDIBLES, "concentrate_in_product_mg"],
      ],
    ),
  ],
};

export const NEVADA: StateLimits = {
  name: "Nevada",
  adultUse,
  // NV medical: NRS 678C.300 limits patients to 2.5 oz per 14 days; the window needs history this evaluator is
  // not given, so patients get the adult-use daily limits (unsure; the caller enforces the 14 days).
  medical: adultUse,
};
