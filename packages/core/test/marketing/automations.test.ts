import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { and, eq, isNotNull } from "drizzle-orm";
import type { DatabaseHandle } from "@cannasaas/db/client";
import { cartItems, carts, customers, marketingMessages } from "@cannasaas/db/schema";
import { createTestDatabase } from "@cannasaas/db/testing";
import type { MailMessage, MailTransport } from "@cannasaas/integrations/mail";
import {
  AUTOMATION_KINDS,
  listAutomations,
  recordClick,
  runMarketing,
  saveAutomation,
  signTrackingToken,
  type AutomationKind,
} from "../../src";
import { createFixtureTenant, type FixtureTenant } from "../../src/testing";
import {
  addCompletedOrder,
  addShopper,
  crashOnMessageInsert,
  rebuildRollups,
  removeCrash,
  type Shopper,
} from "./marketing-fixture";

const KEY = "test-marketing-link-key-0123456789";
let handle: DatabaseHandle;
let A: FixtureTenant;
let B: FixtureTenant;
// 10:00 in Los Angeles (the fixture's time zone), inside the automations' 08:00-21:00 window.
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
const origins = (t: FixtureTenant) => ({
  storefrontOrigin: `http://${t.org.slug}.localhost:3000`,
  trackingBaseUrl: "http://localhost:3000/api/marketing",
});
let serial = 0;

async function turnOn(t: FixtureTenant, kind: AutomationKind, waitMinutes?: number, enabled = true) {
  const def = AUTOMATION_KINDS[kind];
  return (
    await saveAutomation(
      handle.db,
      t.org.id,
      {
        kind,
        enabled,
        subject: def.subject,
        body: `${def.body}\n\nhttp://${t.org.slug}.localhost:3000/cart`,
        waitMinutes: waitMinutes ?? def.defaultWaitMinutes,
      },
      origins(t),
    )
  ).after;
}

/** A cart of `shopper` with one item, last changed `minutesAgo` before now. */
async function cartOf(t: FixtureTenant, shopper: Shopper, minutesAgo: number) {
  const changed = new Date(now.getTime() - minutesAgo * 60_000);
  const [cart] = await handle.db
    .insert(carts)
    .values({
      organizationId: t.org.id,
      customerId: shopper.customerId,
      createdAt: changed,
      updatedAt: changed,
    })
    .returning();
  await handle.db.insert(cartItems).values({
    organizationId: t.org.id,
    cartId: cart!.id,
    variantId: t.variants[0]!.id,
    quantity: 1,
    createdAt: changed,
    updatedAt: changed,
  });
  return cart!.id;
}

const messagesOf = (automationId: string) =>
  handle.db.select().from(marketingMessages).where(eq(marketingMessages.automationId, automationId));
const shopper = (t: FixtureTenant, options: Parameters<typeof addShopper>[3] = {}) =>
  addShopper(handle.db, t, `auto${++serial}`, { name: `Auto${serial} Doe`, ...options });

beforeAll(async () => {
  handle = await createTestDatabase();
  A = await createFixtureTenant(handle.db, { tag: "auto-a", passwordHash: "x" });
  B = await createFixtureTenant(handle.db, { tag: "auto-b", passwordHash: "x" });
});
afterAll(async () => handle?.close());
beforeEach(() => {
  sent = [];
});

describe("abandoned cart", () => {
  it("emails a consenting adult once per cart after an hour, and nobody else", async () => {
    const automation = await turnOn(A, "abandoned_cart", 60);
    const adult = await shopper(A);
    const teen = await shopper(A, { dob: "2008-01-01" });
    const quiet = await shopper(A, { emailConsent: false });
    const fresh = await shopper(A);
    const ordered = await shopper(A);
    const other = await shopper(B);
    const adultCart = await cartOf(A, adult, 90);
    await cartOf(A, teen, 90);
    await cartOf(A, quiet, 90);
    await cartOf(A, fresh, 30); // not an hour yet
    await cartOf(A, ordered, 90);
    await addCompletedOrder(handle.db, A, ordered.customerId, {
      totalCents: 1000,
      daysAgo: 0.02, // about 30 minutes ago: after the cart's last change
      category: "flower",
      units: 1,
      now,
    });
    await cartOf(B, other, 90); // B has no automation on

    const counts = (await runMarketing(deps())).counts;
    expect(counts).toMatchObject({ automated: 1, skipped: 1, sent: 1 });
    expect(sent.map((m) => m.to)).toEqual([adult.email]);
    expect(sent[0]!.subject).toMatch(/^Auto\d+, your cart at Store auto-a is waiting$/);
    expect(sent[0]!.headers?.["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    expect(sent[0]!.html).toMatch(/api\/marketing\/click\//);
    const rows = await messagesOf(automation.id);
    expect(rows.map((r) => [r.customerId, r.status, r.skipReason]).sort()).toEqual(
      [
        [adult.customerId, "queued", null],
        [teen.customerId, "skipped", "under_age"],
      ].sort(),
    );
    expect(rows.find((r) => r.customerId === adult.customerId)!.idempotencyKey).toBe(
      `automation:${automation.id}:customer:${adult.customerId}:cart:${adultCart}`,
    );

    // The next run, and the one after the young cart's hour, send nothing twice.
    now = new Date(now.getTime() + 40 * 60_000);
    expect((await runMarketing(deps())).counts).toMatchObject({ automated: 1 });
    expect(sent.map((m) => m.to)).toEqual([adult.email, fresh.email]);
    expect((await runMarketing(deps())).counts).toMatchObject({ automated: 0, sent: 0 });
  });

  it("two runs at once, and a run after a crash, send each reminder once", async () => {
    now = new Date("2026-06-16T17:00:00Z");
    const people = [await shopper(A), await shopper(A), await shopper(A), await shopper(A)];
    for (const p of people) await cartOf(A, p, 120);
    await crashOnMessageInsert(handle.db, 1);
    const crashed = (await runMarketing(deps(), { batchSize: 2 }).catch((e: unknown) => e)) as Error;
    expect(String((crashed.cause as Error | undefined)?.message)).toMatch(/simulated crash/);
    await removeCrash(handle.db);
    expect(sent).toHaveLength(0);
    const [one, two] = await Promise.all([
      runMarketing(deps(), { batchSize: 2 }),
      runMarketing(deps(), { batchSize: 2 }),
    ]);
    expect((one.counts.automated ?? 0) + (two.counts.automated ?? 0)).toBe(4);
    expect(sent.map((m) => m.to).sort()).toEqual(people.map((p) => p.email).sort());
  });

  it("sends nothing while turned off, or outside 08:00-21:00 on the store's clock", async () => {
    now = new Date("2026-06-17T05:00:00Z"); // 22:00 the evening before in Los Angeles
    const late = await shopper(A);
    await cartOf(A, late, 90);
    await runMarketing(deps());
    expect(sent).toHaveLength(0);
    await turnOn(A, "abandoned_cart", 60, false);
    now = new Date("2026-06-17T16:00:00Z"); // 09:00
    await runMarketing(deps());
    expect(sent).toHaveLength(0);
    await turnOn(A, "abandoned_cart", 60);
    await runMarketing(deps());
    expect(sent.map((m) => m.to)).toEqual([late.email]);
  });
});

describe("win-back, birthday and results", () => {
  it("wins back a shopper once per lapse, only while the lapse is recent", async () => {
    now = new Date("2026-07-01T17:00:00Z");
    const automation = await turnOn(A, "win_back", 60 * 24 * 60);
    const lapsed = await shopper(A);
    const recent = await shopper(A);
    const longGone = await shopper(A);
    const order = (s: Shopper, daysAgo: number) =>
      addCompletedOrder(handle.db, A, s.customerId, {
        totalCents: 2000,
        daysAgo,
        category: "flower",
        units: 1,
        now,
      });
    await order(lapsed, 60.5);
    await order(recent, 59);
    await order(longGone, 200);
    await rebuildRollups(handle.db, A);
    await runMarketing(deps());
    expect(sent.map((m) => m.to)).toEqual([lapsed.email]);
    expect(sent[0]!.subject).toMatch(/^We miss you at Store auto-a/);
    await runMarketing(deps());
    expect(sent).toHaveLength(1);

    // The click is signed, and an order within 7 days after it counts for the automation.
    const [message] = (await messagesOf(automation.id)).filter((m) => m.customerId === lapsed.customerId);
    const token = signTrackingToken(
      { kind: "click", messageId: message!.id, url: `http://${A.org.slug}.localhost:3000/` },
      KEY,
    );
    await recordClick(handle.db, token, KEY, now);
    await addCompletedOrder(handle.db, A, lapsed.customerId, {
      totalCents: 4321,
      daysAgo: -1,
      category: "flower",
      units: 1,
      now,
    });
    const listed = (await listAutomations(handle.db, A.org.id)).find((a) => a.kind === "win_back")!;
    expect(listed.enabled).toBe(true);
    expect(listed.results).toMatchObject({
      sent: 1,
      clicked: 1,
      attributedOrders: 1,
      attributedRevenueCents: 4321,
    });
    expect(await listAutomations(handle.db, B.org.id)).toSatisfy((list: Array<{ id: string | null }>) =>
      list.every((a) => a.id === null),
    );
  });

  it("greets on the birthday at the chosen time, once a year, and never an under-21", async () => {
    now = new Date("2026-08-20T15:00:00Z"); // 08:00 in Los Angeles
    const automation = await turnOn(A, "birthday", 10 * 60);
    const today = await shopper(A, { dob: "1990-08-20" });
    await shopper(A, { dob: "1990-08-21" });
    const young = await shopper(A, { dob: "2007-08-20" }); // turns 19
    await runMarketing(deps());
    expect(sent).toHaveLength(0); // before 10:00
    now = new Date("2026-08-20T17:30:00Z"); // 10:30
    await runMarketing(deps());
    expect(sent.map((m) => m.to)).toEqual([today.email]);
    expect(sent[0]!.subject).toMatch(/^Happy birthday from Store auto-a/);
    await runMarketing(deps());
    expect(sent).toHaveLength(1);
    const rows = await messagesOf(automation.id);
    expect(rows.find((r) => r.customerId === young.customerId)?.skipReason).toBe("under_age");
    // Consent withdrawn: next year's greeting is not written at all.
    await handle.db
      .update(customers)
      .set({ marketingEmailConsent: false })
      .where(eq(customers.id, today.customerId));
    now = new Date("2027-08-20T17:30:00Z");
    await runMarketing(deps());
    expect(sent).toHaveLength(1);
    const written = await handle.db
      .select()
      .from(marketingMessages)
      .where(and(eq(marketingMessages.automationId, automation.id), isNotNull(marketingMessages.outboxId)));
    expect(written).toHaveLength(1);
  });

  it("refuses an unknown merge field and a coupon that is not the store's", async () => {
    await expect(
      saveAutomation(
        handle.db,
        A.org.id,
        { kind: "welcome", enabled: true, subject: "Hi {{nickname}}", body: "x", waitMinutes: 60 },
        origins(A),
      ),
    ).rejects.toThrow(/not a merge field/);
    await expect(
      saveAutomation(
        handle.db,
        A.org.id,
        { kind: "welcome", enabled: true, subject: "Hi", body: "x", couponCode: "NOPE", waitMinutes: 60 },
        origins(A),
      ),
    ).rejects.toThrow(/not an active coupon/);
  });
});
