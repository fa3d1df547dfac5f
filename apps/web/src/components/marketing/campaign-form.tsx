"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { useFormContext } from "react-hook-form";
import { Button } from "@cannasaas/ui/button";
import { Notice } from "@cannasaas/ui/card";
import {
  Form,
  FormCheckbox,
  FormField,
  FormItem,
  FormRootError,
  FormSubmit,
  useZodForm,
} from "@cannasaas/ui/form";
import { Select } from "@cannasaas/ui/select";
import { describeError } from "~/components/auth/errors";
import { useTRPC } from "~/lib/trpc/client";
import { describeFormError } from "~/lib/form-errors";
import {
  AB_METRIC_OPTIONS,
  campaignFieldOf,
  campaignFormDefaults,
  campaignFormSchema,
  campaignPayload,
  type CampaignFieldValues,
} from "./campaign-form-values";
import { MessageFields } from "./message-fields";

/**
 * Writes a campaign: the channel (email, text message or web push), audience, subject and body with merge fields, an
 * optional coupon and the daily send window. Preview shows the email and the content warnings; a test goes
 * to the signed-in person only. A text shows its length and parts as it is typed; a web push shows the
 * notification (title, text, store name) and its character counts. An optional A/B test adds
 * variant B (another subject or message), the share of the segment it is tested on and the winning metric;
 * preview then shows both.
 */
export function CampaignForm({
  segments,
  mergeFields,
  coupons,
  timeZone,
  storeName,
}: {
  segments: { id: string; name: string }[];
  mergeFields: Record<string, string>;
  coupons: string[];
  timeZone: string;
  storeName: string;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const form = useZodForm(campaignFormSchema, {
    defaultValues: campaignFormDefaults(segments[0]?.id ?? ""),
  });
  const [previewing, setPreviewing] = useState(false);
  const [channel, subject, body, couponCode, abEnabled, variantSubject, variantBody] = form.watch([
    "channel",
    "subject",
    "body",
    "couponCode",
    "abEnabled",
    "variantSubject",
    "variantBody",
  ]);
  const sms = channel === "sms";
  const push = channel === "push";
  const content = { subject, body, couponCode: couponCode || null };
  const contentB = { subject: variantSubject, body: variantBody, couponCode: couponCode || null };
  const preview = useQuery({
    ...trpc.marketing.preview.queryOptions(content),
    enabled: previewing,
    retry: false,
  });
  const previewB = useQuery({
    ...trpc.marketing.preview.queryOptions(contentB),
    enabled: previewing && abEnabled,
    retry: false,
  });
  const test = useMutation(trpc.marketing.testSend.mutationOptions());
  const save = useMutation(trpc.marketing.saveCampaign.mutationOptions());
  // A test goes out only with a subject and message the server would accept; problems show under them.
  const sendTest = async () => {
    if (await form.trigger(["subject", "body", "couponCode"])) test.mutate(content);
  };

  return (
    <Form
      form={form}
      className="grid gap-4 lg:grid-cols-2"
      showRootError={false}
      describeError={(error) => describeFormError(error, campaignFieldOf)}
      onChange={() => setPreviewing(false)}
      onSubmit={async (values) => {
        const campaign = await save.mutateAsync(campaignPayload(values));
        router.push(`/dashboard/marketing/campaigns/${campaign.id}`);
      }}
    >
      <div className="flex flex-col gap-4">
        <ChannelChoice />
        {sms ? (
          <p className="text-sm text-stone-700">
            Texts go only to shoppers who agreed to marketing texts and saved a mobile number, never before
            08:00 or after 21:00 on their clock (those wait until 08:00).
          </p>
        ) : push ? (
          <p className="text-sm text-stone-700">
            Web pushes go only to shoppers who turned on &ldquo;Deals and news&rdquo; in a browser subscribed
            to notifications, never before 08:00 or after 21:00 on their clock (those wait until 08:00). A tap
            opens the storefront; taps and the orders after them are counted.
          </p>
        ) : null}
        <FormField label="Campaign name (only staff see it)" name="name" required />
        <FormItem name="segmentId" label="Send to segment">
          {(control) => (
            <Select {...control} invalid={Boolean(control["aria-invalid"])}>
              {segments.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </Select>
          )}
        </FormItem>
        <MessageFields channel={channel} variant="A" storeName={storeName} couponCode={couponCode} />
        <p className="text-sm text-stone-700">
          Merge fields:{" "}
          {Object.entries(mergeFields).map(([name, what]) => (
            <span key={name} className="mr-2 inline-block">
              <code className="rounded bg-stone-100 px-1">{`{{${name}}}`}</code> {what.toLowerCase()}
            </span>
          ))}
        </p>
        <FormItem name="couponCode" label="Coupon code (optional)">
          {(control) => (
            <Select {...control} invalid={Boolean(control["aria-invalid"])}>
              <option value="">No coupon</option>
              {coupons.map((c) => (
                <option key={c}>{c}</option>
              ))}
            </Select>
          )}
        </FormItem>
        <div className="flex flex-wrap gap-4">
          <FormField label={`Send from (${timeZone})`} type="time" name="windowStart" />
          <FormField label="Until" type="time" name="windowEnd" />
        </div>
        {push ? null : (
          <AbTestFields sms={sms} enabled={abEnabled} storeName={storeName} couponCode={couponCode} />
        )}
        <FormRootError />
        <div className="flex flex-wrap gap-2">
          {sms || push ? null : (
            <>
              <Button type="button" variant="secondary" onClick={() => setPreviewing(true)}>
                Preview
              </Button>
              <Button
                type="button"
                variant="secondary"
                disabled={test.isPending}
                onClick={() => void sendTest()}
              >
                {test.isPending ? "Sending…" : "Send me a test"}
              </Button>
            </>
          )}
          <FormSubmit pending="Saving…" disabled={!segments.length}>
            Save draft
          </FormSubmit>
        </div>
        <div role="status" aria-live="polite">
          {test.data ? <Notice tone="success">Test sent to {test.data.sentTo}.</Notice> : null}
          {test.error ? <Notice tone="error">{describeError(test.error).message}</Notice> : null}
        </div>
      </div>
      <section aria-label="Preview" className="flex flex-col gap-2">
        {push ? null : !previewing ? (
          <p className="text-sm text-stone-700">
            Preview shows the email as you would get it, with any content warnings.
          </p>
        ) : preview.isLoading ? (
          <p role="status">Rendering…</p>
        ) : preview.error ? (
          <Notice tone="error">{describeError(preview.error).message}</Notice>
        ) : preview.data ? (
          <EmailPreview label={abEnabled ? "Variant A" : null} data={preview.data} />
        ) : null}
        {previewing && abEnabled && !push ? (
          previewB.isLoading ? (
            <p role="status">Rendering variant B…</p>
          ) : previewB.error ? (
            <Notice tone="error">Variant B: {describeError(previewB.error).message}</Notice>
          ) : previewB.data ? (
            <EmailPreview label="Variant B" data={previewB.data} />
          ) : null
        ) : null}
      </section>
    </Form>
  );
}

/** Email, text message or web push, as radio buttons registered with the form. */
function ChannelChoice() {
  const { register, getValues } = useFormContext<CampaignFieldValues>();
  const [initial] = useState(() => getValues("channel"));
  return (
    <fieldset className="flex flex-wrap gap-4 text-sm">
      <legend className="mb-1 font-medium text-stone-800">Channel</legend>
      {(
        [
          ["email", "Email"],
          ["sms", "Text message (SMS)"],
          ["push", "Web push"],
        ] as const
      ).map(([value, text]) => (
        <label key={value} className="flex items-center gap-2">
          <input type="radio" value={value} defaultChecked={value === initial} {...register("channel")} />
          {text}
        </label>
      ))}
    </fieldset>
  );
}

type PreviewData = {
  email: { subject: string; html?: string | null };
  warnings: { rule: string; message: string; phrase: string }[];
};

/** One rendered email with its content warnings. */
function EmailPreview({ label, data }: { label: string | null; data: PreviewData }) {
  return (
    <div className="flex flex-col gap-2">
      {label ? <h3 className="font-semibold">{label}</h3> : null}
      {data.warnings.map((w) => (
        <Notice key={w.rule} tone="error">
          Check before sending: {w.message} (&ldquo;{w.phrase}&rdquo;)
        </Notice>
      ))}
      <p className="text-sm">
        <strong>Subject:</strong> {data.email.subject}
      </p>
      <iframe
        title={label ? `${label} email preview` : "Email preview"}
        srcDoc={data.email.html ?? ""}
        sandbox=""
        className="h-[32rem] w-full rounded-lg border border-stone-300 bg-white"
      />
    </div>
  );
}

/** Variant B and how the test is run, shown when the A/B box is ticked. */
function AbTestFields({
  sms,
  enabled,
  storeName,
  couponCode,
}: {
  sms: boolean;
  enabled: boolean;
  storeName: string;
  couponCode: string;
}) {
  const { getValues, setValue } = useFormContext<CampaignFieldValues>();
  // Texts have no tracked opens or clicks, so orders per message is the only metric that can judge them.
  useEffect(() => {
    if (sms && getValues("abMetric") !== "orders_per_message") setValue("abMetric", "orders_per_message");
  }, [sms, getValues, setValue]);
  return (
    <fieldset className="flex flex-col gap-3 rounded-lg border border-stone-200 p-3">
      <legend className="px-1 font-medium text-stone-800">A/B test</legend>
      <FormCheckbox
        name="abEnabled"
        label={
          sms
            ? "Test a second text (B) against this one (A)"
            : "Test a second version (B) with another subject or message against this one (A)"
        }
      />
      {enabled ? (
        <>
          <MessageFields
            channel={sms ? "sms" : "email"}
            variant="B"
            storeName={storeName}
            couponCode={couponCode}
          />
          <div className="flex flex-wrap gap-4">
            <FormField
              label="Share of the segment in the test (%)"
              name="abShare"
              type="number"
              min={2}
              max={100}
              step={1}
              hint="100 splits everyone 50/50. 20 sends A to 10% and B to 10%, then the winner to the other 80%."
            />
            <FormField
              label="Test runs for (hours)"
              name="abTestHours"
              type="number"
              min={1}
              max={168}
              step={1}
              hint="After the test's messages go out; then the winner is chosen."
            />
          </div>
          <FormItem name="abMetric" label="The winner is the variant with the higher">
            {(control) => (
              <Select {...control} invalid={Boolean(control["aria-invalid"])}>
                {AB_METRIC_OPTIONS.filter(([value]) => !sms || value === "orders_per_message").map(
                  ([value, text]) => (
                    <option key={value} value={value}>
                      {text}
                    </option>
                  ),
                )}
              </Select>
            )}
          </FormItem>
          <p className="text-sm text-stone-700">
            A tie goes to A. Each customer always gets the same variant.
          </p>
        </>
      ) : null}
    </fieldset>
  );
}
