"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useFormContext } from "react-hook-form";
import { Button } from "@cannasaas/ui/button";
import { Notice } from "@cannasaas/ui/card";
import { Form, FormField, FormItem, FormRootError, FormSubmit, useZodForm } from "@cannasaas/ui/form";
import { Select } from "@cannasaas/ui/select";
import { describeError } from "~/components/auth/errors";
import { useTRPC } from "~/lib/trpc/client";
import { describeFormError } from "~/lib/form-errors";
import {
  campaignFieldOf,
  campaignFormSchema,
  campaignPayload,
  type CampaignFieldValues,
} from "./campaign-form-values";
import { SmsCounter } from "./sms-counter";

/**
 * Writes a campaign: the channel (email or text message), audience, subject and body with merge fields, an
 * optional coupon and the daily send window. Preview shows the email and the content warnings; a test goes
 * to the signed-in person only. A text shows its length and parts as it is typed.
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
    defaultValues: {
      channel: "email",
      name: "",
      segmentId: segments[0]?.id ?? "",
      subject: "",
      body: "",
      couponCode: "",
      windowStart: "09:00",
      windowEnd: "20:00",
    },
  });
  const [previewing, setPreviewing] = useState(false);
  const [channel, subject, body, couponCode] = form.watch(["channel", "subject", "body", "couponCode"]);
  const sms = channel === "sms";
  const content = { subject, body, couponCode: couponCode || null };
  const preview = useQuery({
    ...trpc.marketing.preview.queryOptions(content),
    enabled: previewing,
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
        {sms ? null : <FormField label="Subject" name="subject" required maxLength={150} />}
        <FormItem
          name="body"
          label={sms ? "Text message" : "Message (blank line between paragraphs; links are tracked)"}
        >
          {(control) => (
            <textarea
              {...control}
              rows={sms ? 5 : 8}
              maxLength={sms ? 1600 : 5000}
              className="rounded-lg border border-stone-300 p-3 font-normal"
            />
          )}
        </FormItem>
        {sms ? <SmsCounter storeName={storeName} body={body} couponCode={couponCode} /> : null}
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
        <FormRootError />
        <div className="flex flex-wrap gap-2">
          {sms ? null : (
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
        {!previewing ? (
          <p className="text-sm text-stone-700">
            Preview shows the email as you would get it, with any content warnings.
          </p>
        ) : preview.isLoading ? (
          <p role="status">Rendering…</p>
        ) : preview.error ? (
          <Notice tone="error">{describeError(preview.error).message}</Notice>
        ) : preview.data ? (
          <>
            {preview.data.warnings.map((w) => (
              <Notice key={w.rule} tone="error">
                Check before sending: {w.message} (&ldquo;{w.phrase}&rdquo;)
              </Notice>
            ))}
            <p className="text-sm">
              <strong>Subject:</strong> {preview.data.email.subject}
            </p>
            <iframe
              title="Email preview"
              srcDoc={preview.data.email.html}
              sandbox=""
              className="h-[32rem] w-full rounded-lg border border-stone-300 bg-white"
            />
          </>
        ) : null}
      </section>
    </Form>
  );
}

/** Email or text message, as radio buttons registered with the form. */
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
