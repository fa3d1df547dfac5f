import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@cannasaas/db/client";
import { createTestDatabase } from "@cannasaas/db/testing";
import { pushSubscriptions } from "@cannasaas/db/schema";
import { sql } from "drizzle-orm";
import {
  audienceQuery,
  checkCampaignContent,
  compileSegmentRules,
  checkMergeFields,
  countSegment,
  fillMergeFields,
  listCustomers,
  segmentRulesSchema,
  smsNumberFor,
  smsNumberReadable,
  withinSendWindow,
  type SegmentRules,
} from "../../src";
import { createFixtureTenant, type FixtureTenant } from "../../src/testing";
import { addCompletedOrder, addShopper, addTier, rebuildRollups, type Shopper } from "./marketing-fixture";

let handle: DatabaseHandle;
let A: FixtureTenant;
let B: FixtureTenant;
const now = new Date("2026-06-15T18:00:00Z");
let c: Record<"heavy" | "lapsed" | "never" | "patient", Shopper>;
let goldTier: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  const db = handle.db;
  A = await createFixtureTenant(db, { tag: "seg-a", passwordHash: "x" });
  B = await createFixtureTenant(db, { tag: "seg-b", passwordHash: "x" });
  c = {
    // 5 orders, $500, last 3 days ago, mostly flower, Gold tier, consented.
    heavy: await addShopper(db, A, "heavy"),
    // 1 order, $20, 40 days ago, medical, no consent.
    lapsed: await addShopper(db, A, "lapsed", { emailConsent: false, medical: true }),
    // No orders, consented.
    never: await addShopper(db, A, "never"),
    // 3 orders, $300, last 10 days ago, medical, mostly edibles, consented.
    patient: await addShopper(db, A, "patient", { medical: true }),
  };
  for (const daysAgo of [3, 20, 50, 80, 100])
    await addCompletedOrder(db, A, c.heavy.customerId, {
      totalCents: 10_000,
      daysAgo,
      category: "Flower",
      units: 2,
      now,
    });
  await addCompletedOrder(db, A, c.heavy.customerId, {
    totalCents: 0,
    daysAgo: 4,
    category: "Edibles",
    units: 1,
    now,
    status: "pending",
  });
  await addCompletedOrder(db, A, c.lapsed.customerId, {
    totalCents: 2_000,
    daysAgo: 40,
    category: "Edibles",
    units: 1,
    now,
  });
  for (const [daysAgo, category, units] of [
    [10, "Edibles", 3],
    [15, "Edibles", 2],
    [30, "Flower", 4],
  ] as const)
    await addCompletedOrder(db, A, c.patient.customerId, {
      totalCents: 10_000,
      daysAgo,
      category,
      units,
      now,
    });
  // Another store's big spender must never appear in A's segments.
  const other = await addShopper(handle.db, B, "other");
  await addCompletedOrder(db, B, other.customerId, {
    totalCents: 99_000,
    daysAgo: 1,
    category: "Flower",
    units: 9,
    now,
  });
  await rebuildRollups(db, A);
  await rebuildRollups(db, B);
  goldTier = await addTier(db, A, "Gold", [c.heavy.customerId]);
});
afterAll(async () => handle?.close());

const ids = async (rules: SegmentRules) =>
  (await audienceQuery(handle.db, A.org.id, compileSegmentRules(rules, now))).map((r) => r.id);
const group = (match: "all" | "any", ...conditions: SegmentRules["groups"][number]["conditions"]) => ({
  match,
  conditions,
});

describe("segment rules compiled to SQL, against hand-computed members", () => {
  const cases: Array<[string, SegmentRules, () => string[]]> = [
    [
      "3 or more orders",
      { match: "all", groups: [group("all", { field: "orderCount", op: "gte", value: 3 })] },
      () => [c.heavy.customerId, c.patient.customerId],
    ],
    [
      "spent $400+ or (medical and ordered in 30 days)",
      {
        match: "any",
        groups: [
          group("all", { field: "totalSpend", op: "gte", cents: 40_000 }),
          group(
            "all",
            { field: "purchaser", value: "medical" },
            { field: "lastOrder", op: "within", days: 30 },
          ),
        ],
      },
      () => [c.heavy.customerId, c.patient.customerId],
    ],
    [
      "no order in 30 days (never ordered included)",
      { match: "all", groups: [group("all", { field: "lastOrder", op: "notWithin", days: 30 })] },
      () => [c.lapsed.customerId, c.never.customerId, A.shopper.customerId, A.minor.customerId],
    ],
    [
      "favourite category Edibles (by units, completed orders only)",
      { match: "all", groups: [group("all", { field: "favouriteCategory", category: "Edibles" })] },
      () => [c.lapsed.customerId, c.patient.customerId],
    ],
    [
      "Gold tier",
      { match: "all", groups: [group("all", { field: "tier", tierId: "" })] },
      () => [c.heavy.customerId],
    ],
    [
      "consented and at most 1 order",
      {
        match: "all",
        groups: [
          group("all", { field: "emailConsent", value: true }, { field: "orderCount", op: "lte", value: 1 }),
        ],
      },
      () => [c.never.customerId],
    ],
    [
      "spent at most $20, any of them",
      { match: "all", groups: [group("any", { field: "totalSpend", op: "lte", cents: 2_000 })] },
      () => [c.lapsed.customerId, c.never.customerId, A.shopper.customerId, A.minor.customerId],
    ],
  ];
  it.each(cases)("%s", async (_name, rules, expected) => {
    const withTier = JSON.parse(
      JSON.stringify(rules).replace('"tierId":""', `"tierId":"${goldTier}"`),
    ) as SegmentRules;
    const parsed = segmentRulesSchema.parse(withTier);
    const counted = await countSegment(handle.db, A.org.id, parsed, now);
    expect(counted.matching).toBe(expected().length);
    expect((await ids(parsed)).sort()).toEqual(expected().sort());
  });

  it("counts who may get email: consent and an account, within the matching set", async () => {
    const all = await countSegment(handle.db, A.org.id, { match: "all", groups: [] }, now);
    // heavy, never, patient consented; lapsed did not; the fixture's shopper and minor never gave consent.
    expect(all).toEqual({ matching: 6, reach: { email: 3, sms: 0, push: 0 } });
  });

  it("is scoped to the store: B's big spender is not in A's count", async () => {
    const rules = segmentRulesSchema.parse({
      match: "all",
      groups: [group("all", { field: "totalSpend", op: "gte", cents: 90_000 })],
    });
    expect((await countSegment(handle.db, A.org.id, rules, now)).matching).toBe(0);
    expect((await countSegment(handle.db, B.org.id, rules, now)).matching).toBe(1);
  });

  it("refuses malformed rules", () => {
    expect(() =>
      segmentRulesSchema.parse({ match: "all", groups: [{ match: "all", conditions: [] }] }),
    ).toThrow();
    expect(() =>
      segmentRulesSchema.parse({ match: "all", groups: [group("all", { field: "dob", value: 1 } as never)] }),
    ).toThrow();
  });
});

describe("reach per channel", () => {
  /** A shopper of `t` with only the consents given and `browsers` browsers subscribed at the store. */
  async function reachShopper(
    t: FixtureTenant,
    tag: string,
    { browsers = 0, ...o }: Parameters<typeof addShopper>[3] & { browsers?: number },
  ) {
    const { customerId } = await addShopper(handle.db, t, tag, { emailConsent: false, ...o });
    for (let i = 0; i < browsers; i++)
      await handle.db.insert(pushSubscriptions).values({
        organizationId: t.org.id,
        customerId,
        endpoint: `https://push.test/${t.org.slug}/${tag}/${i}`,
        p256dh: "p",
        auth: "a",
      });
  }
  const everyone: SegmentRules = { match: "all", groups: [] };
  const all = {
    emailConsent: true,
    smsConsent: true,
    phone: "(415) 555-0100",
    pushConsent: true,
    browsers: 1,
  };

  it("counts each shopper in exactly the channels a send would write to, and never another store's", async () => {
    const C = await createFixtureTenant(handle.db, { tag: "reach-c", passwordHash: "x" });
    const D = await createFixtureTenant(handle.db, { tag: "reach-d", passwordHash: "x" });
    await reachShopper(C, "email-only", { emailConsent: true });
    await reachShopper(C, "sms", { smsConsent: true, phone: "+14155550101" });
    await reachShopper(C, "sms-typed", { smsConsent: true, phone: " (415) 555-0102 " });
    await reachShopper(C, "sms-no-phone", { smsConsent: true });
    await reachShopper(C, "sms-blank-phone", { smsConsent: true, phone: "  " });
    await reachShopper(C, "sms-bad-phone", { smsConsent: true, phone: "555-0100" });
    await reachShopper(C, "phone-no-consent", { phone: "+14155550103" });
    await reachShopper(C, "push", { pushConsent: true, browsers: 2 });
    await reachShopper(C, "push-no-browser", { pushConsent: true });
    await reachShopper(C, "browser-no-consent", { browsers: 1 });
    await reachShopper(C, "everything", all);
    await reachShopper(C, "none", {});
    // With no birth date on file a send skips everyone as too young; an erased shopper does not match at all.
    await reachShopper(C, "no-birth-date", { ...all, dob: null });
    await reachShopper(C, "erased", { ...all, erased: true });
    for (let i = 0; i < 3; i++) await reachShopper(D, `other-${i}`, all);

    // 13 of C's own (the erased one aside) and the fixture's shopper and minor, who consented to nothing.
    expect(await countSegment(handle.db, C.org.id, everyone, now)).toEqual({
      matching: 15,
      reach: { email: 2, sms: 3, push: 2 },
    });
    expect(await countSegment(handle.db, D.org.id, everyone, now)).toEqual({
      matching: 5,
      reach: { email: 3, sms: 3, push: 3 },
    });
    // Reach is within the segment: those who agreed to SMS, by the SMS consent condition.
    const smsConsented = segmentRulesSchema.parse({
      match: "all",
      groups: [group("all", { field: "smsConsent", value: true })],
    });
    expect(await countSegment(handle.db, C.org.id, smsConsented, now)).toEqual({
      matching: 7,
      reach: { email: 1, sms: 3, push: 1 },
    });
  });

  it("reads a phone number in SQL exactly as the send does", async () => {
    const phones = [
      null,
      "",
      "   ",
      "+14155550100",
      "4155550100",
      "14155550100",
      "(415) 555-0100",
      " 415.555.0100\t",
      "415/555/0100",
      "+44 20 7946 0958",
      "+1 015 555 0100",
      "+1 415 055 0100",
      "555-0100",
      "24155550100",
      "+0123456789",
      "+1234567",
      "+1234567890123456",
      "415-555-0100 ext 2",
      "phone",
    ];
    for (const phone of phones) {
      const [row] = await handle.db.execute<{ ok: boolean }>(
        sql`select ${smsNumberReadable(sql`${phone}::text`)} as ok`,
      );
      expect([phone, row!.ok]).toEqual([phone, "to" in smsNumberFor(phone)]);
    }
  });
});

describe("customers page", () => {
  it("pages newest first with keyset cursors, every customer once, and searches name and email", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listCustomers(handle.db, A.org.id, { filters: [], limit: 2, cursor }, now);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(6);
    expect(new Set(seen).size).toBe(6);
    const found = await listCustomers(handle.db, A.org.id, { search: "heavy@", filters: [], limit: 10 }, now);
    expect(found.items.map((i) => [i.id, i.orders, i.totalCents, i.tier])).toEqual([
      [c.heavy.customerId, 5, 50_000, "Gold"],
    ]);
    expect(
      (await listCustomers(handle.db, A.org.id, { search: "%", filters: [], limit: 10 }, now)).items,
    ).toEqual([]);
  });
});

describe("merge fields, content warnings and the send window", () => {
  it("fills known fields and refuses unknown ones by name", () => {
    expect(
      fillMergeFields("Hi {{first_name}}, {{ points }} pts at {{store}} ({{tier}})", {
        first_name: "Ana",
        points: "40",
        tier: "Gold",
        store: "Greenleaf",
      }),
    ).toBe("Hi Ana, 40 pts at Greenleaf (Gold)");
    expect(() => checkMergeFields("Hi {{firstname}}", "body")).toThrow(
      /\{\{firstname\}\}.*not a merge field/,
    );
    expect(() => checkMergeFields("Hi {{first_name}", "subject")).toThrow(/unclosed/);
    expect(() => checkMergeFields("Hi {{first_name}} and {{store}}", "body")).not.toThrow();
  });

  it("warns about health claims, minors and free cannabis, and not about an ordinary offer", () => {
    expect(checkCampaignContent("This strain cures anxiety").map((w) => w.rule)).toEqual(["health_claim"]);
    expect(checkCampaignContent("Back to school sale for students").map((w) => w.rule)).toEqual(["minors"]);
    expect(checkCampaignContent("Free pre-rolls with every order").map((w) => w.rule)).toEqual(["giveaway"]);
    expect(checkCampaignContent("20% off flower this weekend, {{first_name}}")).toEqual([]);
  });

  it("opens the window on the store's clock, across a daylight-saving change", () => {
    const window = { windowStartMinute: 9 * 60, windowEndMinute: 20 * 60 };
    // 8 March 2026, US clocks spring forward: 16:30Z is 09:30 PDT (it would be 08:30 PST the day before).
    expect(withinSendWindow(window, "America/Los_Angeles", new Date("2026-03-08T16:30:00Z"))).toBe(true);
    expect(withinSendWindow(window, "America/Los_Angeles", new Date("2026-03-07T16:30:00Z"))).toBe(false);
    expect(withinSendWindow(window, "America/Denver", new Date("2026-06-15T01:30:00Z"))).toBe(true);
    expect(withinSendWindow(window, "America/Denver", new Date("2026-06-15T02:30:00Z"))).toBe(false);
  });
});
