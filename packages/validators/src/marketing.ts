import { z } from "zod";
import { MARKETING_AB_METRICS, MARKETING_CHANNELS } from "@cannasaas/db/enums";
import { PUSH_BODY_MAX_CHARS, PUSH_TITLE_MAX_CHARS, pushMarketingText } from "./push";

/*
 * What saving a campaign or an automation's message sends. The dashboard forms and the marketing procedures
 * validate with these schemas, so both refuse the same things with the same words.
 */

const minute = z.int().min(0).max(1440);

export const marketingChannelSchema = z.enum(MARKETING_CHANNELS).default("email");
/** Automations write to people as things happen to them: by email or text, not (yet) by web push. */
export const automationChannelSchema = z
  .enum(["email", "sms"], { error: "Automations go by email or text message." })
  .default("email");

/**
 * A campaign's A/B test: variant B's subject (email) and body, the share of the segment in the test (split
 * evenly between A and B; 100 is a 50/50 split of everyone), the metric that picks the winner and the hours
 * the test runs before the winner is chosen (and, below 100%, sent to the rest).
 */
export const campaignAbTestInput = z.object({
  subject: z.string().trim().max(150).default(""),
  body: z.string().trim().min(1, { error: "Write variant B's message." }).max(5000),
  sharePercent: z
    .int({ error: "Give the test share as a whole percentage." })
    .min(2, { error: "Test on at least 2% of the segment." })
    .max(100, { error: "The test share is at most 100% (a 50/50 split)." }),
  metric: z.enum(MARKETING_AB_METRICS, { error: "Choose open rate, click rate or orders per message." }),
  testHours: z
    .int({ error: "Give the test's length in whole hours." })
    .min(1, { error: "Run the test for at least an hour." })
    .max(168, { error: "Run the test for at most 7 days (168 hours)." }),
});

/** The fields of a campaign; `campaignInput` adds the checks across fields. */
export const campaignFields = z.object({
  name: z.string().trim().min(1, { error: "Name the campaign." }).max(120),
  segmentId: z.uuid({ error: "Choose a segment." }),
  channel: marketingChannelSchema,
  /** Required for email and web push (the notification's title); a text message has none. */
  subject: z.string().trim().max(150).default(""),
  body: z.string().trim().min(1, { error: "Write the message." }).max(5000),
  couponCode: z.string().trim().max(40).nullish(),
  windowStartMinute: minute.default(540),
  windowEndMinute: minute.default(1200),
  /** Null or absent: no A/B test. */
  abTest: campaignAbTestInput.nullish(),
});

export const SMS_METRIC_MESSAGE =
  "Texts have no tracked opens or clicks: pick the winner of a text by orders per message.";

type CampaignShape = {
  channel: "email" | "sms" | "push";
  subject: string;
  body: string;
  couponCode?: string | null;
  abTest?: { subject: string; body: string; metric: string } | null;
};

/**
 * A web push needs a title; title and text (with the coupon line) fit the notification. Merge fields are
 * counted as typed here; the server measures them again at a generous length.
 */
function refinePush(v: CampaignShape, ctx: z.RefinementCtx) {
  if (v.channel !== "push") return;
  if (!v.subject.trim()) ctx.addIssue({ code: "custom", path: ["subject"], message: "Write a title." });
  if (v.subject.length > PUSH_TITLE_MAX_CHARS) {
    ctx.addIssue({
      code: "custom",
      path: ["subject"],
      message: `Keep the title to ${PUSH_TITLE_MAX_CHARS} characters.`,
    });
  }
  if (pushMarketingText(v.body, v.couponCode).length > PUSH_BODY_MAX_CHARS) {
    ctx.addIssue({
      code: "custom",
      path: ["body"],
      message: `Keep the text to ${PUSH_BODY_MAX_CHARS} characters${v.couponCode ? ", the coupon line included" : ""}.`,
    });
  }
  if (v.abTest) {
    ctx.addIssue({
      code: "custom",
      path: ["abTest"],
      message: "A/B tests are for email and text campaigns.",
    });
  }
}

/** The checks across a campaign's fields: the channel's own rules, then the A/B test's. */
export function refineCampaign(v: CampaignShape, ctx: z.RefinementCtx) {
  refinePush(v, ctx);
  refineAbVariant(v, ctx);
}

/** Variant B must differ from A where the channel shows it: the subject or body of an email, a text's body. */
export function refineAbVariant(v: CampaignShape, ctx: z.RefinementCtx) {
  if (!v.abTest || v.channel === "push") return;
  if (v.channel === "sms" && v.abTest.metric !== "orders_per_message") {
    ctx.addIssue({ code: "custom", path: ["abTest", "metric"], message: SMS_METRIC_MESSAGE });
  }
  const sameBody = v.abTest.body.trim() === v.body.trim();
  if (v.channel === "sms" && sameBody) {
    ctx.addIssue({
      code: "custom",
      path: ["abTest", "body"],
      message: "Variant B's text is the same as A's.",
    });
  } else if (v.channel === "email" && sameBody && v.abTest.subject.trim() === v.subject.trim()) {
    ctx.addIssue({
      code: "custom",
      path: ["abTest", "subject"],
      message: "Variant B has the same subject and message as A: change one of them.",
    });
  }
}

export const campaignInput = campaignFields.superRefine(refineCampaign);
/** What a preview or a test send renders. */
export const campaignContentInput = campaignFields.pick({ subject: true, body: true, couponCode: true });

export const segmentNameSchema = z.string().trim().min(1, { error: "Name the segment." }).max(80);

/** An automation's message, its channel and its wait; the kind is checked by the procedure. */
export const automationMessageInput = z.object({
  enabled: z.boolean(),
  channel: automationChannelSchema,
  subject: campaignContentInput.shape.subject,
  body: campaignContentInput.shape.body,
  couponCode: campaignContentInput.shape.couponCode,
  waitMinutes: z.int().min(0).max(525_600, { error: "Wait at most a year." }),
});
