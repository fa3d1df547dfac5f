"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@cannasaas/ui/button";
import { Field } from "@cannasaas/ui/field";
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
};

/**
 * The location's METRC user key. The stored key is never shown: only when it was set and its last four
 * characters. Saving replaces it; the field is cleared as soon as the server has it.
 */
export function CredentialsForm({ locationId, locationName, licenseNumber, credentials, canManage }: Props) {
  const trpc = useTRPC();
  const router = useRouter();
  const [userKey, setUserKey] = useState("");
  const [license, setLicense] = useState(licenseNumber ?? "");
  const [sandbox, setSandbox] = useState(credentials?.sandbox ?? false);
  const [message, setMessage] = useState<string | null>(null);
  const save = useMutation(
    trpc.metrc.setCredentials.mutationOptions({
      onSuccess: (saved) => {
        setUserKey("");
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
  const error = save.error ? describeError(save.error) : null;
  const verifyError = verify.error ? describeError(verify.error).message : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    verify.reset();
    save.mutate({ locationId, userKey, licenseNumber: license || undefined, sandbox });
  };

  const status = credentials ? (
    <p className="text-sm text-stone-700">
      User key set on {formatWhen(credentials.setAt)}, ends with …{credentials.userKeyLastFour}
      {credentials.sandbox ? " (sandbox)" : ""}. Last accepted by METRC:{" "}
      {formatWhen(credentials.lastVerifiedAt)}.
    </p>
  ) : (
    <p className="text-sm text-amber-800">
      No METRC user key yet: sales here wait in the queue until one is set.
    </p>
  );

  if (!canManage) return status;
  return (
    <form
      onSubmit={submit}
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
        <Field
          label="Facility license number"
          value={license}
          onChange={(e) => setLicense(e.target.value)}
          autoComplete="off"
          required
          error={error?.fields.licenseNumber}
        />
        <Field
          label={credentials ? "New user key" : "User key"}
          type="password"
          value={userKey}
          onChange={(e) => setUserKey(e.target.value)}
          autoComplete="new-password"
          required
          hint="From METRC: User profile → API keys. Stored encrypted; never shown again."
          error={error?.fields.userKey}
        />
      </div>
      <label className="flex min-h-11 items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={sandbox}
          onChange={(e) => setSandbox(e.target.checked)}
          className="size-4"
        />
        Use METRC&apos;s sandbox for this location (testing only)
      </label>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={save.isPending || userKey.trim().length === 0}>
          {save.isPending ? "Saving…" : "Save credentials"}
        </Button>
        {credentials ? (
          <Button
            variant="secondary"
            disabled={verify.isPending}
            onClick={() => {
              setMessage(null);
              save.reset();
              verify.mutate({ locationId });
            }}
          >
            {verify.isPending ? "Checking…" : "Test connection"}
          </Button>
        ) : null}
      </div>
      {error && Object.keys(error.fields).length === 0 ? (
        <p role="alert" className="text-sm text-red-700">
          {error.message}
        </p>
      ) : null}
      {verifyError ? (
        <p role="alert" className="text-sm text-red-700">
          {verifyError}
        </p>
      ) : null}
      <p aria-live="polite" className="text-sm text-emerald-800">
        {message}
      </p>
    </form>
  );
}
