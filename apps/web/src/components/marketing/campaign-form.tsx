"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@cannasaas/ui/button";
import { Notice } from "@cannasaas/ui/card";
import { Field } from "@cannasaas/ui/field";
import { Select } from "@cannasaas/ui/select";
import { describeError } from "~/components/auth/errors";
import { useTRPC } from "~/lib/trpc/client";
import { SmsCounter } from "./sms-counter";

const toMinutes = (v: string) => {
  const [h, m] = v.split(":").map(Number) as [number, number];
  return h * 60 + m;
};
const label = "flex flex-col gap-1 text-sm font-medium text-stone-800";

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
  const [values, setValues] = useState({
    channel: "email" as "email" | "sms",
    name: "",
    segmentId: segments[0]?.id ?? "",
    subject: "",
    body: "",
    couponCode: "",
    windowStart: "09:00",
    windowEnd: "20:00",
  });
  const [previewing, setPreviewing] = useState(false);
  const content = { subject: values.subject, body: values.body, couponCode: values.couponCode || null };
  const preview = useQuery({
    ...trpc.marketing.preview.queryOptions(content),
    enabled: previewing,
    retry: false,
  });
  const test = useMutation(trpc.marketing.testSend.mutationOptions());
  const save = useMutation(
    trpc.marketing.saveCampaign.mutationOptions({
      onSuccess: (campaign) => router.push(`/dashboard/marketing/campaigns/${campaign.id}`),
    }),
  );
  const set = (key: keyof typeof values) => (e: { target: { value: string } }) => {
    setValues({ ...values, [key]: e.target.value });
    setPreviewing(false);
  };
  const fieldErrors = save.error ? describeError(save.error).fields : {};
  const sms = values.channel === "sms";

  return (
    <form
      className="grid gap-4 lg:grid-cols-2"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({
          name: values.name,
          channel: values.channel,
          segmentId: values.segmentId,
          ...content,
          subject: sms ? "" : values.subject,
          windowStartMinute: toMinutes(values.windowStart),
          windowEndMinute: toMinutes(values.windowEnd),
        });
      }}
    >
      <div className="flex flex-col gap-4">
        <fieldset className="flex flex-wrap gap-4 text-sm">
          <legend className="mb-1 font-medium text-stone-800">Channel</legend>
          {(
            [
              ["email", "Email"],
              ["sms", "Text message (SMS)"],
            ] as const
          ).map(([value, text]) => (
            <label key={value} className="flex items-center gap-2">
              <input
                type="radio"
                name="channel"
                value={value}
                checked={values.channel === value}
                onChange={set("channel")}
              />
              {text}
            </label>
          ))}
        </fieldset>
        {sms ? (
          <p className="text-sm text-stone-700">
            Texts go only to shoppers who agreed to marketing texts and saved a mobile number, never before
            08:00 or after 21:00 on their clock (those wait until 08:00).
          </p>
        ) : null}
        <Field
          label="Campaign name (only staff see it)"
          name="name"
          value={values.name}
          onChange={set("name")}
          required
          error={fieldErrors.name}
        />
        <label className={label}>
          Send to segment
          <Select name="segmentId" value={values.segmentId} onChange={set("segmentId")}>
            {segments.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </Select>
        </label>
        {sms ? null : (
          <Field
            label="Subject"
            name="subject"
            value={values.subject}
            onChange={set("subject")}
            required
            maxLength={150}
            error={fieldErrors.subject}
          />
        )}
        <label className={label}>
          {sms ? "Text message" : "Message (blank line between paragraphs; links are tracked)"}
          <textarea
            name="body"
            value={values.body}
            onChange={set("body")}
            rows={sms ? 5 : 8}
            maxLength={sms ? 1600 : 5000}
            aria-invalid={Boolean(fieldErrors.body)}
            className="rounded-lg border border-stone-300 p-3 font-normal"
          />
          {fieldErrors.body ? <span className="text-sm text-red-800">{fieldErrors.body}</span> : null}
        </label>
        {sms ? <SmsCounter storeName={storeName} body={values.body} couponCode={values.couponCode} /> : null}
        <p className="text-sm text-stone-700">
          Merge fields:{" "}
          {Object.entries(mergeFields).map(([name, what]) => (
            <span key={name} className="mr-2 inline-block">
              <code className="rounded bg-stone-100 px-1">{`{{${name}}}`}</code> {what.toLowerCase()}
            </span>
          ))}
        </p>
        <label className={label}>
          Coupon code (optional)
          <Select name="couponCode" value={values.couponCode} onChange={set("couponCode")}>
            <option value="">No coupon</option>
            {coupons.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </Select>
        </label>
        <div className="flex flex-wrap gap-4">
          <Field
            label={`Send from (${timeZone})`}
            type="time"
            name="windowStart"
            value={values.windowStart}
            onChange={set("windowStart")}
          />
          <Field
            label="Until"
            type="time"
            name="windowEnd"
            value={values.windowEnd}
            onChange={set("windowEnd")}
            error={fieldErrors.windowEndMinute}
          />
        </div>
        {save.error ? <Notice tone="error">{describeError(save.error).message}</Notice> : null}
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
                onClick={() => test.mutate(content)}
              >
                {test.isPending ? "Sending…" : "Send me a test"}
              </Button>
            </>
          )}
          <Button type="submit" disabled={save.isPending || !segments.length}>
            {save.isPending ? "Saving…" : "Save draft"}
          </Button>
        </div>
        <div role="status" aria-live="polite">
          {test.data ? <Notice tone="success">Test sent to {test.data.sentTo}.</Notice> : null}
          {test.error ? <Notice tone="error">{describeError(test.error).message}</Notice> : null}
        </div>
      </div>
      <section aria-label="Preview" className="flex flex-col gap-2">
        {sms ? null : !previewing ? (
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
    </form>
  );
}
