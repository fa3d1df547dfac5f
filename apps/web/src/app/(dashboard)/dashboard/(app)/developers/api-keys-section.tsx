"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { API_SCOPE_LABELS, API_SCOPES } from "@cannasaas/core/api-keys/scopes";
import { Button } from "@cannasaas/ui/button";
import { Notice } from "@cannasaas/ui/card";
import { Modal } from "@cannasaas/ui/dialog";
import {
  Form,
  FormCheckboxGroup,
  FormField,
  FormItem,
  FormRootError,
  FormSubmit,
  useZodForm,
} from "@cannasaas/ui/form";
import { apiKeyFormSchema } from "@cannasaas/validators/forms";
import { describeError } from "~/components/auth/errors";
import { formatDateTime } from "~/lib/format";
import { useTRPC } from "~/lib/trpc/client";
import { SecretValue } from "./copy-button";

export type ApiKeyRow = {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  requestCount: number;
  createdAt: Date;
  createdByName: string | null;
};

const newKeySchema = apiKeyFormSchema(API_SCOPES);

const EXPIRY = [
  { value: "", label: "Never" },
  { value: "30", label: "In 30 days" },
  { value: "90", label: "In 90 days" },
  { value: "365", label: "In a year" },
];

function keyStatus(key: ApiKeyRow, now: Date) {
  if (key.revokedAt) return { label: "Revoked", tone: "bg-stone-200 text-stone-700" };
  if (key.expiresAt && key.expiresAt <= now) return { label: "Expired", tone: "bg-amber-100 text-amber-900" };
  return { label: "Active", tone: "bg-emerald-100 text-emerald-900" };
}

export function ApiKeysSection({ keys, timeZone }: { keys: ApiKeyRow[]; timeZone: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const form = useZodForm(newKeySchema, {
    defaultValues: { name: "", scopes: ["products:read"], expiresInDays: "" },
  });
  const [shown, setShown] = useState<{ key: string; name: string } | null>(null);
  const [revoking, setRevoking] = useState<ApiKeyRow | null>(null);
  const create = useMutation(
    trpc.integrations.createApiKey.mutationOptions({
      onSuccess: (created) => {
        setShown({ key: created.secret, name: created.created.name });
        form.resetField("name");
        router.refresh();
      },
    }),
  );
  const revoke = useMutation(
    trpc.integrations.revokeApiKey.mutationOptions({
      onSuccess: () => {
        setRevoking(null);
        router.refresh();
      },
    }),
  );
  const now = new Date();

  return (
    <section aria-labelledby="keys-heading" className="flex flex-col gap-4">
      <h2 id="keys-heading" className="text-xl font-semibold">
        API keys
      </h2>
      <Form
        form={form}
        onSubmit={({ name, scopes, expiresInDays }) =>
          create.mutateAsync({
            name,
            scopes,
            expiresAt: expiresInDays ? new Date(Date.now() + Number(expiresInDays) * 86_400_000) : null,
          })
        }
        describeError={describeError}
        showRootError={false}
        className="flex flex-col gap-4 rounded-xl border border-stone-200 bg-white p-4 shadow-sm"
      >
        <FormField
          label="Key name"
          name="name"
          hint="Name it after the system that uses it, e.g. “Front counter POS”."
          maxLength={80}
          required
        />
        <FormCheckboxGroup
          name="scopes"
          legend="Permissions"
          listClassName="grid gap-2 sm:grid-cols-2"
          options={API_SCOPES.map((scope) => ({
            value: scope,
            label: (
              <>
                <code className="text-xs font-semibold">{scope}</code>
                <span className="block text-stone-600">{API_SCOPE_LABELS[scope]}</span>
              </>
            ),
          }))}
        />
        <FormItem name="expiresInDays" label="Expires">
          {(control) => (
            <select
              {...control}
              className="min-h-11 max-w-xs rounded-lg border border-stone-300 bg-white px-3"
            >
              {EXPIRY.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          )}
        </FormItem>
        <FormRootError />
        <div>
          <FormSubmit pending="Creating…">Create API key</FormSubmit>
        </div>
      </Form>

      {keys.length === 0 ? (
        <p className="text-sm text-stone-600">No API keys yet.</p>
      ) : (
        <ul className="flex flex-col gap-3" aria-label="API keys">
          {keys.map((key) => {
            const status = keyStatus(key, now);
            return (
              <li
                key={key.id}
                data-testid="api-key-row"
                className="flex flex-col gap-2 rounded-xl border border-stone-200 bg-white p-4 shadow-sm"
              >
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <p className="font-semibold">
                    {key.name} <code className="ml-1 text-xs text-stone-600">{key.prefix}…</code>
                  </p>
                  <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${status.tone}`}>
                    {status.label}
                  </span>
                </div>
                <p className="text-sm text-stone-700">{key.scopes.join(", ")}</p>
                <dl className="grid gap-x-4 gap-y-1 text-sm text-stone-600 sm:grid-cols-4">
                  <div>
                    <dt className="inline">Created </dt>
                    <dd className="inline">{formatDateTime(key.createdAt, timeZone)}</dd>
                  </div>
                  <div>
                    <dt className="inline">Last used </dt>
                    <dd className="inline">
                      {key.lastUsedAt ? formatDateTime(key.lastUsedAt, timeZone) : "never"}
                    </dd>
                  </div>
                  <div>
                    <dt className="inline">Requests </dt>
                    <dd className="inline" data-testid="api-key-count">
                      {key.requestCount}
                    </dd>
                  </div>
                  <div>
                    <dt className="inline">Expires </dt>
                    <dd className="inline">
                      {key.expiresAt ? formatDateTime(key.expiresAt, timeZone) : "never"}
                    </dd>
                  </div>
                </dl>
                {status.label === "Active" ? (
                  <div>
                    <Button variant="secondary" onClick={() => setRevoking(key)}>
                      Revoke<span className="sr-only"> {key.name}</span>
                    </Button>
                  </div>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}

      <Modal
        open={shown !== null}
        onOpenChange={(open) => !open && setShown(null)}
        title="Copy your API key now"
        description="This is the only time it is shown. Store it in your integration's secret settings."
      >
        {shown ? (
          <div className="flex flex-col gap-4">
            <SecretValue value={shown.key} label="Copy key" testId="new-api-key" />
            <div className="flex justify-end">
              <Button onClick={() => setShown(null)}>I have copied it</Button>
            </div>
          </div>
        ) : null}
      </Modal>

      <Modal
        open={revoking !== null}
        onOpenChange={(open) => !open && setRevoking(null)}
        title={`Revoke ${revoking?.name ?? "key"}?`}
        description="Requests with this key are refused at once. This cannot be undone."
      >
        <div className="flex flex-col gap-3">
          {revoke.error ? <Notice tone="error">{describeError(revoke.error).message}</Notice> : null}
          <div className="flex flex-wrap justify-end gap-2">
            <Button variant="ghost" onClick={() => setRevoking(null)}>
              Keep key
            </Button>
            <Button
              variant="danger"
              disabled={revoke.isPending}
              onClick={() => revoking && revoke.mutate({ keyId: revoking.id })}
            >
              {revoke.isPending ? "Revoking…" : "Revoke key"}
            </Button>
          </div>
        </div>
      </Modal>
    </section>
  );
}
