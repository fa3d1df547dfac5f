"use client";
import { useWatch } from "react-hook-form";
import { FormField, FormItem } from "@cannasaas/ui/form";
import { PUSH_BODY_MAX_CHARS, PUSH_TITLE_MAX_CHARS } from "@cannasaas/validators";
import type { CampaignFieldValues } from "./campaign-form-values";
import { PushPreview } from "./push-preview";
import { SmsCounter } from "./sms-counter";

type Channel = CampaignFieldValues["channel"];

const FIELDS = {
  A: { subject: "subject", body: "body" },
  B: { subject: "variantSubject", body: "variantBody" },
} as const;

function bodyLabel(channel: Channel, variant: "A" | "B") {
  if (variant === "B") return channel === "sms" ? "Variant B text" : "Variant B message";
  if (channel === "sms") return "Text message";
  if (channel === "push") return "Notification text";
  return "Message (blank line between paragraphs; links are tracked)";
}

/**
 * One message of a campaign (variant A's fields, or variant B's): its subject or notification title where the
 * channel has one, its text with the channel's length limit, and the channel's live counter or preview.
 */
export function MessageFields({
  channel,
  variant,
  storeName,
  couponCode,
}: {
  channel: Channel;
  variant: "A" | "B";
  storeName: string;
  couponCode: string;
}) {
  const names = FIELDS[variant];
  const [subject, body] = useWatch<CampaignFieldValues, [typeof names.subject, typeof names.body]>({
    name: [names.subject, names.body],
  });
  const sms = channel === "sms";
  const push = channel === "push";
  return (
    <>
      {sms ? null : (
        <FormField
          label={push ? "Notification title" : variant === "B" ? "Variant B subject" : "Subject"}
          name={names.subject}
          required={variant === "A"}
          maxLength={push ? PUSH_TITLE_MAX_CHARS : 150}
        />
      )}
      <FormItem name={names.body} label={bodyLabel(channel, variant)}>
        {(control) => (
          <textarea
            {...control}
            rows={sms || push ? 4 : 8}
            maxLength={sms ? 1600 : push ? PUSH_BODY_MAX_CHARS : 5000}
            className="rounded-lg border border-stone-300 p-3 font-normal"
          />
        )}
      </FormItem>
      {sms ? <SmsCounter storeName={storeName} body={body} couponCode={couponCode} /> : null}
      {push ? (
        <PushPreview storeName={storeName} title={subject} body={body} couponCode={couponCode} />
      ) : null}
    </>
  );
}
