import { describe, expect, it } from "vitest";
import {
  settingsFormDefaults,
  settingsFormSchema,
  settingsPayload,
} from "../src/app/(dashboard)/dashboard/(app)/loyalty/settings/settings-form-values";

const TIER = "0b6f0a5e-1d1b-4c53-9a38-0f0f1f3c2a10";
const settings = {
  enabled: true,
  pointsPerDollar: 1,
  signupBonusPoints: 100,
  birthdayBonusPoints: 50,
  referrerRewardPoints: 200,
  refereeRewardPoints: 100,
  referralCapPerYear: 10,
  pointsExpireMonths: null,
  tiers: [{ id: TIER, name: "Gold", thresholdPoints: 1000, multiplierBps: 12_500, perks: "Early access" }],
};
const errorsOf = (v: unknown) => {
  const result = settingsFormSchema.safeParse(v);
  return result.success
    ? {}
    : Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]));
};

describe("loyalty settings form values", () => {
  it("round-trips the saved settings through the form's text", () => {
    const defaults = settingsFormDefaults(settings);
    expect(defaults.tiers[0]).toMatchObject({ threshold: "1000", multiplier: "1.25" });
    expect(errorsOf(defaults)).toEqual({});
    expect(settingsPayload(defaults)).toEqual({ ...settings, pointsExpireMonths: 0 });
  });

  it("shows a tier's problem under that tier's input, and an empty list under the list", () => {
    const defaults = settingsFormDefaults(settings);
    const tiers = [defaults.tiers[0]!, { name: "", threshold: "", multiplier: "9" }];
    expect(errorsOf({ ...defaults, pointsPerDollar: "1.5", tiers })).toEqual({
      pointsPerDollar: "Use whole points.",
      "tiers.1.name": "Name the tier.",
      "tiers.1.threshold": "Enter a number.",
      "tiers.1.multiplier": "At most 5x.",
    });
    expect(errorsOf({ ...defaults, tiers: [] })).toEqual({ tiers: "Keep at least one tier." });
  });
});
