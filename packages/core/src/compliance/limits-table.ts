import { CALIFORNIA } from "./limit-rules/ca";
import { COLORADO } from "./limit-rules/co";
import { ILLINOIS } from "./limit-rules/il";
import { MASSACHUSETTS } from "./limit-rules/ma";
import { MICHIGAN } from "./limit-rules/mi";
import { NEVADA } from "./limit-rules/nv";
import { NEW_YORK } from "./limit-rules/ny";
import { OREGON } from "./limit-rules/or";
import { WASHINGTON } from "./limit-rules/wa";
import type { StateLimits } from "./limit-types";

/**
 * Purchase limits by state (two-letter code). Each state's file cites its rules and says where we were unsure.
 * Topicals and non-cannabis items are counted by no rule (IL's and MI's statutes arguably cover topicals).
 */
export const STATE_LIMITS: Readonly<Record<string, StateLimits>> = {
  CA: CALIFORNIA,
  CO: COLORADO,
  IL: ILLINOIS,
  MA: MASSACHUSETTS,
  MI: MICHIGAN,
  NV: NEVADA,
  NY: NEW_YORK,
  OR: OREGON,
  WA: WASHINGTON,
};
