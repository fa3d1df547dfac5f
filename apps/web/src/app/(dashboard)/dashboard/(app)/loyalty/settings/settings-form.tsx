"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@cannasaas/ui/button";
import { Card, Notice } from "@cannasaas/ui/card";
import { describeError } from "~/components/auth/errors";
import { useTRPC } from "~/lib/trpc/client";

type Tier = {
  id?: string;
  name: string;
  thresholdPoints: number;
  multiplierBps: number;
  perks?: string | null;
};
type Settings = {
  enabled: boolean;
  pointsPerDollar: number;
  signupBonusPoints: number;
  birthdayBonusPoints: number;
  referrerRewardPoints: number;
  refereeRewardPoints: number;
  referralCapPerYear: number;
  pointsExpireMonths: number | null;
  tiers: Tier[];
};

const NUMBERS: Array<[keyof Omit<Settings, "enabled" | "tiers" | "pointsExpireMonths">, string]> = [
  ["pointsPerDollar", "Points per dollar spent (after discounts)"],
  ["signupBonusPoints", "Sign-up bonus (points)"],
  ["birthdayBonusPoints", "Birthday bonus (points)"],
  ["referrerRewardPoints", "Referral reward to the referrer (points)"],
  ["refereeRewardPoints", "Referral reward to the new customer (points)"],
  ["referralCapPerYear", "Rewarded referrals per referrer per year"],
];

const inputClass = "min-h-11 rounded-lg border border-stone-300 px-3";

/** The earn rate, bonuses, referral rewards and the tiers (thresholds over a rolling 12 months, multipliers). */
export function SettingsForm({ settings }: { settings: Settings }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [values, setValues] = useState<Settings>({
    ...settings,
    tiers: settings.tiers.map(({ id, name, thresholdPoints, multiplierBps, perks }) => ({
      id,
      name,
      thresholdPoints,
      multiplierBps,
      perks,
    })),
  });
  const save = useMutation(
    trpc.loyaltyAdmin.saveSettings.mutationOptions({ onSuccess: () => router.refresh() }),
  );
  const setTier = (i: number, patch: Partial<Tier>) =>
    setValues((v) => ({ ...v, tiers: v.tiers.map((t, j) => (j === i ? { ...t, ...patch } : t)) }));
  return (
    <Card className="p-5">
      <form
        className="flex flex-col gap-4"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate(values);
        }}
      >
        <h2 className="text-lg font-semibold">Program</h2>
        <label className="flex min-h-11 items-center gap-3">
          <input
            type="checkbox"
            checked={values.enabled}
            onChange={(e) => setValues({ ...values, enabled: e.target.checked })}
          />
          Rewards program on (members earn and spend points)
        </label>
        <div className="grid gap-3 sm:grid-cols-2">
          {NUMBERS.map(([key, label]) => (
            <label key={key} className="flex flex-col gap-1 text-sm font-medium">
              {label}
              <input
                type="number"
                min={0}
                inputMode="numeric"
                className={inputClass}
                value={values[key]}
                onChange={(e) => setValues({ ...values, [key]: Number(e.target.value) })}
              />
            </label>
          ))}
        </div>
        <label className="flex flex-col gap-1 text-sm font-medium sm:max-w-sm">
          Points expire after (months; 0 = never)
          <input
            type="number"
            min={0}
            max={120}
            inputMode="numeric"
            aria-describedby="expiry-hint"
            className={inputClass}
            value={values.pointsExpireMonths ?? 0}
            onChange={(e) => setValues({ ...values, pointsExpireMonths: Number(e.target.value) })}
          />
          <span id="expiry-hint" className="text-xs font-normal text-stone-600">
            Unspent points expire that many months after they were earned, oldest first (checked daily).
          </span>
        </label>
        <fieldset className="flex flex-col gap-2">
          <legend className="font-semibold">Tiers (points earned on orders over the last 12 months)</legend>
          {values.tiers.map((tier, i) => (
            <div
              key={tier.id ?? `new-${i}`}
              className="grid gap-2 sm:grid-cols-[1fr_8rem_8rem_auto] sm:items-end"
            >
              <label className="flex flex-col gap-1 text-sm">
                Name
                <input
                  className={inputClass}
                  value={tier.name}
                  onChange={(e) => setTier(i, { name: e.target.value })}
                />
              </label>
              <label className="flex flex-col gap-1 text-sm">
                From (points)
                <input
                  type="number"
                  min={0}
                  className={inputClass}
                  value={tier.thresholdPoints}
                  onChange={(e) => setTier(i, { thresholdPoints: Number(e.target.value) })}
                />
              </label>
              <label className="flex flex-col gap-1 text-sm">
                Earn multiplier
                <input
                  type="number"
                  min={1}
                  max={5}
                  step={0.05}
                  className={inputClass}
                  value={tier.multiplierBps / 10000}
                  onChange={(e) => setTier(i, { multiplierBps: Math.round(Number(e.target.value) * 10000) })}
                />
              </label>
              <Button
                type="button"
                variant="ghost"
                onClick={() => setValues((v) => ({ ...v, tiers: v.tiers.filter((_, j) => j !== i) }))}
              >
                Remove
              </Button>
            </div>
          ))}
          <Button
            type="button"
            variant="secondary"
            className="self-start"
            onClick={() =>
              setValues((v) => ({
                ...v,
                tiers: [...v.tiers, { name: "", thresholdPoints: 0, multiplierBps: 10000 }],
              }))
            }
          >
            Add a tier
          </Button>
        </fieldset>
        <div className="flex items-center gap-3">
          <Button type="submit" disabled={save.isPending}>
            Save settings
          </Button>
          {save.isSuccess ? <span role="status">Saved.</span> : null}
        </div>
        {save.isError ? <Notice tone="error">{describeError(save.error).message}</Notice> : null}
      </form>
    </Card>
  );
}
