import { z } from "zod";
import { MARKETING_CHANNELS } from "@cannasaas/db/enums";

/*
 * What saving a campaign or an automation's message sends. The dashboard forms and the marketing procedures
 * validate with these schemas, so both refuse the same things with the same words.
 */

const minute = z.int().min(0).max(1440);

export const marketingChannelSchema = z.enum(MARKETING_CHANNELS).default("email");

export const campaignInput = z.object({
  name: z.string().trim().min(1, { error: "Name the campaign." }).max(120),
  segmentId: z.uuid({ error: "Choose a segment." }),
  channel: marketingChannelSchema,
  /** Required for email (checked in core, which knows the channel); a text message has none. */
  subject: z.string().trim().max(150).default(""),
  body: z.string().trim().min(1, { error: "Write the message." }).max(5000),
  couponCode: z.string().trim().max(40).nullish(),
  windowStartMinute: minute.default(540),
  windowEndMinute: minute.default(1200),
});
/** What a preview or a test send renders. */
export const campaignContentInput = campaignInput.pick({ subject: true, body: true, couponCode: true });

export const segmentNameSchema = z.string().trim().min(1, { error: "Name the segment." }).max(80);

/** An automation's message, its channel and its wait; the kind is checked by the procedure. */
export const automationMessageInput = z.object({
  enabled: z.boolean(),
  channel: marketingChannelSchema,
  subject: campaignContentInput.shape.subject,
  body: campaignContentInput.shape.body,
  couponCode: campaignContentInput.shape.couponCode,
  waitMinutes: z.int().min(0).max(525_600, { error: "Wait at most a year." }),
});
