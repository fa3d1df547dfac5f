import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { DatabaseHandle } from "@cannasaas/db/client";
import { auditEvents, marketingCampaigns, marketingMessages } from "@cannasaas/db/schema";
import { createTestDatabase } from "@cannasaas/db/testing";
import type { MailMessage, MailTransport } from "@cannasaas/integrations/mail";
import {
  abAssignment,
  campaignResults,
  createCampaign,
  recordClick,
  runMarketing,
  saveSegment,
  scheduleCampaign,
  signTrackingToken,
  type CampaignInput,
} from "../../src";
import { createFixtureTenant, type FixtureTenant } from "../../src/testing";
import { addShopper, crashOnMessageInsert, removeCrash, type Shopper } from "./marketing-fixture";

const KEY = "test-marketing-link-key-0123456789";
const HOUR = 3_600_000;
let handle: DatabaseHandle;
// 10:00 in Los Angeles (the fixture's time zone), inside the default 09:00-20:00 window.
let now = new Date("2026-06-15T17:00:00Z");
const clock = () => now;
let sent: MailMessage[] = [];
const mail: MailTransport = {
  name: "dev-mailbox",
  send: async (message) => {
    sent.push(message);
    return { messageId: `m-${sent.length}` };
  },
};
const deps = () => ({ db: handle.db, clock, mail, linkKey: KEY });

beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => handle?.close());
beforeEach(() => {
  sent = [];
});

/** A store with `n` consenting adults and a segment of everyone. */
async function store(tag: string, n: number) {
  const t = await createFixtureTenant(handle.db, { tag, passwordHash: "x" });
  const shoppers: Shopper[] = [];
  for (let i = 0; i < n; i++) shoppers.push(await addShopper(handle.db, t, `${tag}${i}`));
  const segment = await saveSegment(handle.db, t.org.id, {
    name: "Everyone",
    rules: { match: "all", groups: [] },
  });
  return { t, shoppers, segmentId: segment.after.id };
}

async function abCampaign(
  s: { t: FixtureTenant; segmentId: string },
  abTest: NonNullable<CampaignInput["abTest"]>,
) {
  const campaign = await createCampaign(
    handle.db,
    s.t.org.id,
    {
      name: "Split",
      segmentId: s.segmentId,
      subject: "A: deals at {{store}}",
      body: "Hello {{first_name}}.\n\nSee https://shop.example/menu today.",
      windowStartMinute: 540,
      windowEndMinute: 1200,
      abTest,
    },
    null,
  );
  await scheduleCampaign(handle.db, s.t.org.id, campaign.id, {
    sendAt: null,
    now,
    storefrontOrigin: "http://shop.example",
    trackingBaseUrl: "http://localhost:3000/api/marketing",
  });
  return campaign;
}

const messagesOf = (campaignId: string) =>
  handle.db.select().from(marketingMessages).where(eq(marketingMessages.campaignId, campaignId));
const campaignRow = async (id: string) =>
  (await handle.db.select().from(marketingCampaigns).where(eq(marketingCampaigns.id, id)))[0]!;
const emailOf = (shoppers: Shopper[], customerId: string) =>
  shoppers.find((s) => s.customerId === customerId)!.email;

describe("an A/B campaign", () => {
  it("50/50: each recipient gets one message with their stable variant, even across a crash mid-batch", async () => {
    const s = await store("ab-half", 24);
    const campaign = await abCampaign(s, {
      subject: "B: this week at {{store}}",
      body: "Hello {{first_name}}.\n\nSee https://shop.example/menu today.",
      sharePercent: 100,
      metric: "open_rate",
      testHours: 24,
    });
    await crashOnMessageInsert(handle.db, 3); // the third batch dies before it commits
    const crash = (await runMarketing(deps(), { batchSize: 5 }).catch((e: unknown) => e)) as Error;
    expect(String((crash.cause as Error | undefined)?.message)).toMatch(/simulated crash mid-batch/);
    await removeCrash(handle.db);
    expect(await messagesOf(campaign.id)).toHaveLength(10);
    await runMarketing(deps(), { batchSize: 5 });

    const rows = await messagesOf(campaign.id);
    expect(rows).toHaveLength(24);
    expect(new Set(rows.map((r) => r.customerId)).size).toBe(24);
    for (const row of rows) {
      expect(row.status).toBe("queued");
      expect(row.variant).toBe(abAssignment(campaign.id, row.customerId, 100));
    }
    expect(new Set(rows.map((r) => r.variant))).toEqual(new Set(["a", "b"]));
    // Every email went once, with its variant's subject.
    expect(sent.map((m) => m.to).sort()).toEqual(s.shoppers.map((x) => x.email).sort());
    for (const row of rows) {
      const email = sent.find((m) => m.to === emailOf(s.shoppers, row.customerId))!;
      expect(email.subject).toBe(
        row.variant === "a" ? "A: deals at Store ab-half" : "B: this week at Store ab-half",
      );
    }
    // Everyone has their message; the winner waits for the test period.
    const waiting = await campaignRow(campaign.id);
    expect(waiting).toMatchObject({ status: "sending", abWinner: null });
    expect(waiting.abTestEndsAt!.getTime()).toBe(now.getTime() + 24 * HOUR);

    // Nobody opens A; one of B's recipients opens (a click counts as an open).
    const opener = rows.find((r) => r.variant === "b")!;
    await recordClick(
      handle.db,
      signTrackingToken({ kind: "click", messageId: opener.id, url: "http://shop.example/menu" }, KEY),
      KEY,
      now,
    );
    now = new Date(now.getTime() + 24 * HOUR + 60_000);
    sent = [];
    await runMarketing(deps(), { batchSize: 5 });
    expect(sent).toHaveLength(0);
    const decided = await campaignRow(campaign.id);
    expect(decided).toMatchObject({ status: "sent", abWinner: "b" });
    expect(decided.abDecision!.b.opened).toBe(1);
    expect(await messagesOf(campaign.id)).toHaveLength(24);
  });

  it("with a test share: tests on the share, waits the test period, then sends the winner to the rest", async () => {
    now = new Date("2026-07-06T17:00:00Z");
    const s = await store("ab-share", 30);
    const campaign = await abCampaign(s, {
      subject: "A: deals at {{store}}",
      body: "Variant B for {{first_name}}.\n\nSee https://shop.example/menu today.",
      sharePercent: 40,
      metric: "click_rate",
      testHours: 4,
    });
    const expected = new Map(
      s.shoppers.map((x) => [x.customerId, abAssignment(campaign.id, x.customerId, 40)]),
    );
    const tested = [...expected].filter(([, v]) => v !== null);
    const rest = [...expected].filter(([, v]) => v === null);
    expect(tested.some(([, v]) => v === "a") && tested.some(([, v]) => v === "b")).toBe(true);
    expect(rest.length).toBeGreaterThan(0);

    await runMarketing(deps(), { batchSize: 7 });
    const test = await messagesOf(campaign.id);
    expect(test.map((r) => [r.customerId, r.variant]).sort()).toEqual(tested.sort());
    expect(sent).toHaveLength(tested.length);
    const started = await campaignRow(campaign.id);
    expect(started.abTestEndsAt!.getTime()).toBe(now.getTime() + 4 * HOUR);

    // Every B recipient clicks, no A recipient does: B has the better click rate.
    const aRows = test.filter((r) => r.variant === "a");
    const bRows = test.filter((r) => r.variant === "b");
    for (const row of bRows) {
      await recordClick(
        handle.db,
        signTrackingToken({ kind: "click", messageId: row.id, url: "http://shop.example/menu" }, KEY),
        KEY,
        now,
      );
    }

    // An hour in: still testing, nothing more goes out.
    now = new Date(now.getTime() + HOUR);
    sent = [];
    await runMarketing(deps(), { batchSize: 7 });
    expect(sent).toHaveLength(0);
    expect(await messagesOf(campaign.id)).toHaveLength(tested.length);
    expect((await campaignRow(campaign.id)).abWinner).toBeNull();

    // The test period is over: the winner is chosen and goes to the rest, once each, though the first run
    // dies in its second batch of the rest and the next two race.
    now = new Date(started.abTestEndsAt!.getTime() + 60_000);
    await crashOnMessageInsert(handle.db, 2);
    const crash = (await runMarketing(deps(), { batchSize: 7 }).catch((e: unknown) => e)) as Error;
    expect(String((crash.cause as Error | undefined)?.message)).toMatch(/simulated crash mid-batch/);
    await removeCrash(handle.db);
    expect((await campaignRow(campaign.id)).abWinner).toBe("b");
    const partly = await messagesOf(campaign.id);
    expect(partly.length).toBeGreaterThan(tested.length);
    expect(partly.length).toBeLessThan(30);
    const [one, two] = await Promise.all([
      runMarketing(deps(), { batchSize: 7 }),
      runMarketing(deps(), { batchSize: 7 }),
    ]);
    const winner = "b";
    const done = await campaignRow(campaign.id);
    expect(done).toMatchObject({ status: "sent", abWinner: winner });
    expect(done.abDecision).toMatchObject({
      a: { sent: aRows.length, clicked: 0 },
      b: { sent: bRows.length, clicked: bRows.length },
    });
    expect((one.counts.queued ?? 0) + (two.counts.queued ?? 0)).toBe(30 - partly.length);
    const all = await messagesOf(campaign.id);
    expect(all).toHaveLength(30);
    expect(new Set(all.map((r) => r.customerId)).size).toBe(30);
    for (const row of all) {
      expect(row.variant).toBe(expected.get(row.customerId) ?? winner);
    }
    expect(sent.map((m) => m.to).sort()).toEqual(rest.map(([id]) => emailOf(s.shoppers, id)).sort());
    for (const m of sent) expect(m.text).toContain("Variant B for");
    const audits = await handle.db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.organizationId, s.t.org.id),
          eq(auditEvents.action, "marketing.campaign.ab_winner"),
        ),
      );
    expect(audits).toHaveLength(1);

    const { ab } = await campaignResults(handle.db, s.t.org.id, campaign.id);
    expect(ab).toMatchObject({ winner, metric: "click_rate", sharePercent: 40 });
    expect(ab!.variants.a.sent + ab!.variants.b.sent).toBe(30);
    expect(ab!.explanation).toMatch(
      /^B won on click rate: 100\.0% \(\d+ of \d+ sent\) against A's 0\.0% .* The rest of the segment got B\.$/,
    );
  });

  it("ties go to A, and a campaign without a test writes no variant", async () => {
    now = new Date("2026-07-20T17:00:00Z");
    const s = await store("ab-tie", 8);
    const campaign = await abCampaign(s, {
      subject: "B subject",
      body: "Hello {{first_name}}.\n\nSee https://shop.example/menu today.",
      sharePercent: 100,
      metric: "click_rate",
      testHours: 1,
    });
    await runMarketing(deps());
    now = new Date(now.getTime() + 2 * HOUR);
    await runMarketing(deps());
    const done = await campaignRow(campaign.id);
    expect(done).toMatchObject({ status: "sent", abWinner: "a" });
    const { ab } = await campaignResults(handle.db, s.t.org.id, campaign.id);
    expect(ab!.explanation).toMatch(/^A and B tied on click rate: .* A tie goes to A, the original\.$/);

    const plain = await createCampaign(
      handle.db,
      s.t.org.id,
      {
        name: "Plain",
        segmentId: s.segmentId,
        subject: "Plain",
        body: "Hello",
        windowStartMinute: 540,
        windowEndMinute: 1200,
      },
      null,
    );
    await scheduleCampaign(handle.db, s.t.org.id, plain.id, {
      sendAt: null,
      now,
      storefrontOrigin: "http://shop.example",
      trackingBaseUrl: "http://localhost:3000/api/marketing",
    });
    await runMarketing(deps());
    const rows = await messagesOf(plain.id);
    expect(rows).toHaveLength(8);
    expect(rows.every((r) => r.variant === null)).toBe(true);
    expect((await campaignRow(plain.id)).status).toBe("sent");
    expect((await campaignResults(handle.db, s.t.org.id, plain.id)).ab).toBeNull();
  });

  it("refuses a variant B identical to A, an unknown merge field in B, and a text judged by opens", async () => {
    const s = await store("ab-bad", 1);
    const base = {
      name: "Bad",
      segmentId: s.segmentId,
      subject: "Same",
      body: "Same body",
      windowStartMinute: 540,
      windowEndMinute: 1200,
    };
    const ab = {
      subject: "Same",
      body: "Same body",
      sharePercent: 50,
      metric: "open_rate" as const,
      testHours: 4,
    };
    await expect(createCampaign(handle.db, s.t.org.id, { ...base, abTest: ab }, null)).rejects.toThrow(
      /same subject and message as A/,
    );
    await expect(
      createCampaign(handle.db, s.t.org.id, { ...base, abTest: { ...ab, body: "Hi {{nickname}}" } }, null),
    ).rejects.toThrow(/nickname/);
    await expect(
      createCampaign(
        handle.db,
        s.t.org.id,
        { ...base, channel: "sms", abTest: { ...ab, body: "Other text" } },
        null,
      ),
    ).rejects.toThrow(/no tracked opens or clicks/);
    await expect(
      createCampaign(
        handle.db,
        s.t.org.id,
        { ...base, abTest: { ...ab, subject: "Other", sharePercent: 101 } },
        null,
      ),
    ).rejects.toThrow(/from 2 to 100/);
  });
});
