"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@cannasaas/ui/button";
import { Notice } from "@cannasaas/ui/card";
import { Modal } from "@cannasaas/ui/dialog";
import {
  Form,
  FormCheckboxGroup,
  FormField,
  FormRootError,
  FormSubmit,
  useZodForm,
} from "@cannasaas/ui/form";
import { webhookEndpointFormSchema } from "@cannasaas/validators/forms";
import { describeError } from "~/components/auth/errors";
import { useTRPC } from "~/lib/trpc/client";
import { SecretValue } from "./copy-button";

export type EndpointRow = {
  id: string;
  url: string;
  description: string | null;
  events: string[];
  enabled: boolean;
};

type EventType =
  "order.created" | "order.status_changed" | "inventory.low_stock" | "product.updated" | "promotion.redeemed";

const EVENT_LABELS: Record<EventType, string> = {
  "order.created": "A new order is placed",
  "order.status_changed": "An order changes status",
  "inventory.low_stock": "Stock falls to its low-stock threshold",
  "product.updated": "A product or its prices change",
  "promotion.redeemed": "An order uses a promotion or coupon",
};
const EVENTS = Object.keys(EVENT_LABELS) as EventType[];
const newEndpointSchema = webhookEndpointFormSchema(EVENTS as [EventType, ...EventType[]]);

export function WebhooksSection({ endpoints }: { endpoints: EndpointRow[] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const form = useZodForm(newEndpointSchema, {
    defaultValues: { url: "", description: "", events: ["order.created"] },
  });
  const [secret, setSecret] = useState<{ title: string; value: string } | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const done = (message: string) => {
    setAnnouncement(message);
    router.refresh();
  };
  const create = useMutation(
    trpc.integrations.createWebhookEndpoint.mutationOptions({
      onSuccess: (created) => {
        setSecret({ title: "Copy your signing secret", value: created.secret });
        form.resetField("url");
        form.resetField("description");
        done("Endpoint added.");
      },
    }),
  );
  const update = useMutation(
    trpc.integrations.updateWebhookEndpoint.mutationOptions({
      onSuccess: (e) => done(e.enabled ? "Endpoint enabled." : "Endpoint disabled."),
    }),
  );
  const reveal = useMutation(
    trpc.integrations.revealWebhookSecret.mutationOptions({
      onSuccess: (r) => setSecret({ title: "Signing secret", value: r.secret }),
    }),
  );
  const test = useMutation(
    trpc.integrations.sendTestWebhook.mutationOptions({
      onSuccess: (d) =>
        done(
          d.status === "succeeded"
            ? `Test event delivered (HTTP ${d.lastResponseCode}).`
            : `Test event failed: ${d.lastError ?? "no response"}. It will be retried.`,
        ),
    }),
  );
  const deliverNow = useMutation(
    trpc.integrations.deliverPendingWebhooks.mutationOptions({
      onSuccess: (r) =>
        done(`Sent ${r.succeeded} event${r.succeeded === 1 ? "" : "s"}; ${r.failed + r.dead} failed.`),
    }),
  );
  const actionError = [update, reveal, test, deliverNow].find((m) => m.error)?.error;

  return (
    <section aria-labelledby="hooks-heading" className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="hooks-heading" className="text-xl font-semibold">
          Webhook endpoints
        </h2>
        <Button variant="secondary" disabled={deliverNow.isPending} onClick={() => deliverNow.mutate()}>
          {deliverNow.isPending ? "Sending…" : "Deliver pending events now"}
        </Button>
      </div>
      <Form
        form={form}
        onSubmit={({ url, events, description }) =>
          create.mutateAsync({ url, events, description: description || null })
        }
        describeError={describeError}
        showRootError={false}
        className="flex flex-col gap-4 rounded-xl border border-stone-200 bg-white p-4 shadow-sm"
      >
        <FormField
          label="Endpoint URL"
          name="url"
          type="url"
          inputMode="url"
          placeholder="https://example.com/cannasaas/webhooks"
          hint="Must be https. We POST signed JSON to it."
          required
        />
        <FormField label="Description (optional)" name="description" maxLength={200} />
        <FormCheckboxGroup
          name="events"
          legend="Events"
          listClassName="grid gap-2 sm:grid-cols-2"
          options={EVENTS.map((type) => ({
            value: type,
            label: (
              <>
                <code className="text-xs font-semibold">{type}</code>
                <span className="block text-stone-600">{EVENT_LABELS[type]}</span>
              </>
            ),
          }))}
        />
        <FormRootError />
        <div>
          <FormSubmit pending="Adding…">Add endpoint</FormSubmit>
        </div>
      </Form>

      {actionError ? <Notice tone="error">{describeError(actionError).message}</Notice> : null}
      <p aria-live="polite" className="text-sm text-stone-700">
        {announcement}
      </p>

      {endpoints.length === 0 ? (
        <p className="text-sm text-stone-600">No webhook endpoints yet.</p>
      ) : (
        <ul className="flex flex-col gap-3" aria-label="Webhook endpoints">
          {endpoints.map((e) => (
            <li
              key={e.id}
              className="flex flex-col gap-2 rounded-xl border border-stone-200 bg-white p-4 shadow-sm"
            >
              <div className="flex flex-wrap items-center justify-between gap-2">
                <p className="break-all font-mono text-sm font-semibold">{e.url}</p>
                <span
                  className={`rounded-full px-2 py-0.5 text-xs font-medium ${e.enabled ? "bg-emerald-100 text-emerald-900" : "bg-stone-200 text-stone-700"}`}
                >
                  {e.enabled ? "Enabled" : "Disabled"}
                </span>
              </div>
              {e.description ? <p className="text-sm text-stone-700">{e.description}</p> : null}
              <p className="text-sm text-stone-600">{e.events.join(", ")}</p>
              <div className="flex flex-wrap gap-2">
                <Button
                  variant="secondary"
                  disabled={test.isPending || !e.enabled}
                  onClick={() => test.mutate({ endpointId: e.id })}
                >
                  Send test event
                </Button>
                <Button
                  variant="secondary"
                  disabled={reveal.isPending}
                  onClick={() => reveal.mutate({ endpointId: e.id })}
                >
                  Reveal secret
                </Button>
                <Button
                  variant="ghost"
                  disabled={update.isPending}
                  onClick={() => update.mutate({ endpointId: e.id, enabled: !e.enabled })}
                >
                  {e.enabled ? "Disable" : "Enable"}
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}

      <Modal
        open={secret !== null}
        onOpenChange={(open) => !open && setSecret(null)}
        title={secret?.title ?? ""}
        description="Verify the X-CannaSaaS-Signature header with it (see the API reference). Keep it private."
      >
        {secret ? (
          <div className="flex flex-col gap-4">
            <SecretValue value={secret.value} label="Copy secret" testId="webhook-secret" />
            <div className="flex justify-end">
              <Button onClick={() => setSecret(null)}>Done</Button>
            </div>
          </div>
        ) : null}
      </Modal>
    </section>
  );
}
