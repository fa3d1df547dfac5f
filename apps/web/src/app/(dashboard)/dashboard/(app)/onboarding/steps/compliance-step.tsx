"use client";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@cannasaas/ui/button";
import { Notice } from "@cannasaas/ui/card";
import { Field } from "@cannasaas/ui/field";
import { useTRPC } from "~/lib/trpc/client";
import { errorOf, useAfterSave } from "../use-step";

type Settings = {
  idVerificationRequired: boolean;
  medicalEnabled: boolean;
  adultUseEnabled: boolean;
  idVerificationValidDays: number;
};

export function ComplianceStep({
  initial,
  limits,
  state,
}: {
  initial: Settings;
  limits: { stateName: string; adultUse: string[]; medical: string[] } | null;
  state: string;
}) {
  const trpc = useTRPC();
  const done = useAfterSave();
  const [s, setS] = useState(initial);
  const [days, setDays] = useState(String(initial.idVerificationValidDays));
  const save = useMutation(trpc.onboarding.saveCompliance.mutationOptions({ onSuccess: done }));
  const failure = errorOf(save.error);
  const toggle = (key: keyof Omit<Settings, "idVerificationValidDays">, label: string, hint: string) => (
    <label className="flex min-h-11 items-start gap-3 rounded-lg border border-stone-300 p-3">
      <input
        type="checkbox"
        className="mt-1 size-4"
        checked={s[key]}
        onChange={(e) => setS({ ...s, [key]: e.target.checked })}
      />
      <span>
        <span className="font-medium">{label}</span>
        <span className="block text-sm text-stone-600">{hint}</span>
      </span>
    </label>
  );
  return (
    <form
      className="flex flex-col gap-4"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ ...s, idVerificationValidDays: Number(days) });
      }}
    >
      {failure ? <Notice tone="error">{failure.message}</Notice> : null}
      {toggle("adultUseEnabled", "Adult-use sales (21+)", "Recreational shoppers 21 and older.")}
      {toggle(
        "medicalEnabled",
        "Medical patients",
        "Registered patients with a valid card (18+ where the state allows).",
      )}
      {toggle(
        "idVerificationRequired",
        "Require an approved ID before ordering",
        "Shoppers upload an ID; your staff approve it in ID review.",
      )}
      <Field
        label="Days an approved ID stays valid"
        name="days"
        type="number"
        inputMode="numeric"
        min={1}
        max={365}
        value={days}
        onChange={(e) => setDays(e.target.value)}
        error={failure?.fields.idVerificationValidDays}
      />
      <section aria-labelledby="limits-heading" className="rounded-lg bg-stone-50 p-4">
        <h3 id="limits-heading" className="font-semibold">
          Purchase limits ({limits?.stateName ?? state})
        </h3>
        {limits ? (
          <>
            <p className="text-sm text-stone-600">Set by state law; checkout enforces them on every order.</p>
            <h4 className="mt-2 text-sm font-medium">Adult-use</h4>
            <ul className="list-disc pl-5 text-sm">
              {limits.adultUse.map((l) => (
                <li key={l}>{l}</li>
              ))}
            </ul>
            <h4 className="mt-2 text-sm font-medium">Medical</h4>
            <ul className="list-disc pl-5 text-sm">
              {limits.medical.map((l) => (
                <li key={l}>{l}</li>
              ))}
            </ul>
          </>
        ) : (
          <p className="text-sm text-stone-600">
            We do not have a purchase-limit table for {state} yet, so no per-day limit is applied. Check your
            state&apos;s rules.
          </p>
        )}
      </section>
      <Button type="submit" disabled={save.isPending}>
        {save.isPending ? "Saving…" : "Save and continue"}
      </Button>
    </form>
  );
}
