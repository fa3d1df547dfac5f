"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useFieldArray } from "react-hook-form";
import { Button } from "@cannasaas/ui/button";
import { Card } from "@cannasaas/ui/card";
import {
  FieldError,
  Form,
  FormCheckbox,
  FormField,
  FormRootError,
  FormSubmit,
  useFieldError,
  useZodForm,
} from "@cannasaas/ui/form";
import { describeFormError } from "~/lib/form-errors";
import { useTRPC } from "~/lib/trpc/client";
import {
  NUMBERS,
  settingsFieldOf,
  settingsFormDefaults,
  settingsFormSchema,
  settingsPayload,
  type Settings,
} from "./settings-form-values";

/** The earn rate, bonuses, referral rewards and the tiers (thresholds over a rolling 12 months, multipliers). */
export function SettingsForm({ settings }: { settings: Settings }) {
  const trpc = useTRPC();
  const router = useRouter();
  const form = useZodForm(settingsFormSchema, { defaultValues: settingsFormDefaults(settings) });
  const tiers = useFieldArray({ control: form.control, name: "tiers" });
  const [saved, setSaved] = useState(false);
  const save = useMutation(trpc.loyaltyAdmin.saveSettings.mutationOptions());
  return (
    <Card className="p-5">
      <Form
        form={form}
        showRootError={false}
        describeError={(error) => describeFormError(error, settingsFieldOf)}
        onSubmit={async (values) => {
          setSaved(false);
          await save.mutateAsync(settingsPayload(values));
          setSaved(true);
          router.refresh();
        }}
      >
        <h2 className="text-lg font-semibold">Program</h2>
        <FormCheckbox
          name="enabled"
          label="Rewards program on (members earn and spend points)"
          labelClassName="flex min-h-11 items-center gap-3"
        />
        <div className="grid gap-3 sm:grid-cols-2">
          {NUMBERS.map(([name, label]) => (
            <FormField key={name} name={name} label={label} type="number" min={0} inputMode="numeric" />
          ))}
        </div>
        <FormField
          name="pointsExpireMonths"
          label="Points expire after (months; 0 = never)"
          hint="Unspent points expire that many months after they were earned, oldest first (checked daily)."
          type="number"
          min={0}
          max={120}
          inputMode="numeric"
          className="sm:max-w-sm"
        />
        <fieldset className="flex flex-col gap-2">
          <legend className="font-semibold">Tiers (points earned on orders over the last 12 months)</legend>
          {tiers.fields.map((tier, i) => (
            <div key={tier.id} className="grid gap-2 sm:grid-cols-[1fr_8rem_8rem_auto] sm:items-end">
              <FormField name={`tiers.${i}.name`} label="Name" />
              <FormField name={`tiers.${i}.threshold`} label="From (points)" type="number" min={0} />
              <FormField
                name={`tiers.${i}.multiplier`}
                label="Earn multiplier"
                type="number"
                min={1}
                max={5}
                step={0.05}
              />
              <Button type="button" variant="ghost" onClick={() => tiers.remove(i)}>
                Remove
              </Button>
            </div>
          ))}
          <TiersError />
          <Button
            type="button"
            variant="secondary"
            className="self-start"
            onClick={() => tiers.append({ name: "", threshold: "0", multiplier: "1" })}
          >
            Add a tier
          </Button>
        </fieldset>
        <div className="flex items-center gap-3">
          <FormSubmit>Save settings</FormSubmit>
          {saved ? <span role="status">Saved.</span> : null}
        </div>
        <FormRootError />
      </Form>
    </Card>
  );
}

/** A problem with the list itself ("Keep at least one tier."), from the schema or the server. */
function TiersError() {
  const listError = useFieldError("tiers.root");
  const serverError = useFieldError("tiers");
  return <FieldError id="loyalty-tiers-error" message={listError ?? serverError} />;
}
