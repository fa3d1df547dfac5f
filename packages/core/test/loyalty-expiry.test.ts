/** Points expire N months after they were earned, oldest first, written by an idempotent, race-free job. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { DatabaseHandle } from "@cannasaas/db/client";
import { auditEvents, customers, loyaltyLedger, loyaltyPrograms, users } from "@cannasaas/db/schema";
import { createTestDatabase } from "@cannasaas/db/testing";
import { createMemoryKv } from "@cannasaas/integrations/kv";
import { createDevMailboxTransport } from "@cannasaas/integrations/mail";
import {
  appendLedgerEntry,
  DomainError,
  expireCustomerPoints,
  getLoyaltyProgram,
  pointsBalance,
  runJob,
  type JobDeps,
} from "../src";
import { createFixtureTenant, type FixtureTenant } from "../src/testing";

let handle: DatabaseHandle;
let shop: FixtureTenant;
let deps: JobDeps;
const now = new Date("2026-06-15T12:00:00Z");
const monthsAgo = (n: number) => new Date(Date.UTC(2026, 5 - n, 15, 12));

beforeAll(async () => {
  handle = await createTestDatabase();
  deps = { db: handle.db, kv: createMemoryKv(), clock: () => now, mail: createDevMailboxTransport() };
  shop = await createFixtureTenant(handle.db, { tag: "expiry-shop", passwordHash: "x" });
  await getLoyaltyProgram(handle.db, shop.org.id);
  await handle.db
    .update(loyaltyPrograms)
    .set({ pointsExpireMonths: 12 })
    .where(eq(loyaltyPrograms.organizationId, shop.org.id));
});
afterAll(async () => handle?.close());

async function memberWith(entries: Array<{ points: number; at: Date }>) {
  const email = `x-${Math.random().toString(36).slice(2, 10)}@example.test`;
  const [user] = await handle.db.insert(users).values({ email, dateOfBirth: "1990-01-01" }).returning();
  const [customer] = await handle.db
    .insert(customers)
    .values({ organizationId: shop.org.id, userId: user!.id, loyaltyMember: true })
    .returning();
  for (const e of entries) {
    await handle.db.transaction((tx) =>
      appendLedgerEntry(tx, {
        organizationId: shop.org.id,
        customerId: customer!.id,
        kind: e.points > 0 ? "earn" : "redeem",
        source: e.points > 0 ? "order" : "checkout",
        points: e.points,
        at: e.at,
      }),
    );
  }
  return customer!.id;
}

const balanceOf = (customerId: string) => pointsBalance(handle.db, shop.org.id, customerId);
const expiries = (customerId: string) =>
  handle.db
    .select()
    .from(loyaltyLedger)
    .where(and(eq(loyaltyLedger.customerId, customerId), eq(loyaltyLedger.kind, "expire")));

describe("the points-expiry job", () => {
  it("expires what was earned over 12 months ago and not spent, oldest first, once", async () => {
    // 300 earned 14 months ago, 100 of them spent a month ago (oldest first), 200 earned 2 months ago.
    const customerId = await memberWith([
      { points: 300, at: monthsAgo(14) },
      { points: 200, at: monthsAgo(2) },
      { points: -100, at: monthsAgo(1) },
    ]);
    const fresh = await memberWith([{ points: 500, at: monthsAgo(11) }]);

    const run = await runJob(deps, "points-expiry", { trigger: "cli" });
    expect(run.outcome).toBe("succeeded");
    expect(run.organizationCounts?.[shop.org.id]).toMatchObject({ customers: 1, points: 200 });
    expect(await balanceOf(customerId)).toBe(200);
    expect(await balanceOf(fresh)).toBe(500);
    const [entry] = await expiries(customerId);
    expect(entry).toMatchObject({
      points: -200,
      source: "expiry",
      reason: "Points earned more than 12 months ago",
    });
    // The change and its audit record committed together.
    const audit = await handle.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "job.points-expiry"), eq(auditEvents.resourceId, customerId)));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorKind).toBe("job");

    // Running again (the same day or later, before anything else expires) writes nothing more.
    await runJob(deps, "points-expiry", { trigger: "cli" });
    expect(await expiries(customerId)).toHaveLength(1);
    expect(
      await expireCustomerPoints(handle.db, {
        organizationId: shop.org.id,
        customerId,
        months: 12,
        now: new Date(now.getTime() + 24 * 60 * 60 * 1000),
      }),
    ).toBe(0);
    expect(await balanceOf(customerId)).toBe(200);
  });

  it("never leaves a negative balance when a checkout spends the same points as the job runs", async () => {
    for (let round = 0; round < 4; round++) {
      const customerId = await memberWith([
        { points: 200, at: monthsAgo(13) },
        { points: 200, at: monthsAgo(3) },
      ]);
      const [expired, spent] = await Promise.allSettled([
        expireCustomerPoints(handle.db, { organizationId: shop.org.id, customerId, months: 12, now }),
        handle.db.transaction((tx) =>
          appendLedgerEntry(tx, {
            organizationId: shop.org.id,
            customerId,
            kind: "redeem",
            source: "checkout",
            points: -250,
            at: now,
          }),
        ),
      ]);
      expect(expired.status).toBe("fulfilled");
      const balance = await balanceOf(customerId);
      if (spent.status === "fulfilled") {
        // The checkout went first: it used the old 200 and 50 of the new, so nothing was left to expire.
        expect((expired as PromiseFulfilledResult<number>).value).toBe(0);
        expect(balance).toBe(150);
      } else {
        // The job went first: 200 expired, and 250 was more than the 200 left.
        expect(spent.reason).toBeInstanceOf(DomainError);
        expect((expired as PromiseFulfilledResult<number>).value).toBe(200);
        expect(balance).toBe(200);
      }
    }
  });

  it("does nothing for a store whose points never expire", async () => {
    await handle.db
      .update(loyaltyPrograms)
      .set({ pointsExpireMonths: null })
      .where(eq(loyaltyPrograms.organizationId, shop.org.id));
    const customerId = await memberWith([{ points: 400, at: monthsAgo(30) }]);
    const run = await runJob(deps, "points-expiry", { trigger: "cli" });
    expect(run.organizationCounts?.[shop.org.id]).toBeUndefined();
    expect(await balanceOf(customerId)).toBe(400);
  });
});
