import { z } from "zod";
import { convertedSchema } from "@cannasaas/ui/form-schema";
import { campaignInput } from "@cannasaas/validators";

/** "16:30" as minutes after midnight; NaN when not a time, which the schema refuses. */
export const toMinutes = (v: string) => {
  const match = /^(\d{2}):(\d{2})$/.exec(v);
  return match ? Number(match[1]) * 60 + Number(match[2]) : NaN;
};

/** A number typed in a field; NaN when blank, which the schema refuses with its own words. */
const toNumber = (v: string) => (v.trim() === "" ? NaN : Number(v));

export const AB_METRIC_OPTIONS = [
  ["open_rate", "Open rate (opens per email sent)"],
  ["click_rate", "Click rate (clicks per email sent)"],
  ["orders_per_message", "Orders per message (attributed orders per message sent)"],
] as const;

const fields = z.object({
  channel: z.enum(["email", "sms", "push"]),
  name: z.string(),
  segmentId: z.string(),
  subject: z.string(),
  body: z.string(),
  couponCode: z.string(),
  windowStart: z.string(),
  windowEnd: z.string(),
  abEnabled: z.boolean(),
  variantSubject: z.string(),
  variantBody: z.string(),
  abShare: z.string(),
  abMetric: z.string(),
  abTestHours: z.string(),
});
export type CampaignFieldValues = z.input<typeof fields>;

export const campaignFormDefaults = (segmentId: string): CampaignFieldValues => ({
  channel: "email",
  name: "",
  segmentId,
  subject: "",
  body: "",
  couponCode: "",
  windowStart: "09:00",
  windowEnd: "20:00",
  abEnabled: false,
  variantSubject: "",
  variantBody: "",
  abShare: "100",
  abMetric: "open_rate",
  abTestHours: "24",
});

/** What `saveCampaign` takes, from the form's fields. */
export const campaignPayload = (v: CampaignFieldValues) => {
  const sms = v.channel === "sms";
  // Web push has no A/B test; a box ticked before switching channel is not sent.
  const ab = v.abEnabled && v.channel !== "push";
  return {
    name: v.name,
    channel: v.channel,
    segmentId: v.segmentId,
    // A text has no subject; one typed before switching to SMS is not sent.
    subject: sms ? "" : v.subject,
    body: v.body,
    couponCode: v.couponCode || null,
    windowStartMinute: toMinutes(v.windowStart),
    windowEndMinute: toMinutes(v.windowEnd),
    abTest: ab
      ? {
          subject: sms ? "" : v.variantSubject,
          body: v.variantBody,
          sharePercent: toNumber(v.abShare),
          metric: v.abMetric as "open_rate",
          testHours: toNumber(v.abTestHours),
        }
      : null,
  };
};

const FIELD_OF: Record<string, string> = {
  windowStartMinute: "windowStart",
  windowEndMinute: "windowEnd",
  abSharePercent: "abShare",
};
const AB_FIELD_OF: Record<string, string> = {
  subject: "variantSubject",
  body: "variantBody",
  sharePercent: "abShare",
  metric: "abMetric",
  testHours: "abTestHours",
};
/** The form field an error about `saveCampaign`'s input belongs under; null for none. */
export const campaignFieldOf = (path: readonly PropertyKey[]) => {
  const head = path[0];
  if (typeof head !== "string") return null;
  const field =
    head === "abTest" ? (AB_FIELD_OF[String(path[1])] ?? "variantBody") : (FIELD_OF[head] ?? head);
  return field in fields.shape ? field : null;
};

/** The campaign form's schema: what it sends must pass `campaignInput`, the server's schema. */
export const campaignFormSchema = convertedSchema(fields, campaignPayload, campaignInput, campaignFieldOf);
