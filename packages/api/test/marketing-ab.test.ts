/** The A/B fields of `marketing.saveCampaign` and the report: what is refused, and what a saved test reads as. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { trpcError } from "./helpers";
import { A, api, HOST, setupWorld, staff, teardownWorld } from "./matrix/world";

beforeAll(setupWorld);
afterAll(teardownWorld);

const owner = () => api(HOST.platform, { user: staff(A, "owner"), org: A.org.id });
let serial = 0;

async function draft(abTest: Record<string, unknown> | null, overrides: Record<string, unknown> = {}) {
  const caller = await owner();
  const segment = await caller.marketing.saveSegment({
    name: `AB ${++serial} ${Math.random()}`,
    rules: { match: "all", groups: [] },
  });
  return caller.marketing.saveCampaign({
    name: `AB campaign ${serial}`,
    segmentId: segment.id,
    subject: "Deals at {{store}}",
    body: "Hello {{first_name}}.",
    abTest: abTest as never,
    ...overrides,
  });
}
const valid = {
  subject: "This week at {{store}}",
  body: "Hello {{first_name}}.",
  sharePercent: 20,
  metric: "click_rate",
  testHours: 4,
};

describe("marketing.saveCampaign with an A/B test", () => {
  it("saves variant B, the share, the metric and the test period", async () => {
    const saved = await draft(valid);
    expect(saved).toMatchObject({
      variantSubject: "This week at {{store}}",
      variantBody: "Hello {{first_name}}.",
      abSharePercent: 20,
      abMetric: "click_rate",
      abTestHours: 4,
      abWinner: null,
    });
    const report = await (await owner()).marketing.campaign({ campaignId: saved.id });
    expect(report.ab).toMatchObject({
      sharePercent: 20,
      metric: "click_rate",
      winner: null,
      explanation: null,
    });
    // Saving again without a test removes it.
    const plain = await (
      await owner()
    ).marketing.saveCampaign({
      campaignId: saved.id,
      name: "No test",
      segmentId: saved.segmentId,
      subject: "Deals",
      body: "Hello",
      abTest: null,
    });
    expect(plain).toMatchObject({ variantBody: null, abSharePercent: null, abMetric: null });
  });

  it("refuses a variant B identical to A, for email and for a text", async () => {
    const same = await trpcError(draft({ ...valid, subject: "Deals at {{store}}" }));
    expect(same.code).toBe("BAD_REQUEST");
    expect(same.message).toMatch(/same subject and message as A/);
    const text = await trpcError(
      draft({ ...valid, subject: "", metric: "orders_per_message" }, { channel: "sms", subject: "" }),
    );
    expect(text.code).toBe("BAD_REQUEST");
    expect(text.message).toMatch(/Variant B's text is the same as A's/);
  });

  it("refuses a test share out of range or fractional", async () => {
    for (const sharePercent of [0, 1, 101, 12.5]) {
      const error = await trpcError(draft({ ...valid, sharePercent }));
      expect(error.code).toBe("BAD_REQUEST");
      expect(error.message).toMatch(/at least 2%|at most 100%|whole percentage/);
    }
  });

  it("refuses an unknown metric, a text judged by clicks, and a test period out of range", async () => {
    const metric = await trpcError(draft({ ...valid, metric: "revenue" }));
    expect(metric.code).toBe("BAD_REQUEST");
    expect(metric.message).toMatch(/open rate, click rate or orders per message/);
    const sms = await trpcError(
      draft({ ...valid, subject: "", body: "Other text" }, { channel: "sms", subject: "" }),
    );
    expect(sms.message).toMatch(/no tracked opens or clicks/);
    for (const testHours of [0, 169]) {
      expect((await trpcError(draft({ ...valid, testHours }))).code).toBe("BAD_REQUEST");
    }
  });

  it("checks variant B's merge fields, and its words in the report's content warnings", async () => {
    const merge = await trpcError(draft({ ...valid, body: "Hi {{nickname}}" }));
    expect(merge.code).toBe("BAD_REQUEST");
    expect(merge.message).toMatch(/\{\{nickname\}\}/);
    const saved = await draft({ ...valid, body: "This cures everything, {{first_name}}." });
    const report = await (await owner()).marketing.campaign({ campaignId: saved.id });
    expect(report.warnings.map((w) => w.rule)).toContain("health_claim");
  });
});
