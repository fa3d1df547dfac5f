import { z } from "zod";
import { convertedSchema } from "@cannasaas/ui/form-schema";
import { campaignInput } from "@cannasaas/validators";

/** "16:30" as minutes after midnight; NaN when not a time, which the schema refuses. */
export const toMinutes = (v: string) => {
  const match = /^(\d{2}):(\d{2})$/.exec(v);
  return match ? Number(match[1]) * 60 + Number(match[2]) : NaN;
};

const fields = z.object({
  channel: z.enum(["email", "sms"]),
  name: z.string(),
  segmentId: z.string(),
  subject: z.string(),
  body: z.string(),
  couponCode: z.string(),
  windowStart: z.string(),
  windowEnd: z.string(),
});
export type CampaignFieldValues = z.input<typeof fields>;

/** What `saveCampaign` takes, from the form's fields. */
export const campaignPayload = (v: CampaignFieldValues) => ({
  name: v.name,
  channel: v.channel,
  segmentId: v.segmentId,
  // A text has no subject; one typed before switching to SMS is not sent.
  subject: v.channel === "sms" ? "" : v.subject,
  body: v.body,
  couponCode: v.couponCode || null,
  windowStartMinute: toMinutes(v.windowStart),
  windowEndMinute: toMinutes(v.windowEnd),
});

const FIELD_OF: Record<string, string> = { windowStartMinute: "windowStart", windowEndMinute: "windowEnd" };
/** The form field an error about `saveCampaign`'s input belongs under; null for none. */
export const campaignFieldOf = (path: readonly PropertyKey[]) => {
  const head = path[0];
  if (typeof head !== "string") return null;
  const field = FIELD_OF[head] ?? head;
  return field in fields.shape ? field : null;
};

/** The campaign form's schema: what it sends must pass `campaignInput`, the server's schema. */
export const campaignFormSchema = convertedSchema(fields, campaignPayload, campaignInput, campaignFieldOf);
