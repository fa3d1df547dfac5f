"use client";
import { useMutation } from "@tanstack/react-query";
import { Form, FormField, FormSubmit, useZodForm } from "@cannasaas/ui/form";
import { businessInfoSchema } from "@cannasaas/validators";
import { describeError } from "~/components/auth/errors";
import { useTRPC } from "~/lib/trpc/client";
import { useAfterSave } from "../use-step";
import { SelectField } from "./select-field";

const LICENSE_TYPES = [
  ["adult_use_retail", "Adult-use retail"],
  ["medical_retail", "Medical retail"],
  ["combined_retail", "Adult-use and medical retail"],
  ["microbusiness", "Microbusiness"],
  ["delivery", "Delivery only"],
] as const;

type LicenseType = (typeof LICENSE_TYPES)[number][0];

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
  const form = useZodForm(businessInfoSchema, {
    defaultValues: {
      name: initial.name,
      legalName: initial.legalName ?? "",
      licenseNumber: initial.licenseNumber ?? "",
      // "" until chosen; the schema refuses it with "Choose the license type."
      licenseType: (initial.licenseType ?? "") as LicenseType,
      state: initial.state,
      timeZone: initial.timeZone,
    },
  });
  return (
    <Form
      form={form}
      // A launched store keeps its state whatever the (disabled) select says.
      onSubmit={(values) => save.mutateAsync({ ...values, state: launched ? initial.state : values.state })}
      describeError={describeError}
    >
      <FormField label="Dispensary name (shown to shoppers)" name="name" required />
      <FormField label="Legal business name" name="legalName" required />
      <FormField label="License number" name="licenseNumber" required />
      <SelectField
        label="License type"
        name="licenseType"
        options={LICENSE_TYPES}
        placeholder="Choose the license type"
      />
      <SelectField
        label="State"
        name="state"
        options={states}
        disabled={launched}
        hint={
          launched
            ? "A launched store cannot move to another state."
            : "Purchase limits and taxes follow this state."
        }
      />
      <SelectField label="Time zone" name="timeZone" options={timeZones} />
      <FormSubmit pending="Saving…">Save and continue</FormSubmit>
    </Form>
  );
}
