import { z } from "zod";
import { convertedSchema } from "@cannasaas/ui/form-schema";
import { loyaltySettingsInput } from "@cannasaas/validators";

export type Settings = z.input<typeof loyaltySettingsInput>;

export const NUMBERS = [
  ["pointsPerDollar", "Points per dollar spent (after discounts)"],
  ["signupBonusPoints", "Sign-up bonus (points)"],
  ["birthdayBonusPoints", "Birthday bonus (points)"],
  ["referrerRewardPoints", "Referral reward to the referrer (points)"],
  ["refereeRewardPoints", "Referral reward to the new customer (points)"],
  ["referralCapPerYear", "Rewarded referrals per referrer per year"],
] as const;
type NumberName = (typeof NUMBERS)[number][0];

const text = z.string();
const fields = z.object({
  enabled: z.boolean(),
  ...(Object.fromEntries(NUMBERS.map(([name]) => [name, text])) as Record<NumberName, typeof text>),
  pointsExpireMonths: text,
  tiers: z.array(
    z.object({
      id: z.string().optional(),
      name: z.string(),
      threshold: z.string(),
      multiplier: z.string(),
      /** Not edited here: sent back as loaded. */
      perks: z.string().nullish(),
    }),
  ),
});
export type SettingsFieldValues = z.input<typeof fields>;

/** A typed number; NaN when empty or not a number, which the schema refuses with "Enter a number." */
const num = (v: string) => (v.trim() ? Number(v) : NaN);

export const settingsFormDefaults = (settings: Settings): SettingsFieldValues => ({
  enabled: settings.enabled,
  ...(Object.fromEntries(NUMBERS.map(([name]) => [name, String(settings[name])])) as Record<
    NumberName,
    string
  >),
  pointsExpireMonths: String(settings.pointsExpireMonths ?? 0),
  tiers: settings.tiers.map((t) => ({
    id: t.id,
    name: t.name,
    threshold: String(t.thresholdPoints),
    multiplier: String(t.multiplierBps / 10_000),
    perks: t.perks,
  })),
});

/** What `saveSettings` takes: points as whole numbers, the multiplier as basis points (1.25x = 12500). */
export const settingsPayload = (v: SettingsFieldValues): Settings => ({
  enabled: v.enabled,
  ...(Object.fromEntries(NUMBERS.map(([name]) => [name, num(v[name])])) as Record<NumberName, number>),
  pointsExpireMonths: v.pointsExpireMonths.trim() ? Number(v.pointsExpireMonths) : 0,
  tiers: v.tiers.map((t) => ({
    ...(t.id ? { id: t.id } : {}),
    name: t.name,
    thresholdPoints: num(t.threshold),
    multiplierBps: Math.round(num(t.multiplier) * 10_000),
    perks: t.perks ?? null,
  })),
});

const TIER_FIELD: Record<string, string> = { thresholdPoints: "threshold", multiplierBps: "multiplier" };
/** Where an error about `saveSettings`' input shows: a tier's under its input, the list's under the list. */
export function settingsFieldOf([head, index, field]: readonly PropertyKey[]): string | null {
  if (head === "tiers") {
    if (typeof index !== "number") return "tiers";
    return typeof field === "string" ? `tiers.${index}.${TIER_FIELD[field] ?? field}` : "tiers";
  }
  return typeof head === "string" && head in fields.shape ? head : null;
}

export const settingsFormSchema = convertedSchema(
  fields,
  settingsPayload,
  loyaltySettingsInput,
  settingsFieldOf,
);
