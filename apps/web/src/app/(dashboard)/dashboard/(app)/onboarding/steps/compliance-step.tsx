"use client";
import { useMutation } from "@tanstack/react-query";
import { Form, FormCheckbox, FormField, FormSubmit, useZodForm } from "@cannasaas/ui/form";
import { complianceSchema, SHOPPER_RESERVATION_DEFAULTS } from "@cannasaas/validators";
import { describeError } from "~/components/auth/errors";
import { useTRPC } from "~/lib/trpc/client";
import { useAfterSave } from "../use-step";

type Settings = {
  idVerificationRequired: boolean;
  medicalEnabled: boolean;
  adultUseEnabled: boolean;
  idVerificationValidDays: number;
  openOrdersPerShopper?: number;
  reservedUnitsPerShopper?: number;
};

function Toggle({ name, label, hint }: { name: keyof Settings; label: string; hint: string }) {
  return (
    <FormCheckbox
      name={name}
      labelClassName="flex min-h-11 items-start gap-3 rounded-lg border border-stone-300 p-3"
      label={
        <>
          <span className="font-medium">{label}</span>
          <span className="block text-sm text-stone-600">{hint}</span>
        </>
      }
    />
  );
}

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
  const save = useMutation(trpc.onboarding.saveCompliance.mutationOptions({ onSuccess: done }));
  const form = useZodForm(complianceSchema, {
    defaultValues: { ...SHOPPER_RESERVATION_DEFAULTS, ...initial },
  });
  return (
    <Form form={form} onSubmit={(values) => save.mutateAsync(values)} describeError={describeError}>
      <Toggle
        name="adultUseEnabled"
        label="Adult-use sales (21+)"
        hint="Recreational shoppers 21 and older."
      />
      <Toggle
        name="medicalEnabled"
        label="Medical patients"
        hint="Registered patients with a valid card (18+ where the state allows)."
      />
      <Toggle
        name="idVerificationRequired"
        label="Require an approved ID before ordering"
        hint="Shoppers upload an ID; your staff approve it in ID review."
      />
      <FormField
        label="Days an approved ID stays valid"
        name="idVerificationValidDays"
        type="number"
        inputMode="numeric"
        min={1}
        max={365}
        rules={{ valueAsNumber: true }}
      />
      <fieldset className="grid gap-3 rounded-lg border border-stone-300 p-3 sm:grid-cols-2">
        <legend className="px-1 font-medium">Online orders per shopper</legend>
        <p className="text-sm text-stone-600 sm:col-span-2">
          Each open order holds its items for the shopper, so one person cannot tie up your stock of an item.
          Orders your own systems enter through the API are not held to these.
        </p>
        <FormField
          label="Open orders at once"
          name="openOrdersPerShopper"
          type="number"
          inputMode="numeric"
          min={1}
          max={50}
          rules={{ valueAsNumber: true }}
        />
        <FormField
          label="Items held across open orders"
          name="reservedUnitsPerShopper"
          type="number"
          inputMode="numeric"
          min={1}
          max={1000}
          rules={{ valueAsNumber: true }}
        />
      </fieldset>
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
      <FormSubmit pending="Saving…">Save and continue</FormSubmit>
    </Form>
  );
}
