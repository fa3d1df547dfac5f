"use client";
import { useMutation } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { Button } from "@cannasaas/ui/button";
import { Notice } from "@cannasaas/ui/card";
import { Field } from "@cannasaas/ui/field";
import { formText } from "~/lib/form";
import { useTRPC } from "~/lib/trpc/client";
import { errorOf, useAfterSave } from "../use-step";
import { SelectField } from "./select-field";

const LICENSE_TYPES = [
  ["adult_use_retail", "Adult-use retail"],
  ["medical_retail", "Medical retail"],
  ["combined_retail", "Adult-use and medical retail"],
  ["microbusiness", "Microbusiness"],
  ["delivery", "Delivery only"],
] as const;

export function BusinessStep({
  initial,
  states,
  timeZones,
  launched,
}: {
  initial: {
    name: string;
    legalName: string | null;
    licenseNumber: string | null;
    licenseType: string | null;
    state: string;
    timeZone: string;
  };
  states: [string, string][];
  timeZones: [string, string][];
  launched: boolean;
}) {
  const trpc = useTRPC();
  const done = useAfterSave();
  const save = useMutation(trpc.onboarding.saveBusiness.mutationOptions({ onSuccess: done }));
  const failure = errorOf(save.error);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    save.mutate({
      name: formText(form, "name"),
      legalName: formText(form, "legalName"),
      licenseNumber: formText(form, "licenseNumber"),
      licenseType: formText(form, "licenseType") as (typeof LICENSE_TYPES)[number][0],
      state: formText(form, "state"),
      timeZone: formText(form, "timeZone"),
    });
  };
  return (
    <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
      {failure ? <Notice tone="error">{failure.message}</Notice> : null}
      <Field
        label="Dispensary name (shown to shoppers)"
        name="name"
        defaultValue={initial.name}
        required
        error={failure?.fields.name}
      />
      <Field
        label="Legal business name"
        name="legalName"
        defaultValue={initial.legalName ?? ""}
        required
        error={failure?.fields.legalName}
      />
      <Field
        label="License number"
        name="licenseNumber"
        defaultValue={initial.licenseNumber ?? ""}
        required
        error={failure?.fields.licenseNumber}
      />
      <SelectField
        label="License type"
        name="licenseType"
        defaultValue={initial.licenseType ?? ""}
        options={LICENSE_TYPES.map(([v, l]) => [v, l])}
        placeholder="Choose the license type"
        error={failure?.fields.licenseType}
      />
      <SelectField
        label="State"
        name="state"
        defaultValue={initial.state}
        options={states}
        disabled={launched}
        hint={
          launched
            ? "A launched store cannot move to another state."
            : "Purchase limits and taxes follow this state."
        }
        error={failure?.fields.state}
      />
      {launched ? <input type="hidden" name="state" value={initial.state} /> : null}
      <SelectField
        label="Time zone"
        name="timeZone"
        defaultValue={initial.timeZone}
        options={timeZones}
        error={failure?.fields.timeZone}
      />
      <Button type="submit" disabled={save.isPending}>
        {save.isPending ? "Saving…" : "Save and continue"}
      </Button>
    </form>
  );
}
