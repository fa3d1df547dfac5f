import { equivalencyLimit, EDIBLES, grams, ounces, plainLimit } from "../limit-rule-builders";
import type { LimitRule, StateLimits } from "../limit-types";

const twoOunceEquivalent: LimitRule = equivalencyLimit(
  {
    id: "co-medical-two-ounce-equivalent",
    label: "flower, or its equivalent in concentrate (8 g per ounce) and edibles (800 mg THC per ounce)",
    scope: "day",
  },
  ounces(2),
  [
    { kinds: ["concentrate"], measure: "cannabis_mg", capacity: 16_000 },
    { kinds: EDIBLES, measure: "thc_mg", capacity: 1_600 },
  ],
);

const medicalConcentrate = (mg: number, id: string): LimitRule =>
  plainLimit({ id, label: "concentrate and vapes", scope: "day" }, grams(mg), [
    [["concentrate"], "cannabis_mg"],
  ]);

/**
 * CO: C.R.S. § 44-10-601 (retail store sales limits; the daily 8 g concentrate cap added by HB 21-1317) and
 * MED Rules 1 CCR 212-3, Rule 3-505 (equivalency: 1 oz flower = 8 g concentrate = 800 mg THC in edibles,
 * mixable). Unsure: the rule number after the 2021 renumbering, and whether the equivalency is per
 * transaction or per day; we apply it per day, which also covers a single transaction.
 */
export const COLORADO: StateLimits = {
  name: "Colorado",
  adultUse: {
    rules: [
      equivalencyLimit(
        {
          id: "co-ounce-equivalent",
          label:
            "flower, or its equivalent in concentrate (8 g per ounce) and edibles (800 mg THC per ounce)",
          scope: "day",
        },
        ounces(1),
        [
          { kinds: ["concentrate"], measure: "cannabis_mg", capacity: 8_000 },
          { kinds: EDIBLES, measure: "thc_mg", capacity: 800 },
        ],
      ),
    ],
  },
  medical: {
    audience: "medical patients",
    rules: [
      // CO medical: C.R.S. § 44-10-501 (2 oz of flower per patient per day unless the patient's physician
      // exempts them; 8 g concentrate per day, 2 g for patients 18-20, HB 21-1317). Unsure: the law names no
      // edible figure for patients; we scale the adult-use equivalency to 2 oz (16 g concentrate, 1,600 mg THC).
      twoOunceEquivalent,
      medicalConcentrate(8_000, "co-medical-concentrate"),
    ],
  },
  // CO: C.R.S. § 44-10-501 as amended by HB 21-1317 (subsection unsure): a patient aged 18 to 20 may buy at most 2 g of medical
  // marijuana concentrate a day (unless the patient is homebound or was a patient before turning 18; those
  // exceptions are not modelled, so the stricter limit applies). The 2 oz equivalency still applies.
  youngMedical: {
    underAge: 21,
    rules: {
      audience: "medical patients aged 18 to 20",
      rules: [twoOunceEquivalent, medicalConcentrate(2_000, "co-medical-under-21-concentrate")],
    },
  },
};
