import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, desc, eq } from "drizzle-orm";
import type { DatabaseHandle } from "@cannasaas/db/client";
import {
  auditEvents,
  customers,
  marketingMessages,
  organizations,
  outboxMessages,
  queueJobs,
  users,
} from "@cannasaas/db/schema";
import { createTestDatabase } from "@cannasaas/db/testing";
import type { MailTransport } from "@cannasaas/integrations/mail";
import { createTwilioSms } from "@cannasaas/integrations/sms";
import { signTwilioWebhook, startTwilioStandIn, type TwilioStandIn } from "@cannasaas/integrations/testing";
import {
  abAssignment,
  campaignResults,
  createCampaign,
  handleInboundSms,
  receiveInboundSms,
  runMarketing,
  saveAutomation,
  saveSegment,
  scheduleCampaign,
  sealPersonal,
} from "../../src";
import { createFixtureTenant, type FixtureTenant } from "../../src/testing";
import { addCompletedOrder } from "./marketing-fixture";

const KEY = "test-marketing-link-key-0123456789";
const SID = `AC${"c3".repeat(16)}`;
const TOKEN = "stand-in-auth-token-0123456789";
const PLATFORM_NUMBER = "+14155550000";

let handle: DatabaseHandle;
let standIn: TwilioStandIn;
let now = new Date("2026-06-15T18:00:00Z"); // 11:00 in Los Angeles, 14:00 in New York
const clock = () => now;
const mail: MailTransport = { name: "dev-mailbox", send: async () => ({ messageId: "unused" }) };
const deps = () => ({
  db: handle.db,
  clock,
  mail,
  linkKey: KEY,
  sms: createTwilioSms({
    accountSid: SID,
    authToken: TOKEN,
    from: PLATFORM_NUMBER,
    messagingServiceSid: null,
    baseUrl: standIn.url,
    timeoutMs: 1_000,
  }),
});
let tenantCount = 0;

beforeAll(async () => {
  handle = await createTestDatabase();
  standIn = await startTwilioStandIn({ accountSid: SID, authToken: TOKEN, retryAfterSeconds: 120 });
});
afterAll(async () => {
  await standIn?.close();
  await handle?.close();
});

async function tenant() {
  return createFixtureTenant(handle.db, { tag: `sms-${++tenantCount}`, passwordHash: "x" });
}

async function texter(
  t: FixtureTenant,
  tag: string,
  options: { phone?: string | null; consent?: boolean; dob?: string; timeZone?: string | null } = {},
) {
  const [user] = await handle.db
    .insert(users)
    .values({
      email: `${tag}@${t.org.slug}.test`,
      name: `${tag} Person`,
      dateOfBirth: sealPersonal(options.dob ?? "1985-03-03"),
    })
    .returning({ id: users.id });
  const [customer] = await handle.db
    .insert(customers)
    .values({
      organizationId: t.org.id,
      userId: user!.id,
      marketingSmsConsent: options.consent ?? true,
      phone: options.phone === undefined ? null : options.phone,
      timeZone: options.timeZone ?? null,
      // Signed up "now" on the test's clock (the welcome automation's trigger).
      createdAt: now,
    })
    .returning({ id: customers.id });
  return customer!.id;
}

async function smsCampaign(t: FixtureTenant, body = "Hi {{first_name}}, 20% off pre-rolls today.") {
  const segment = await saveSegment(handle.db, t.org.id, {
    name: `Everyone ${Math.random()}`,
    rules: { match: "all", groups: [] },
  });
  const campaign = await createCampaign(
    handle.db,
    t.org.id,
    {
      name: "Pre-roll day",
      channel: "sms",
      segmentId: segment.after.id,
      subject: "",
      body,
      windowStartMinute: 0,
      windowEndMinute: 1440,
    },
    null,
  );
  await scheduleCampaign(handle.db, t.org.id, campaign.id, {
    sendAt: null,
    now,
    storefrontOrigin: "http://x.localhost:3000",
    trackingBaseUrl: "http://localhost:3000/api/marketing",
  });
  return campaign;
}

const ownNumber = (t: FixtureTenant, number: string) =>
  handle.db.update(organizations).set({ smsFromNumber: number }).where(eq(organizations.id, t.org.id));

const messagesOf = (campaignId: string) =>
  handle.db.select().from(marketingMessages).where(eq(marketingMessages.campaignId, campaignId));
const textsTo = (to: string) => standIn.messages.filter((m) => m.to === to);

describe("SMS campaigns", () => {
  it("texts each consenting adult with a valid number once, even with two runs at once", async () => {
    now = new Date("2026-06-15T18:00:00Z");
    const t = await tenant();
    const ok1 = await texter(t, "ok1", { phone: "(415) 555-0111" });
    const ok2 = await texter(t, "ok2", { phone: "+14155550112" });
    const bad = await texter(t, "bad", { phone: "555-0100" });
    const none = await texter(t, "none", { phone: null });
    const teen = await texter(t, "teen", { phone: "+14155550113", dob: "2006-09-01" });
    await texter(t, "noconsent", { phone: "+14155550114", consent: false });
    const campaign = await smsCampaign(t);

    await Promise.all([runMarketing(deps()), runMarketing(deps())]);

    expect(textsTo("+14155550111")).toHaveLength(1);
    expect(textsTo("+14155550112")).toHaveLength(1);
    expect(textsTo("+14155550113")).toHaveLength(0);
    expect(textsTo("+14155550114")).toHaveLength(0);
    expect(textsTo("+14155550111")[0]!.body).toBe(
      `Store ${t.org.slug}: Hi ok1, 20% off pre-rolls today.\nReply STOP to opt out`,
    );
    expect(textsTo("+14155550111")[0]!.from).toBe(PLATFORM_NUMBER);

    const rows = await messagesOf(campaign.id);
    const reason = (id: string) => rows.find((r) => r.customerId === id)?.skipReason;
    expect(rows).toHaveLength(5);
    expect(rows.every((r) => r.channel === "sms")).toBe(true);
    expect(
      rows
        .filter((r) => r.status === "queued")
        .map((r) => r.customerId)
        .sort(),
    ).toEqual([ok1, ok2].sort());
    expect(reason(bad)).toBe("invalid_phone");
    expect(reason(none)).toBe("no_phone");
    expect(reason(teen)).toBe("under_age");

    const { results } = await campaignResults(handle.db, t.org.id, campaign.id);
    expect(results).toMatchObject({
      sent: 2,
      bounced: 0,
      skipped: { invalid_phone: 1, no_phone: 1, under_age: 1 },
    });
  });

  it("defers texts in quiet hours to 08:00 on the shopper's clock, then sends them", async () => {
    now = new Date("2026-06-15T12:30:00Z"); // 05:30 in Los Angeles, 08:30 in New York
    const t = await tenant();
    await texter(t, "la", { phone: "+14155550121" });
    await texter(t, "ny", { phone: "+14155550122", timeZone: "America/New_York" });
    const campaign = await smsCampaign(t);

    await runMarketing(deps());
    expect(textsTo("+14155550122")).toHaveLength(1);
    expect(textsTo("+14155550121")).toHaveLength(0);
    const [waiting] = await handle.db
      .select({ runAt: queueJobs.runAt })
      .from(queueJobs)
      .where(and(eq(queueJobs.queue, "marketing-sms"), eq(queueJobs.organizationId, t.org.id)))
      .orderBy(desc(queueJobs.runAt));
    expect(waiting?.runAt.toISOString()).toBe("2026-06-15T15:00:00.000Z");

    now = new Date("2026-06-15T14:59:00Z");
    await runMarketing(deps());
    expect(textsTo("+14155550121")).toHaveLength(0);
    now = new Date("2026-06-15T15:00:00Z");
    await runMarketing(deps());
    expect(textsTo("+14155550121")).toHaveLength(1);
    expect((await messagesOf(campaign.id)).every((m) => m.status === "queued")).toBe(true);
  });

  it("a STOP takes effect at once, even for a text already queued", async () => {
    now = new Date("2026-06-15T12:30:00Z");
    const t = await tenant();
    // A store with its own number: replies to it are this store's.
    await ownNumber(t, "+14155550900");
    const customerId = await texter(t, "stopper", { phone: "+14155550131" });
    const campaign = await smsCampaign(t);
    await runMarketing(deps()); // 05:30 local: written and deferred
    const result = await handleInboundSms(
      { db: handle.db, clock },
      { from: "+14155550131", to: "+14155550900", body: "stop", messageSid: "SMin1" },
    );
    expect(result).toMatchObject({ keyword: "stop", changed: 1 });
    const [after] = await handle.db.select().from(customers).where(eq(customers.id, customerId));
    expect(after!.marketingSmsConsent).toBe(false);
    now = new Date("2026-06-15T15:00:00Z");
    await runMarketing(deps());
    expect(textsTo("+14155550131")).toHaveLength(0);
    const [message] = await messagesOf(campaign.id);
    expect(message).toMatchObject({ status: "skipped", skipReason: "no_consent" });
  });

  it("retries 429 after Retry-After and 500 with backoff, dead-letters after the last try, and stops at once on an invalid number", async () => {
    now = new Date("2026-06-15T17:00:00Z");
    const t = await tenant();
    await texter(t, "retry", { phone: "+14155550141" });
    const campaign = await smsCampaign(t);
    standIn.fail("rate_limit", "server_error");
    await runMarketing(deps()); // 429: waits Retry-After (120 s)
    expect(textsTo("+14155550141")).toHaveLength(0);
    now = new Date(now.getTime() + 60_000);
    await runMarketing(deps()); // not yet due
    now = new Date(now.getTime() + 61_000);
    await runMarketing(deps()); // 500: backs off
    expect(textsTo("+14155550141")).toHaveLength(0);
    now = new Date(now.getTime() + 2 * 60_000);
    await runMarketing(deps());
    expect(textsTo("+14155550141")).toHaveLength(1);
    const [sentRow] = await handle.db
      .select()
      .from(outboxMessages)
      .innerJoin(marketingMessages, eq(marketingMessages.outboxId, outboxMessages.id))
      .where(eq(marketingMessages.campaignId, campaign.id));
    expect(sentRow!.outbox_messages).toMatchObject({ status: "sent", attempts: 3, deliveredVia: "twilio" });

    // Twilio refuses the number: dead at once, counted as failed.
    const t2 = await tenant();
    await texter(t2, "magic", { phone: "+15005550001" });
    const refused = await smsCampaign(t2);
    await runMarketing(deps());
    const { results } = await campaignResults(handle.db, t2.org.id, refused.id);
    expect(results).toMatchObject({ sent: 0, bounced: 1 });
    const [refusedJob] = await handle.db
      .select()
      .from(queueJobs)
      .where(and(eq(queueJobs.queue, "marketing-sms"), eq(queueJobs.organizationId, t2.org.id)));
    expect(refusedJob).toMatchObject({ state: "dead", attempts: 1 });
    expect(refusedJob!.lastError).toMatch(/21211/);

    // Always failing: dead letter after the sixth attempt, never sent.
    const t3 = await tenant();
    await texter(t3, "down", { phone: "+14155550151" });
    const down = await smsCampaign(t3);
    standIn.fail(...Array.from({ length: 6 }, () => "server_error" as const));
    for (let i = 0; i < 12; i++) {
      await runMarketing(deps());
      now = new Date(now.getTime() + 61 * 60_000);
      if (i === 5) now = new Date("2026-06-16T16:00:00Z"); // keep inside the day's hours
    }
    expect(textsTo("+14155550151")).toHaveLength(0);
    const [job] = await handle.db
      .select()
      .from(queueJobs)
      .where(and(eq(queueJobs.queue, "marketing-sms"), eq(queueJobs.organizationId, t3.org.id)));
    expect(job).toMatchObject({ state: "dead", attempts: 6 });
    expect((await campaignResults(handle.db, t3.org.id, down.id)).results.bounced).toBe(1);
  });

  it("refuses at save a text over the provider's limit, with a clear message", async () => {
    const t = await tenant();
    const segment = await saveSegment(handle.db, t.org.id, {
      name: "All",
      rules: { match: "all", groups: [] },
    });
    const input = {
      name: "Too long",
      channel: "sms" as const,
      segmentId: segment.after.id,
      subject: "",
      windowStartMinute: 540,
      windowEndMinute: 1200,
    };
    await expect(
      createCampaign(handle.db, t.org.id, { ...input, body: "a".repeat(1590) }, null),
    ).rejects.toThrow(/characters with the store name and "Reply STOP to opt out"; the limit is 1600/);
    await expect(
      createCampaign(handle.db, t.org.id, { ...input, body: "🌿".repeat(340) }, null),
    ).rejects.toThrow(/parts \(UCS-2\); the limit is 10/);
    const fine = await createCampaign(handle.db, t.org.id, { ...input, body: "a".repeat(1400) }, null);
    expect(fine).toMatchObject({ channel: "sms", subject: "" });
    await expect(
      saveAutomation(
        handle.db,
        t.org.id,
        {
          kind: "welcome",
          channel: "sms",
          enabled: true,
          subject: "",
          body: "b".repeat(1700),
          waitMinutes: 0,
        },
        { storefrontOrigin: "http://x", trackingBaseUrl: "http://y" },
      ),
    ).rejects.toThrow(/limit is 1600/);
  });
});

describe("an A/B text campaign", () => {
  it("texts each shopper their variant and picks the winner by orders counted from the text", async () => {
    now = new Date("2026-06-16T18:00:00Z");
    const t = await tenant();
    const ids: string[] = [];
    for (let i = 0; i < 16; i++) {
      ids.push(await texter(t, `ab${i}`, { phone: `+1415555${String(300 + i).padStart(4, "0")}` }));
    }
    const segment = await saveSegment(handle.db, t.org.id, {
      name: "Everyone A/B",
      rules: { match: "all", groups: [] },
    });
    const campaign = await createCampaign(
      handle.db,
      t.org.id,
      {
        name: "Split text",
        channel: "sms",
        segmentId: segment.after.id,
        subject: "",
        body: "A: 20% off pre-rolls, {{first_name}}.",
        windowStartMinute: 0,
        windowEndMinute: 1440,
        abTest: {
          subject: "",
          body: "B: pre-roll day, {{first_name}}.",
          sharePercent: 100,
          metric: "orders_per_message",
          testHours: 2,
        },
      },
      null,
    );
    await scheduleCampaign(handle.db, t.org.id, campaign.id, {
      sendAt: null,
      now,
      storefrontOrigin: "http://x.localhost:3000",
      trackingBaseUrl: "http://localhost:3000/api/marketing",
    });
    await runMarketing(deps());
    const rows = await messagesOf(campaign.id);
    expect(rows).toHaveLength(16);
    for (const row of rows) {
      const variant = abAssignment(campaign.id, row.customerId, 100);
      expect(row.variant).toBe(variant);
      const i = ids.indexOf(row.customerId);
      const texts = textsTo(`+1415555${String(300 + i).padStart(4, "0")}`);
      expect(texts).toHaveLength(1);
      expect(texts[0]!.body).toContain(variant === "a" ? "A: 20% off" : "B: pre-roll day");
    }
    // One B recipient orders an hour after the text; texts have no clicks, so the text's time anchors it.
    const buyer = rows.find((r) => r.variant === "b")!;
    await addCompletedOrder(handle.db, t, buyer.customerId, {
      totalCents: 3_500,
      daysAgo: -1 / 24,
      category: "Pre-rolls",
      units: 1,
      now,
    });
    now = new Date(now.getTime() + 2 * 3_600_000 + 60_000);
    await runMarketing(deps());
    const { campaign: done, ab } = await campaignResults(handle.db, t.org.id, campaign.id);
    expect(done).toMatchObject({ status: "sent", abWinner: "b" });
    expect(ab!.variants.b).toMatchObject({ orders: 1, revenueCents: 3_500 });
    expect(ab!.variants.a).toMatchObject({ orders: 0, revenueCents: 0 });
    expect(ab!.explanation).toMatch(/^B won on attributed orders per message: /);
  });
});

describe("SMS automations", () => {
  it("texts a welcome once to a consenting adult, in the shopper's hours", async () => {
    now = new Date("2026-06-15T18:00:00Z");
    const t = await tenant();
    await saveAutomation(
      handle.db,
      t.org.id,
      {
        kind: "welcome",
        channel: "sms",
        enabled: true,
        subject: "",
        body: "Welcome, {{first_name}}!",
        waitMinutes: 0,
      },
      { storefrontOrigin: "http://x.localhost:3000", trackingBaseUrl: "http://localhost:3000/api/marketing" },
    );
    await texter(t, "newbie", { phone: "+14155550161" });
    await texter(t, "emailonly", { phone: "+14155550162", consent: false });
    await Promise.all([runMarketing(deps()), runMarketing(deps())]);
    await runMarketing(deps());
    expect(textsTo("+14155550161").map((m) => m.body)).toEqual([
      `Store ${t.org.slug}: Welcome, newbie!\nReply STOP to opt out`,
    ]);
    expect(textsTo("+14155550162")).toHaveLength(0);
  });
});

describe("the inbound webhook", () => {
  const url = "https://cannasaas.test/api/webhooks/twilio/sms";
  it("acts only on Twilio's signature over the configured URL: a forged one gets 403 and changes nothing", async () => {
    const t = await tenant();
    await ownNumber(t, "+14155550902");
    const id = await texter(t, "signed", { phone: "+14155550181" });
    const params = { From: "+14155550181", To: "+14155550902", Body: "STOP", MessageSid: "SM9" };
    const consent = async () =>
      (await handle.db.select().from(customers).where(eq(customers.id, id)))[0]!.marketingSmsConsent;
    const signature = signTwilioWebhook(TOKEN, url, params);

    const forged = [
      { authToken: TOKEN, url, signature: signTwilioWebhook("another-token-000000", url, params), params },
      { authToken: TOKEN, url, signature: null, params },
      // Signed for another address (what a Host header could claim) is not signed for ours.
      { authToken: TOKEN, url, signature: signTwilioWebhook(TOKEN, "https://evil.test/x", params), params },
      { authToken: null, url, signature, params },
    ];
    for (const webhook of forged) {
      expect(await receiveInboundSms({ db: handle.db, clock }, webhook)).toMatchObject({ status: 403 });
    }
    expect(await consent()).toBe(true);
    expect(
      await handle.db.select().from(auditEvents).where(eq(auditEvents.organizationId, t.org.id)),
    ).toHaveLength(0);

    expect(
      await receiveInboundSms({ db: handle.db, clock }, { authToken: TOKEN, url, signature, params }),
    ).toMatchObject({
      status: 200,
      keyword: "stop",
      changed: 1,
    });
    expect(await consent()).toBe(false);
  });
});

describe("inbound keywords", () => {
  it("scopes a reply to the store that owns the number, audits it, and START and HELP work", async () => {
    const own = await tenant();
    const other = await tenant();
    await ownNumber(own, "+14155550901");
    const mine = await texter(own, "same", { phone: "(415) 555-0171" });
    const theirs = await texter(other, "same", { phone: "+14155550171" });
    const consent = async (id: string) =>
      (await handle.db.select().from(customers).where(eq(customers.id, id)))[0]!.marketingSmsConsent;

    const stop = await handleInboundSms(
      { db: handle.db, clock },
      { from: "+1 415 555 0171", to: "+14155550901", body: " Unsubscribe ", messageSid: "SM2" },
    );
    expect(stop).toMatchObject({ keyword: "stop", changed: 1, reply: null });
    expect(await consent(mine)).toBe(false);
    expect(await consent(theirs)).toBe(true);
    const audit = await handle.db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.organizationId, own.org.id), eq(auditEvents.action, "marketing.sms_unsubscribe")),
      );
    expect(audit).toHaveLength(1);
    expect(audit[0]!.resourceId).toBe(mine);

    await handleInboundSms(
      { db: handle.db, clock },
      { from: "+14155550171", to: "+14155550901", body: "UNSTOP" },
    );
    expect(await consent(mine)).toBe(true);

    const help = await handleInboundSms(
      { db: handle.db, clock },
      { from: "+14155550171", to: "+14155550901", body: "help" },
    );
    expect(help.reply).toContain(`Store ${own.org.slug}`);
    expect(help.reply).toContain("Reply STOP to opt out");

    const chat = await handleInboundSms(
      { db: handle.db, clock },
      { from: "+14155550171", to: "+14155550901", body: "stop sending me deals please" },
    );
    expect(chat).toMatchObject({ keyword: null, changed: 0 });
    expect(await consent(mine)).toBe(true);
  });
});
