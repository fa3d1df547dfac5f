"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useWatch } from "react-hook-form";
import type { z } from "zod";
import { Button } from "@cannasaas/ui/button";
import { Form, FormCheckbox, FormField, FormRootError, FormSubmit, useZodForm } from "@cannasaas/ui/form";
import { metrcCredentialsFormSchema } from "@cannasaas/validators/forms";
import { describeError } from "~/components/auth/errors";
import { useTRPC } from "~/lib/trpc/client";
import { formatWhen } from "./format";

type Props = {
  locationId: string;
  locationName: string;
  licenseNumber: string | null;
  credentials: {
    userKeyLastFour: string;
    setAt: Date | string;
    sandbox: boolean;
    lastVerifiedAt: Date | string | null;
    lastAuthError: string | null;
  } | null;
  canManage: boolean;
  /** The organization's clock for the times shown. */
  timeZone: string;
};

/**
 * The location's METRC user key. The stored key is never shown: only when it was set and its last four
 * characters. Saving replaces it; the field is cleared as soon as the server has it.
 */
export function CredentialsForm({
  locationId,
  locationName,
  licenseNumber,
  credentials,
  canManage,
  timeZone,
}: Props) {
  const trpc = useTRPC();
  const router = useRouter();
  const [message, setMessage] = useState<string | null>(null);
  const form = useZodForm(metrcCredentialsFormSchema, {
    defaultValues: {
      userKey: "",
      licenseNumber: licenseNumber ?? "",
      sandbox: credentials?.sandbox ?? false,
    },
  });
  const userKey = useWatch({ control: form.control, name: "userKey" });
  const save = useMutation(
    trpc.metrc.setCredentials.mutationOptions({
      onSuccess: (saved) => {
        form.resetField("userKey");
        setMessage(`Saved. The key ending in …${saved.userKeyLastFour} is stored encrypted.`);
        router.refresh();
      },
    }),
  );
  const verify = useMutation(
    trpc.metrc.verifyCredentials.mutationOptions({
      onSuccess: (result) => {
        setMessage(`METRC accepted the key for license ${result.licenseNumber}.`);
        router.refresh();
      },
    }),
  );
  const verifyError = verify.error ? describeError(verify.error).message : null;

  const submit = async (values: z.input<typeof metrcCredentialsFormSchema>) => {
    setMessage(null);
    verify.reset();
    await save.mutateAsync({ locationId, ...values, licenseNumber: values.licenseNumber || undefined });
  };

  const status = credentials ? (
    <p className="text-sm text-stone-700">
      User key set on {formatWhen(credentials.setAt, timeZone)}, ends with …{credentials.userKeyLastFour}
      {credentials.sandbox ? " (sandbox)" : ""}. Last accepted by METRC:{" "}
      {formatWhen(credentials.lastVerifiedAt, timeZone)}.
    </p>
  ) : (
    <p className="text-sm text-amber-800">
      No METRC user key yet: sales here wait in the queue until one is set.
    </p>
  );

  if (!canManage) return status;
  return (
    <Form
      form={form}
      onSubmit={submit}
      // A refusal about a field shows under it; any other refusal below the buttons.
      describeError={(error) => {
        const failure = describeError(error);
        return Object.keys(failure.fields).length ? { ...failure, message: "" } : failure;
      }}
      showRootError={false}
      className="flex flex-col gap-3"
      aria-label={`METRC credentials for ${locationName}`}
    >
      {status}
      {credentials?.lastAuthError ? (
        <p role="alert" className="text-sm text-red-700">
          {credentials.lastAuthError}
        </p>
      ) : null}
      <div className="grid gap-3 sm:grid-cols-2">
        <FormField label="Facility license number" name="licenseNumber" autoComplete="off" required />
        <FormField
          label={credentials ? "New user key" : "User key"}
          name="userKey"
          type="password"
          autoComplete="new-password"
          required
          hint="From METRC: User profile → API keys. Stored encrypted; never shown again."
        />
      </div>
      <FormCheckbox
        name="sandbox"
        label="Use METRC's sandbox for this location (testing only)"
        labelClassName="flex min-h-11 items-center gap-2 text-sm"
      />
      <div className="flex flex-wrap gap-2">
        <FormSubmit pending="Saving…" disabled={userKey.trim().length === 0}>
          Save credentials
        </FormSubmit>
        {credentials ? (
          <Button
            variant="secondary"
            disabled={verify.isPending}
            onClick={() => {
              setMessage(null);
              form.clearErrors();
              verify.mutate({ locationId });
            }}
          >
            {verify.isPending ? "Checking…" : "Test connection"}
          </Button>
        ) : null}
      </div>
      <FormRootError />
      {verifyError ? (
        <p role="alert" className="text-sm text-red-700">
          {verifyError}
        </p>
      ) : null}
      <p aria-live="polite" className="text-sm text-emerald-800">
        {message}
      </p>
    </Form>
  );
}
