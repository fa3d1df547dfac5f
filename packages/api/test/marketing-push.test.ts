/** `marketing.saveCampaign` and `schedule` for web push: what is refused, and where a push's taps are tracked. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { trpcError } from "./helpers";
import { A, api, HOST, setupWorld, staff, teardownWorld } from "./matrix/world";

beforeAll(setupWorld);
afterAll(teardownWorld);

const owner = () => api(HOST.platform, { user: staff(A, "owner"), org: A.org.id });
let serial = 0;

async function draft(overrides: Record<string, unknown> = {}) {
  const caller = await owner();
  const segment = await caller.marketing.saveSegment({
    name: `Push ${++serial} ${Math.random()}`,
    rules: { match: "all", groups: [] },
  });
  return caller.marketing.saveCampaign({
    name: `Push campaign ${serial}`,
    channel: "push",
    segmentId: segment.id,
    subject: "Weekend at {{store}}",
    body: "Hello {{first_name}}, 20% off edibles.",
    ...overrides,
  });
}

describe("web push campaigns through the API", () => {
  it("refuse a title over 60 characters, a text over 200 and an A/B test, naming the field", async () => {
    const title = await trpcError(draft({ subject: "x".repeat(61) }));
    expect(title.code).toBe("BAD_REQUEST");
    expect(title.message).toMatch(/60 characters/);
    const text = await trpcError(draft({ body: "x".repeat(201) }));
    expect(text.message).toMatch(/200 characters/);
    const ab = await trpcError(
      draft({
        abTest: { subject: "B", body: "Other", sharePercent: 50, metric: "click_rate", testHours: 4 },
      }),
    );
    expect(ab.message).toMatch(/A\/B tests are for email and text/);
  });

  it("track a push's taps on the storefront's own host, which its service worker may open", async () => {
    const saved = await draft();
    expect(saved).toMatchObject({ channel: "push", subject: "Weekend at {{store}}" });
    const scheduled = await (await owner()).marketing.schedule({ campaignId: saved.id, sendAt: null });
    expect(scheduled.storefrontOrigin).toMatch(/^http:\/\/[^/]+\.localhost:3000$/);
    expect(scheduled.trackingBaseUrl).toBe(`${scheduled.storefrontOrigin}/api/marketing`);
    // An email's links keep the platform's tracking address.
    const email = await draft({ channel: "email" });
    const emailed = await (await owner()).marketing.schedule({ campaignId: email.id, sendAt: null });
    expect(emailed.trackingBaseUrl).toBe("http://localhost:3000/api/marketing");
  });

  it("refuse web push for an automation", async () => {
    const error = await trpcError(
      (await owner()).marketing.saveAutomation({
        kind: "welcome",
        enabled: true,
        channel: "push" as never,
        subject: "Welcome",
        body: "Hello",
        couponCode: null,
        waitMinutes: 0,
      }),
    );
    expect(error.code).toBe("BAD_REQUEST");
  });
});
