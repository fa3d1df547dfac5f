/**
 * Web push as a marketing channel: the audience (push consent and a subscribed browser, adults only), one push
 * per shopper however many runs race, consent read again before sending, quiet hours, dead subscriptions
 * removed, and taps counted through the signed click link. Sent through the real web push sender to a
 * stand-in push service, and through the dev mailbox.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { and, desc, eq } from "drizzle-orm";
import type { DatabaseHandle } from "@cannasaas/db/client";
import {
  auditEvents,
  customers,
  marketingMessages,
  outboxMessages,
  promotionCodes,
  promotions,
  pushSubscriptions,
  queueJobs,
  users,
} from "@cannasaas/db/schema";
import { createTestDatabase } from "@cannasaas/db/testing";
import { createSafeHttpClient } from "@cannasaas/integrations/http";
import type { MailTransport } from "@cannasaas/integrations/mail";
import { createDevPushSender, createWebPushSender, type PushSender } from "@cannasaas/integrations/push";
import {
  createTestBrowser,
  createTestVapidKeys,
  startPushStandIn,
  type PushStandIn,
} from "@cannasaas/integrations/testing";
import { campaignInput } from "@cannasaas/validators";
import {
  campaignResults,
  composeMarketingPush,
  countSegment,
  createCampaign,
  listPushMailbox,
  recordClick,
  runMarketing,
  saveSegment,
  scheduleCampaign,
  sealPersonal,
  setMarketingPushConsent,
  verifyTrackingToken,
} from "../../src";
import { createFixtureTenant, type FixtureTenant } from "../../src/testing";
import { addCompletedOrder } from "./marketing-fixture";

const KEY = "test-marketing-link-key-0123456789";
const STOREFRONT = "http://x.localhost:3000";
const vapid = createTestVapidKeys();
const browserKeys = createTestBrowser();

let handle: DatabaseHandle;
let service: PushStandIn;
let now = new Date("2026-06-15T18:00:00Z"); // 11:00 in Los Angeles
const clock = () => now;
const mail: MailTransport = { name: "dev-mailbox", send: async () => ({ messageId: "unused" }) };
let sender: PushSender;
const deps = (push: PushSender = sender) => ({ db: handle.db, clock, mail, linkKey: KEY, push });
let tenantCount = 0;

beforeAll(async () => {
  handle = await createTestDatabase();
  service = await startPushStandIn();
  sender = createWebPushSender({
    vapid,
    http: createSafeHttpClient({ allowLoopback: true }),
    timeoutMs: 2_000,
  });
});
afterAll(async () => {
  await service?.close();
  await handle?.close();
});
beforeEach(() => service.reset());

const tenant = () => createFixtureTenant(handle.db, { tag: `push-mkt-${++tenantCount}`, passwordHash: "x" });

/** A shopper with push consent as given and one subscribed browser per name in `browsers`. */
async function pushShopper(
  t: FixtureTenant,
  tag: string,
  options: { consent?: boolean; dob?: string; browsers?: string[]; timeZone?: string } = {},
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
      marketingPushConsent: options.consent ?? true,
      timeZone: options.timeZone ?? null,
    })
    .returning({ id: customers.id });
  for (const name of options.browsers ?? [`${tag}-phone`]) {
    await handle.db.insert(pushSubscriptions).values({
      organizationId: t.org.id,
      customerId: customer!.id,
      endpoint: `${service.url}/push/${t.org.slug}-${name}`,
      p256dh: browserKeys.p256dh,
      auth: browserKeys.auth,
    });
  }
  return customer!.id;
}

const pathOf = (t: FixtureTenant, name: string) => `/push/${t.org.slug}-${name}`;
const pushesTo = (t: FixtureTenant, name: string) =>
  service.received.filter((r) => r.path === pathOf(t, name));
const shown = (body: Buffer) =>
  JSON.parse(browserKeys.decrypt(body)) as { title: string; body: string; url: string; tag: string };

async function pushCampaign(
  t: FixtureTenant,
  content: { subject?: string; body?: string; couponCode?: string | null } = {},
) {
  const segment = await saveSegment(handle.db, t.org.id, {
    name: `Everyone ${Math.random()}`,
    rules: { match: "all", groups: [] },
  });
  const campaign = await createCampaign(
    handle.db,
    t.org.id,
    {
      name: "Weekend deals",
      channel: "push",
      segmentId: segment.after.id,
      subject: content.subject ?? "Hi {{first_name}}, weekend deals",
      body: content.body ?? "20% off edibles at {{store}} until Sunday.",
      couponCode: content.couponCode ?? null,
      windowStartMinute: 0,
      windowEndMinute: 1440,
    },
    null,
  );
  await scheduleCampaign(handle.db, t.org.id, campaign.id, {
    sendAt: null,
    now,
    storefrontOrigin: STOREFRONT,
    trackingBaseUrl: `${STOREFRONT}/api/marketing`,
  });
  return campaign;
}

const messagesOf = (campaignId: string) =>
  handle.db.select().from(marketingMessages).where(eq(marketingMessages.campaignId, campaignId));

describe("push campaigns", () => {
  it("push each consenting adult's subscribed browsers once, even with two runs at once", async () => {
    now = new Date("2026-06-15T18:00:00Z");
    const t = await tenant();
    const ok = await pushShopper(t, "ok", { browsers: ["phone", "laptop"] });
    const teen = await pushShopper(t, "teen", { dob: "2006-09-01" });
    await pushShopper(t, "orders-only", { consent: false });
    await pushShopper(t, "no-browser", { browsers: [] });
    const campaign = await pushCampaign(t);

    await Promise.all([runMarketing(deps()), runMarketing(deps())]);

    expect(pushesTo(t, "phone")).toHaveLength(1);
    expect(pushesTo(t, "laptop")).toHaveLength(1);
    expect(pushesTo(t, "teen-phone")).toHaveLength(0);
    expect(pushesTo(t, "orders-only-phone")).toHaveLength(0);
    expect(service.received).toHaveLength(2);
    const notification = shown(pushesTo(t, "phone")[0]!.body);
    expect(notification).toMatchObject({
      title: "Hi ok, weekend deals",
      body: `20% off edibles at Store ${t.org.slug} until Sunday.`,
      tag: `campaign:${campaign.id}`,
    });
    // A tap goes through the signed click link on the storefront's own origin.
    expect(notification.url.startsWith(`${STOREFRONT}/api/marketing/click/`)).toBe(true);

    // Without consent or a browser a shopper is not in the audience at all; the teen is recorded as skipped.
    const rows = await messagesOf(campaign.id);
    expect(rows.map((r) => [r.customerId, r.channel, r.status, r.skipReason]).sort()).toEqual(
      [
        [ok, "push", "queued", null],
        [teen, "push", "skipped", "under_age"],
      ].sort(),
    );
    // The segment builder's push reach is this audience: the teen counts, as age is decided per message.
    const counted = await countSegment(handle.db, t.org.id, { match: "all", groups: [] }, now);
    expect(counted.reach.push).toBe(rows.length);
    const jobs = await handle.db
      .select()
      .from(queueJobs)
      .where(and(eq(queueJobs.queue, "marketing-push"), eq(queueJobs.organizationId, t.org.id)));
    expect(jobs).toHaveLength(1);
    const { results } = await campaignResults(handle.db, t.org.id, campaign.id);
    expect(results).toMatchObject({ sent: 1, bounced: 0, skipped: { under_age: 1 } });
  });

  it("count a tap as a click and the order placed after it", async () => {
    now = new Date("2026-06-15T18:00:00Z");
    const t = await tenant();
    const customerId = await pushShopper(t, "tapper");
    const campaign = await pushCampaign(t);
    await runMarketing(deps());
    const { url } = shown(pushesTo(t, "tapper-phone")[0]!.body);
    const token = url.split("/click/")[1]!;
    expect(verifyTrackingToken(token, KEY)).toMatchObject({ kind: "click", url: `${STOREFRONT}/` });
    // A token altered on the way leads nowhere and counts nothing.
    expect(await recordClick(handle.db, `${token.slice(0, -2)}xx`, KEY, now)).toBeNull();

    now = new Date("2026-06-15T19:00:00Z");
    expect(await recordClick(handle.db, token, KEY, now)).toBe(`${STOREFRONT}/`);
    now = new Date("2026-06-16T19:00:00Z");
    await addCompletedOrder(handle.db, t, customerId, {
      totalCents: 4200,
      daysAgo: 0,
      category: "Edibles",
      units: 1,
      now,
    });
    const { results } = await campaignResults(handle.db, t.org.id, campaign.id);
    expect(results).toMatchObject({ sent: 1, clicked: 1, attributedOrders: 1, attributedRevenueCents: 4200 });
  });

  it("wait for 08:00 on the shopper's clock in quiet hours, then send", async () => {
    now = new Date("2026-06-15T12:30:00Z"); // 05:30 in Los Angeles, 08:30 in New York
    const t = await tenant();
    await pushShopper(t, "la");
    await pushShopper(t, "ny", { timeZone: "America/New_York" });
    await pushCampaign(t);

    await runMarketing(deps());
    expect(pushesTo(t, "ny-phone")).toHaveLength(1);
    expect(pushesTo(t, "la-phone")).toHaveLength(0);
    const [waiting] = await handle.db
      .select({ runAt: queueJobs.runAt })
      .from(queueJobs)
      .where(and(eq(queueJobs.queue, "marketing-push"), eq(queueJobs.organizationId, t.org.id)))
      .orderBy(desc(queueJobs.runAt));
    expect(waiting?.runAt.toISOString()).toBe("2026-06-15T15:00:00.000Z");

    now = new Date("2026-06-15T14:59:00Z");
    await runMarketing(deps());
    expect(pushesTo(t, "la-phone")).toHaveLength(0);
    now = new Date("2026-06-15T15:00:00Z");
    await runMarketing(deps());
    expect(pushesTo(t, "la-phone")).toHaveLength(1);
  });

  it("switching consent off after the push was written stops it, audited", async () => {
    now = new Date("2026-06-15T12:30:00Z");
    const t = await tenant();
    const customerId = await pushShopper(t, "changed-mind");
    const campaign = await pushCampaign(t);
    await runMarketing(deps()); // 05:30 local: written and waiting
    expect((await messagesOf(campaign.id))[0]).toMatchObject({ status: "queued" });

    await setMarketingPushConsent(handle.db, { organizationId: t.org.id, customerId }, false, now);
    now = new Date("2026-06-15T15:00:00Z");
    await runMarketing(deps());

    expect(pushesTo(t, "changed-mind-phone")).toHaveLength(0);
    const [message] = await messagesOf(campaign.id);
    expect(message).toMatchObject({ status: "skipped", skipReason: "no_consent" });
    const [outbox] = await handle.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.id, message!.outboxId!));
    expect(outbox).toMatchObject({ status: "dead" });
    const audit = await handle.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.organizationId, t.org.id), eq(auditEvents.resourceId, customerId)));
    expect(audit.map((a) => a.action)).toEqual(["marketing.push_unsubscribe"]);
  });

  it("remove a browser the push service says is gone (410), and skip a shopper left with none", async () => {
    now = new Date("2026-06-15T18:00:00Z");
    const t = await tenant();
    const two = await pushShopper(t, "two", { browsers: ["old", "new"] });
    const one = await pushShopper(t, "one", { browsers: ["only"] });
    service.answer({ status: 410 }, pathOf(t, "old"));
    service.answer({ status: 404 }, pathOf(t, "only"));
    const campaign = await pushCampaign(t);

    await runMarketing(deps());

    const left = await handle.db
      .select({ endpoint: pushSubscriptions.endpoint, customerId: pushSubscriptions.customerId })
      .from(pushSubscriptions)
      .where(eq(pushSubscriptions.organizationId, t.org.id));
    expect(left).toEqual([{ endpoint: `${service.url}${pathOf(t, "new")}`, customerId: two }]);
    expect(pushesTo(t, "new")).toHaveLength(1);
    const rows = await messagesOf(campaign.id);
    expect(rows.find((r) => r.customerId === two)).toMatchObject({ status: "queued" });
    expect(rows.find((r) => r.customerId === one)).toMatchObject({
      status: "skipped",
      skipReason: "no_subscription",
    });
    const { results } = await campaignResults(handle.db, t.org.id, campaign.id);
    expect(results).toMatchObject({ sent: 1, skipped: { no_subscription: 1 } });
  });

  it("retry a busy push service after Retry-After, only for the browsers still owed the push", async () => {
    now = new Date("2026-06-15T18:00:00Z");
    const t = await tenant();
    await pushShopper(t, "busy", { browsers: ["fine", "busy"] });
    service.answer({ status: 429, headers: { "retry-after": "120" } }, pathOf(t, "busy"));
    const campaign = await pushCampaign(t);
    await runMarketing(deps());
    expect(pushesTo(t, "fine")).toHaveLength(1);
    expect(pushesTo(t, "busy")).toHaveLength(1);
    const [message] = await messagesOf(campaign.id);
    const outboxRow = async () =>
      (await handle.db.select().from(outboxMessages).where(eq(outboxMessages.id, message!.outboxId!)))[0]!;
    expect(await outboxRow()).toMatchObject({ status: "failed" });
    expect((await outboxRow()).nextAttemptAt?.toISOString()).toBe(
      new Date(now.getTime() + 120_000).toISOString(),
    );

    service.answer({ status: 201 }, pathOf(t, "busy"));
    now = new Date(now.getTime() + 121_000);
    await runMarketing(deps());
    expect(pushesTo(t, "fine")).toHaveLength(1);
    expect(pushesTo(t, "busy")).toHaveLength(2);
    expect(await outboxRow()).toMatchObject({ status: "sent" });
    expect((await campaignResults(handle.db, t.org.id, campaign.id)).results).toMatchObject({ sent: 1 });
  });

  it("go to the dev mailbox when no push service is configured", async () => {
    now = new Date("2026-06-15T18:00:00Z");
    const t = await tenant();
    const customerId = await pushShopper(t, "local");
    await pushCampaign(t, { subject: "Local deals" });
    await runMarketing(deps(createDevPushSender()));
    expect(service.received).toHaveLength(0);
    const mailbox = await listPushMailbox(handle.db, { limit: 50 });
    const entry = mailbox.find((m) => m.payload.customerId === customerId);
    expect(entry).toMatchObject({ status: "sent", payload: { message: { title: "Local deals" } } });
  });
});

describe("push campaign content", () => {
  it("put the coupon on its own line and fill merge fields", () => {
    expect(
      composeMarketingPush(
        { subject: "{{first_name}}, a treat", body: "Ten off today.", couponCode: "HELLO10" },
        { first_name: "Ana", points: "0", tier: "Member", store: "Leaf" },
      ),
    ).toEqual({ title: "Ana, a treat", body: "Ten off today.\nCode: HELLO10" });
  });

  it("refuse a long title or text, an A/B test, and a missing title, on both sides", async () => {
    const t = await tenant();
    const segment = await saveSegment(handle.db, t.org.id, {
      name: "All",
      rules: { match: "all", groups: [] },
    });
    const [deal] = await handle.db
      .insert(promotions)
      .values({
        organizationId: t.org.id,
        name: "Ten off",
        kind: "amount_off",
        rule: { kind: "amount_off", amountCents: 1000 },
        requiresCode: true,
      } as typeof promotions.$inferInsert)
      .returning();
    await handle.db
      .insert(promotionCodes)
      .values({ organizationId: t.org.id, promotionId: deal!.id, code: "HELLO10" });
    const base = {
      name: "P",
      channel: "push" as const,
      segmentId: segment.after.id,
      subject: "Weekend",
      body: "Deals.",
      windowStartMinute: 0,
      windowEndMinute: 1440,
    };
    const issues = (input: Record<string, unknown>) => {
      const parsed = campaignInput.safeParse({ ...base, ...input });
      return parsed.success ? [] : parsed.error.issues.map((i) => i.path.join("."));
    };
    expect(issues({})).toEqual([]);
    expect(issues({ subject: "x".repeat(61) })).toEqual(["subject"]);
    expect(issues({ subject: "" })).toEqual(["subject"]);
    expect(issues({ body: "x".repeat(201) })).toEqual(["body"]);
    // 195 characters fit alone, not with the coupon line.
    expect(issues({ body: "x".repeat(195) })).toEqual([]);
    expect(issues({ body: "x".repeat(195), couponCode: "HELLO10" })).toEqual(["body"]);
    expect(
      issues({
        abTest: { subject: "B", body: "Other", sharePercent: 50, metric: "click_rate", testHours: 4 },
      }),
    ).toEqual(["abTest"]);

    const save = (input: Partial<typeof base> & { couponCode?: string }) =>
      createCampaign(handle.db, t.org.id, { ...base, ...input }, null);
    await expect(save({ subject: "x".repeat(61) })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(save({ subject: " " })).rejects.toThrow(/Write a title/);
    // Fits as typed, not with a long first name in it: refused at save rather than cut for some shoppers.
    await expect(save({ subject: `${"x".repeat(50)}{{tier}}` })).rejects.toThrow(/title/);
    await expect(save({ body: "x".repeat(195), couponCode: "HELLO10" })).rejects.toThrow(/200/);
    expect(await save({ couponCode: "hello10" })).toMatchObject({ channel: "push", couponCode: "HELLO10" });
  });
});

describe("marketing push consent", () => {
  it("needs a subscribed browser to turn on, records each change once, and stays within its store", async () => {
    const t = await tenant();
    const without = await pushShopper(t, "nobrowser", { consent: false, browsers: [] });
    await expect(
      setMarketingPushConsent(handle.db, { organizationId: t.org.id, customerId: without }, true, now),
    ).rejects.toThrow(/Turn on notifications/);

    const customerId = await pushShopper(t, "opter", { consent: false });
    const scope = { organizationId: t.org.id, customerId };
    expect(await setMarketingPushConsent(handle.db, scope, true, now)).toEqual({
      marketingPushConsent: true,
    });
    await setMarketingPushConsent(handle.db, scope, true, now); // already on: nothing to record
    await setMarketingPushConsent(handle.db, scope, false, now);
    const [row] = await handle.db.select().from(customers).where(eq(customers.id, customerId));
    expect(row!.marketingPushConsent).toBe(false);
    const audit = await handle.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.organizationId, t.org.id), eq(auditEvents.resourceId, customerId)))
      .orderBy(auditEvents.seq);
    expect(audit.map((a) => [a.action, a.after])).toEqual([
      ["marketing.push_subscribe", { marketingPushConsent: true }],
      ["marketing.push_unsubscribe", { marketingPushConsent: false }],
    ]);

    // Another store's scope cannot change this shopper.
    const other = await tenant();
    await expect(
      setMarketingPushConsent(handle.db, { organizationId: other.org.id, customerId }, true, now),
    ).rejects.toThrow(/does not exist/);
  });

  it("is a segment condition, which the customers page filters by too", async () => {
    const t = await tenant();
    await pushShopper(t, "yes");
    await pushShopper(t, "no", { consent: false });
    await pushShopper(t, "also-no", { consent: false, browsers: [] });
    const count = (value: boolean) =>
      countSegment(
        handle.db,
        t.org.id,
        { match: "all", groups: [{ match: "all", conditions: [{ field: "pushConsent", value }] }] },
        now,
      );
    expect((await count(true)).matching).toBe(1);
    // Everyone else, the fixture's own shoppers included.
    const everyone = await countSegment(handle.db, t.org.id, { match: "all", groups: [] }, now);
    expect((await count(false)).matching).toBe(everyone.matching - 1);
    expect(everyone.matching).toBeGreaterThanOrEqual(3);
  });
});
