import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import type { DatabaseHandle } from "@cannasaas/db/client";
import {
  auditEvents,
  customers,
  marketingCampaigns,
  marketingMessages,
  outboxMessages,
  promotions,
  promotionCodes,
} from "@cannasaas/db/schema";
import { createTestDatabase } from "@cannasaas/db/testing";
import type { MailMessage, MailTransport } from "@cannasaas/integrations/mail";
import {
  campaignResults,
  createCampaign,
  recordClick,
  recordOpen,
  runMarketing,
  saveSegment,
  scheduleCampaign,
  signTrackingToken,
  unsubscribeByToken,
  verifyTrackingToken,
} from "../../src";
import { createFixtureTenant, type FixtureTenant } from "../../src/testing";
import {
  addCompletedOrder,
  addShopper,
  crashOnMessageInsert,
  removeCrash,
  type Shopper,
} from "./marketing-fixture";

const KEY = "test-marketing-link-key-0123456789";
let handle: DatabaseHandle;
let A: FixtureTenant;
let B: FixtureTenant;
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
let adults: Shopper[];
let underage: Shopper;
let everyoneSegment: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  A = await createFixtureTenant(handle.db, { tag: "send-a", passwordHash: "x" });
  B = await createFixtureTenant(handle.db, { tag: "send-b", passwordHash: "x" });
  adults = [];
  for (let i = 0; i < 7; i++)
    adults.push(await addShopper(handle.db, A, `adult${i}`, { name: `Adult${i} Doe` }));
  underage = await addShopper(handle.db, A, "teen", { dob: "2006-09-01" }); // 19 on the send date
  await addShopper(handle.db, A, "quiet", { emailConsent: false });
  await addShopper(handle.db, B, "b-shopper");
  everyoneSegment = (
    await saveSegment(handle.db, A.org.id, { name: "Everyone", rules: { match: "all", groups: [] } })
  ).after.id;
  const [deal] = await handle.db
    .insert(promotions)
    .values({
      organizationId: A.org.id,
      name: "Ten off",
      kind: "amount_off",
      rule: { kind: "amount_off", amountCents: 1000 },
      requiresCode: true,
    } as typeof promotions.$inferInsert)
    .returning();
  await handle.db
    .insert(promotionCodes)
    .values({ organizationId: A.org.id, promotionId: deal!.id, code: "HELLO10" });
});
afterAll(async () => handle?.close());
beforeEach(() => {
  sent = [];
});

async function scheduledCampaign(
  name: string,
  overrides: Partial<{ couponCode: string; body: string }> = {},
) {
  const campaign = await createCampaign(
    handle.db,
    A.org.id,
    {
      name,
      segmentId: everyoneSegment,
      subject: "Hi {{first_name}}, deals at {{store}}",
      body:
        overrides.body ??
        "You have {{points}} points ({{tier}}).\n\nSee https://send-a.localhost:3000/menu today.",
      couponCode: overrides.couponCode ?? null,
      windowStartMinute: 540,
      windowEndMinute: 1200,
    },
    null,
  );
  await scheduleCampaign(handle.db, A.org.id, campaign.id, {
    sendAt: null,
    now,
    storefrontOrigin: "http://send-a.localhost:3000",
    trackingBaseUrl: "http://localhost:3000/api/marketing",
  });
  return campaign;
}

const messagesOf = (campaignId: string) =>
  handle.db.select().from(marketingMessages).where(eq(marketingMessages.campaignId, campaignId));

describe("the marketing job", () => {
  it("sends once to each consenting adult, skips the under-21, and writes RFC 8058 headers and the footer", async () => {
    const campaign = await scheduledCampaign("First", { couponCode: "hello10" });
    const counts = (await runMarketing(deps(), { batchSize: 3 })).counts;
    expect(counts).toMatchObject({ started: 1, queued: 7, skipped: 1, finished: 1, sent: 7 });
    expect(sent.map((m) => m.to).sort()).toEqual(adults.map((a) => a.email).sort());
    const one = sent.find((m) => m.to === adults[0]!.email)!;
    expect(one.subject).toBe("Hi Adult0, deals at Store send-a");
    expect(one.headers?.["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    expect(one.headers?.["List-Unsubscribe"]).toMatch(
      /^<http:\/\/localhost:3000\/api\/marketing\/unsubscribe\/[\w-]+\.[\w-]+>$/,
    );
    expect(one.text).toContain("You have 0 points (Member).");
    expect(one.text).toContain("Your code: HELLO10");
    expect(one.text).toContain("1 Main St, Town, CA 90001");
    expect(one.html).toContain("HELLO10");
    expect(one.html).toMatch(/api\/marketing\/open\//);
    // The link in the body is wrapped in a signed click link, not sent bare.
    expect(one.html).not.toContain('href="https://send-a.localhost:3000/menu"');
    const rows = await messagesOf(campaign.id);
    expect(rows.find((r) => r.customerId === underage.customerId)).toMatchObject({
      status: "skipped",
      skipReason: "under_age",
    });
    const [done] = await handle.db
      .select()
      .from(marketingCampaigns)
      .where(eq(marketingCampaigns.id, campaign.id));
    expect(done!.status).toBe("sent");
    const audits = await handle.db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.organizationId, A.org.id),
          eq(auditEvents.action, "marketing.campaign.send_batch"),
        ),
      );
    expect(audits.length).toBe(3); // 8 recipients in batches of 3
    // A second run finds nothing left to do.
    expect((await runMarketing(deps())).counts).toMatchObject({ queued: 0, sent: 0 });
    expect(sent).toHaveLength(7);
  });

  it("two runs at once write and send each message once", async () => {
    const campaign = await scheduledCampaign("Race");
    await handle.db
      .update(customers)
      .set({ marketingEmailConsent: true })
      .where(eq(customers.id, adults[0]!.customerId));
    const [one, two] = await Promise.all([
      runMarketing(deps(), { batchSize: 2 }),
      runMarketing(deps(), { batchSize: 2 }),
    ]);
    expect((one.counts.queued ?? 0) + (two.counts.queued ?? 0)).toBe(7);
    const rows = await messagesOf(campaign.id);
    expect(rows).toHaveLength(8);
    expect(new Set(rows.map((r) => r.customerId)).size).toBe(8);
    expect(sent.map((m) => m.to).sort()).toEqual(adults.map((a) => a.email).sort());
  });

  it("sends a batch at once, and retries only the email the transport refused", async () => {
    const campaign = await scheduledCampaign("Refused once");
    const refused = adults[3]!.email;
    let refusals = 0;
    const flaky: MailTransport = {
      name: "dev-mailbox",
      send: async (message) => {
        if (message.to === refused && refusals++ === 0) throw new Error("451 try again later");
        return mail.send(message);
      },
    };
    const first = await runMarketing({ ...deps(), mail: flaky });
    expect(first.counts).toMatchObject({ queued: 7, sent: 6, failed: 1 });
    const statusOf = async () =>
      new Map(
        (
          await handle.db
            .select({ to: sql<string>`${outboxMessages.payload}->>'to'`, status: outboxMessages.status })
            .from(outboxMessages)
            .innerJoin(marketingMessages, eq(marketingMessages.outboxId, outboxMessages.id))
            .where(eq(marketingMessages.campaignId, campaign.id))
        ).map((r) => [r.to, r.status]),
      );
    const afterFirst = await statusOf();
    expect(afterFirst.get(refused)).toBe("failed");
    expect([...afterFirst].filter(([, status]) => status === "sent")).toHaveLength(6);

    const before = now;
    now = new Date(now.getTime() + 60 * 60_000); // past the backoff
    const second = await runMarketing({ ...deps(), mail: flaky });
    expect(second.counts).toMatchObject({ sent: 1, failed: 0 });
    expect((await statusOf()).get(refused)).toBe("sent");
    expect(sent.map((m) => m.to).sort()).toEqual(adults.map((a) => a.email).sort());
    // Its messages would spend the weekly cap the following tests send under.
    now = before;
    await handle.db.delete(marketingCampaigns).where(eq(marketingCampaigns.id, campaign.id));
  });

  it("resumes after a crash in the middle of a batch without losing or repeating anyone", async () => {
    const campaign = await scheduledCampaign("Crash");
    await crashOnMessageInsert(handle.db, 2); // the second batch dies before it commits
    const crash = (await runMarketing(deps(), { batchSize: 3 }).catch((e: unknown) => e)) as Error;
    expect(String((crash.cause as Error | undefined)?.message)).toMatch(/simulated crash mid-batch/);
    await removeCrash(handle.db);
    expect(await messagesOf(campaign.id)).toHaveLength(3); // the first batch committed, the second left nothing
    await runMarketing(deps(), { batchSize: 3 });
    const rows = await messagesOf(campaign.id);
    expect(rows).toHaveLength(8);
    expect(new Set(rows.map((r) => r.customerId)).size).toBe(8);
    const outbox = await handle.db
      .select({ to: sql<string>`${outboxMessages.payload}->>'to'` })
      .from(outboxMessages)
      .innerJoin(marketingMessages, eq(marketingMessages.outboxId, outboxMessages.id))
      .where(eq(marketingMessages.campaignId, campaign.id));
    expect(outbox.map((o) => o.to).sort()).toEqual(adults.map((a) => a.email).sort());
    expect(sent.map((m) => m.to).sort()).toEqual(adults.map((a) => a.email).sort());
  });

  it("holds to three campaigns per customer per week: the fourth is skipped", async () => {
    const campaign = await scheduledCampaign("Fourth");
    await runMarketing(deps());
    const rows = await messagesOf(campaign.id);
    expect(rows.filter((r) => r.skipReason === "frequency_cap")).toHaveLength(7);
    expect(sent).toHaveLength(0);
  });

  it("waits outside the store's send window", async () => {
    now = new Date("2026-06-23T06:00:00Z"); // 23:00 in Los Angeles
    const campaign = await scheduledCampaign("Late");
    await runMarketing(deps());
    expect(await messagesOf(campaign.id)).toHaveLength(0);
    now = new Date("2026-06-23T17:00:00Z");
    await runMarketing(deps());
    expect(await messagesOf(campaign.id)).toHaveLength(8);
  });
});

describe("consent, tracking and results", () => {
  it("an unsubscribe takes effect at once, even for an email already queued", async () => {
    now = new Date("2026-07-15T17:00:00Z");
    const campaign = await scheduledCampaign("Consent");
    await runMarketing(deps(), { sendLimit: 0 });
    const rows = await messagesOf(campaign.id);
    const target = rows.find((r) => r.customerId === adults[1]!.customerId)!;
    const token = signTrackingToken({ kind: "unsubscribe", messageId: target.id }, KEY);
    expect(await unsubscribeByToken(handle.db, token, KEY, now)).toEqual({ organizationId: A.org.id });
    const [customer] = await handle.db
      .select()
      .from(customers)
      .where(eq(customers.id, adults[1]!.customerId));
    expect(customer!.marketingEmailConsent).toBe(false);
    await runMarketing(deps());
    expect(sent.map((m) => m.to)).not.toContain(adults[1]!.email);
    expect(sent).toHaveLength(6);
    const [after] = await handle.db
      .select()
      .from(marketingMessages)
      .where(eq(marketingMessages.id, target.id));
    expect(after).toMatchObject({ status: "skipped", skipReason: "no_consent" });
    const audit = await handle.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.organizationId, A.org.id), eq(auditEvents.action, "marketing.unsubscribe")));
    expect(audit).toHaveLength(1);
    // The next campaign leaves them out entirely.
    const next = await scheduledCampaign("After unsubscribe");
    await runMarketing(deps());
    expect((await messagesOf(next.id)).map((r) => r.customerId)).not.toContain(adults[1]!.customerId);
  });

  it("refuses tampered tokens and counts opens, clicks and attributed orders within 7 days", async () => {
    now = new Date("2026-08-03T17:00:00Z");
    const campaign = await scheduledCampaign("Results");
    await runMarketing(deps());
    const rows = await messagesOf(campaign.id);
    const clicker = rows.find((r) => r.customerId === adults[2]!.customerId)!;
    const click = signTrackingToken(
      { kind: "click", messageId: clicker.id, url: "http://send-a.localhost:3000/menu" },
      KEY,
    );
    const [body, mac] = click.split(".") as [string, string];
    const forged = Buffer.from(JSON.stringify(["c", clicker.id, "https://evil.example/"])).toString(
      "base64url",
    );
    expect(verifyTrackingToken(`${forged}.${mac}`, KEY)).toBeNull();
    expect(verifyTrackingToken(`${body}.${mac.slice(0, -2)}xx`, KEY)).toBeNull();
    expect(verifyTrackingToken(click, "another-key-0123456789abcdef")).toBeNull();
    expect(await recordClick(handle.db, `${forged}.${mac}`, KEY, now)).toBeNull();
    expect(await recordClick(handle.db, click, KEY, now)).toBe("http://send-a.localhost:3000/menu");
    const opener = rows.find((r) => r.customerId === adults[3]!.customerId)!;
    expect(
      await recordOpen(handle.db, signTrackingToken({ kind: "open", messageId: opener.id }, KEY), KEY, now),
    ).toBe(true);
    // An open token is not a click token.
    expect(
      await recordClick(handle.db, signTrackingToken({ kind: "open", messageId: opener.id }, KEY), KEY, now),
    ).toBeNull();

    const day = 86_400_000;
    const inWindow = new Date(now.getTime() + 2 * day);
    await addCompletedOrder(handle.db, A, adults[2]!.customerId, {
      totalCents: 4_200,
      daysAgo: -2,
      category: "Flower",
      units: 1,
      now,
      status: "pending",
    });
    await addCompletedOrder(handle.db, A, adults[2]!.customerId, {
      totalCents: 9_900,
      daysAgo: -8,
      category: "Flower",
      units: 1,
      now,
    });
    await addCompletedOrder(handle.db, A, adults[3]!.customerId, {
      totalCents: 5_000,
      daysAgo: -1,
      category: "Flower",
      units: 1,
      now,
    });
    expect(inWindow > now).toBe(true);

    const { results } = await campaignResults(handle.db, A.org.id, campaign.id);
    expect(results).toMatchObject({
      recipients: 7, // adults[1] unsubscribed earlier; the teen is skipped
      sent: 6,
      opened: 2, // the opener, and the clicker (a click proves an open)
      clicked: 1,
      attributedOrders: 1, // the order two days after the click; not the one after 8 days, not the non-clicker's
      attributedRevenueCents: 4_200,
    });
    expect(results.skipped).toEqual({ under_age: 1 });
    // Another store cannot read the report.
    await expect(campaignResults(handle.db, B.org.id, campaign.id)).rejects.toThrow(/does not exist/);
  });

  it("refuses an unknown merge field, a past schedule and another store's coupon", async () => {
    const base = {
      name: "Bad",
      segmentId: everyoneSegment,
      subject: "Hi",
      body: "Hello",
      windowStartMinute: 540,
      windowEndMinute: 1200,
    };
    await expect(
      createCampaign(handle.db, A.org.id, { ...base, body: "Hi {{nickname}}" }, null),
    ).rejects.toThrow(/nickname/);
    await expect(createCampaign(handle.db, B.org.id, { ...base }, null)).rejects.toThrow(
      /segment does not exist/,
    );
    await expect(createCampaign(handle.db, A.org.id, { ...base, couponCode: "NOPE" }, null)).rejects.toThrow(
      /not an active coupon/,
    );
    const draft = await createCampaign(handle.db, A.org.id, base, null);
    await expect(
      scheduleCampaign(handle.db, A.org.id, draft.id, {
        sendAt: new Date(now.getTime() - 3_600_000),
        now,
        storefrontOrigin: "http://x",
        trackingBaseUrl: "http://y",
      }),
    ).rejects.toThrow(/has passed/);
  });
});
