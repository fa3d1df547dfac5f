import { describe, expect, it } from "vitest";
import {
  campaignFormDefaults,
  campaignFormSchema,
  campaignPayload,
} from "../src/components/marketing/campaign-form-values";

const SEGMENT = "0b6f0a5e-1d1b-4c53-9a38-0f0f1f3c2a10";
const filled = {
  ...campaignFormDefaults(SEGMENT),
  name: "Weekend",
  subject: "Deals at {{store}}",
  body: "Hello {{first_name}}.",
};
const errorsOf = (v: unknown) => {
  const result = campaignFormSchema.safeParse(v);
  return result.success
    ? {}
    : Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]));
};

describe("campaign form values", () => {
  it("sends no A/B test unless it is switched on", () => {
    expect(errorsOf(filled)).toEqual({});
    expect(campaignPayload(filled).abTest).toBeNull();
  });

  it("sends variant B with its share, metric and hours as numbers", () => {
    const v = {
      ...filled,
      abEnabled: true,
      variantSubject: "This week",
      variantBody: filled.body,
      abShare: "20",
    };
    expect(errorsOf(v)).toEqual({});
    expect(campaignPayload(v).abTest).toEqual({
      subject: "This week",
      body: "Hello {{first_name}}.",
      sharePercent: 20,
      metric: "open_rate",
      testHours: 24,
    });
  });

  it("shows each A/B problem under its own field", () => {
    const on = { ...filled, abEnabled: true, variantBody: filled.body };
    expect(errorsOf({ ...on, variantSubject: filled.subject })).toEqual({
      variantSubject: "Variant B has the same subject and message as A: change one of them.",
    });
    expect(errorsOf({ ...on, variantSubject: "Other", abShare: "150", abTestHours: "" })).toEqual({
      abShare: "The test share is at most 100% (a 50/50 split).",
      abTestHours: "Give the test's length in whole hours.",
    });
    expect(errorsOf({ ...on, channel: "sms", variantBody: "Another text" })).toEqual({
      abMetric: "Texts have no tracked opens or clicks: pick the winner of a text by orders per message.",
    });
  });

  it("checks a web push's title and text as typed, coupon line included, and sends no A/B test for it", () => {
    const push = { ...filled, channel: "push" as const, subject: "Weekend deals", body: "x".repeat(195) };
    expect(errorsOf(push)).toEqual({});
    expect(errorsOf({ ...push, subject: "t".repeat(61) })).toEqual({
      subject: "Keep the title to 60 characters.",
    });
    expect(errorsOf({ ...push, couponCode: "HELLO10" })).toEqual({
      body: "Keep the text to 200 characters, the coupon line included.",
    });
    const ticked = { ...push, abEnabled: true, variantBody: "Other" };
    expect(errorsOf(ticked)).toEqual({});
    expect(campaignPayload(ticked).abTest).toBeNull();
  });
});
