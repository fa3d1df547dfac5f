import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { DatabaseHandle } from "@cannasaas/db/client";
import { auditEvents, customers, jobLocks, jobRuns, orders, users } from "@cannasaas/db/schema";
import { createTestDatabase } from "@cannasaas/db/testing";
import { createMemoryKv } from "@cannasaas/integrations/kv";
import type { MailTransport } from "@cannasaas/integrations/mail";
import {
  addCartItem,
  defineJob,
  getOrCreateCart,
  isLocalRunner,
  JOBS,
  listJobRuns,
  placeOrder,
  resolveTenant,
  runJob,
  runJobDefinition,
  setCartFulfillment,
  verifyAuditChain,
  type JobDeps,
} from "../src";
import { createFixtureTenant, type FixtureTenant } from "../src/testing";

let handle: DatabaseHandle;
let deps: JobDeps;
const sentTo: string[] = [];
/** Records what it was asked to send (the drain itself is tested against an SMTP sink in outbox.test.ts). */
const mail: MailTransport = {
  name: "dev-mailbox",
  send: async (message) => {
    sentTo.push(message.to);
    return { messageId: `test-${sentTo.length}` };
  },
};
let now = new Date("2026-05-01T18:00:00Z");

beforeAll(async () => {
  handle = await createTestDatabase();
  deps = { db: handle.db, kv: createMemoryKv(), clock: () => now, mail };
});
afterAll(async () => handle?.close());

/** A job that waits for `release()`, so a test can hold a run in progress without timing. */
function gatedJob(name: string) {
  let release!: () => void;
  let started!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const running = new Promise<void>((r) => (started = r));
  const job = defineJob({
    name,
    description: "test",
    run: async () => {
      started();
      await gate;
      return { counts: { done: 1 } };
    },
  });
  return { job, release, running };
}

describe("job lock", () => {
  it("never lets a job overlap itself: the second of two concurrent runs is skipped and logged", async () => {
    const { job, release, running } = gatedJob("gated-a");
    const first = runJobDefinition(deps, job, { trigger: "cron" });
    await running;
    const second = await runJobDefinition(deps, job, { trigger: "manual" });
    expect(second).toMatchObject({ job: "gated-a", trigger: "manual", outcome: "skipped_locked" });
    release();
    expect(await first).toMatchObject({ outcome: "succeeded", counts: { done: 1 } });
    // The lock is released at the end: the next run goes ahead.
    expect((await runJobDefinition(deps, job, { trigger: "cli" })).outcome).toBe("succeeded");
    const runs = await handle.db.select().from(jobRuns).where(eq(jobRuns.job, "gated-a"));
    expect(runs.map((r) => r.outcome).sort()).toEqual(["skipped_locked", "succeeded", "succeeded"]);
  });

  it("respects a lease held by another process, and takes over one that expired", async () => {
    const { job, release } = gatedJob("gated-b");
    release();
    await handle.db
      .insert(jobLocks)
      .values({ job: "gated-b", holder: crypto.randomUUID(), lockedUntil: new Date(now.getTime() + 60_000) });
    expect((await runJobDefinition(deps, job, { trigger: "cron" })).outcome).toBe("skipped_locked");
    now = new Date(now.getTime() + 61_000);
    expect((await runJobDefinition(deps, job, { trigger: "cron" })).outcome).toBe("succeeded");
    expect(await handle.db.select().from(jobLocks).where(eq(jobLocks.job, "gated-b"))).toEqual([]);
  });

  it("logs a failing job as failed, releases the lock and records the run in the platform audit chain", async () => {
    const failing = defineJob({
      name: "failing",
      description: "test",
      run: async () => {
        throw new Error("upstream said no");
      },
    });
    const run = await runJobDefinition(deps, failing, { trigger: "cron" });
    expect(run).toMatchObject({ outcome: "failed", error: "upstream said no" });
    expect(await handle.db.select().from(jobLocks).where(eq(jobLocks.job, "failing"))).toEqual([]);
    const [event] = await handle.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "job.failing"), eq(auditEvents.resourceId, run.id)));
    expect(event).toMatchObject({
      organizationId: null,
      actorKind: "job",
      actorId: "failing",
      resourceType: "job_run",
      after: { outcome: "failed", error: "upstream said no" },
    });
    expect((await verifyAuditChain(handle.db, null)).intact).toBe(true);
  });
});

describe("reservations job", () => {
  let a: FixtureTenant;
  let b: FixtureTenant;

  async function pendingOrder(shop: FixtureTenant) {
    const tenant = (await resolveTenant(deps, shop.org.slug))!;
    const [user] = await handle.db
      .insert(users)
      .values({ email: `${crypto.randomUUID()}@example.test`, dateOfBirth: "1990-01-01", emailVerified: now })
      .returning();
    const [customer] = await handle.db
      .insert(customers)
      .values({ organizationId: shop.org.id, userId: user!.id })
      .returning();
    const cart = await getOrCreateCart(handle.db, shop.org.id, { customerId: customer!.id });
    await addCartItem(handle.db, shop.org.id, cart.id, shop.variants[2]!.id, 1);
    await setCartFulfillment(handle.db, shop.org.id, cart.id, {
      locationId: shop.locations[0]!.id,
      fulfillment: "pickup",
    });
    const placed = await placeOrder(deps, tenant, {
      customerId: customer!.id,
      cartId: cart.id,
      purchaser: "adult_use",
      paymentMethod: "cash",
    });
    return placed.order.id;
  }

  it("cancels stale orders, records each in its organization's trail, and shows each tenant its own count", async () => {
    a = await createFixtureTenant(handle.db, { tag: "job-a", passwordHash: "x" });
    b = await createFixtureTenant(handle.db, { tag: "job-b", passwordHash: "x" });
    const orderA = await pendingOrder(a);
    const orderB1 = await pendingOrder(b);
    const orderB2 = await pendingOrder(b);
    now = new Date(now.getTime() + 24 * 60 * 60_000);

    const run = await runJob(deps, "reservations", { trigger: "cli" });
    expect(run).toMatchObject({
      outcome: "succeeded",
      counts: { cancelled: 3 },
      organizationCounts: { [a.org.id]: { cancelled: 1 }, [b.org.id]: { cancelled: 2 } },
    });
    const statuses = await handle.db.select({ id: orders.id, status: orders.status }).from(orders);
    expect(statuses.filter((o) => [orderA, orderB1, orderB2].includes(o.id)).map((o) => o.status)).toEqual([
      "cancelled",
      "cancelled",
      "cancelled",
    ]);
    const trailB = await handle.db.select().from(auditEvents).where(eq(auditEvents.organizationId, b.org.id));
    expect(trailB.map((e) => [e.actorKind, e.actorId, e.action, e.resourceId]).sort()).toEqual(
      [
        ["job", "reservations", "job.reservations.expire", orderB1],
        ["job", "reservations", "job.reservations.expire", orderB2],
      ].sort(),
    );
    expect((await verifyAuditChain(handle.db, b.org.id)).intact).toBe(true);

    const seenByA = await listJobRuns(handle.db, a.org.id);
    const reservations = seenByA.find((j) => j.name === "reservations")!;
    expect(reservations.runs[0]).toMatchObject({
      id: run.id,
      outcome: "succeeded",
      counts: { cancelled: 1 },
    });
    const outbox = seenByA.find((j) => j.name === "outbox")!;
    // Platform-wide counts (other tenants' mail) are not shown to a tenant.
    expect(outbox.runs.every((r) => r.counts === null)).toBe(true);
    expect(seenByA.map((j) => j.name).sort()).toEqual([...JOBS.keys()].sort());
  });

  it("refuses an unknown job name", async () => {
    await expect(runJob(deps, "nope", { trigger: "cli" })).rejects.toThrow('There is no job called "nope".');
  });
});

describe("local runner switch", () => {
  it("allows Run now on a laptop or CI build, never on the hosted production build", () => {
    expect(isLocalRunner({ NODE_ENV: "development" })).toBe(true);
    expect(isLocalRunner({ NODE_ENV: "test" })).toBe(true);
    expect(isLocalRunner({ NODE_ENV: "production", CANNASAAS_LOCAL: "1" })).toBe(true);
    expect(isLocalRunner({ NODE_ENV: "production" })).toBe(false);
    expect(isLocalRunner({ NODE_ENV: "production", CANNASAAS_LOCAL: "true" })).toBe(false);
  });
});
