import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import type { DatabaseHandle } from "@cannasaas/db/client";
import { queueJobs } from "@cannasaas/db/schema";
import { createTestDatabase } from "@cannasaas/db/testing";
import {
  claimJobs,
  defineQueue,
  drainQueue,
  enqueue,
  enqueueMany,
  PermanentFailure,
  queueOverview,
  retryAfterAt,
  retryDeadJob,
  retryDelayMs,
  RetryLater,
  type HandlerResult,
  type QueueDeps,
  type QueueJob,
} from "../src";
import { createFixtureTenant } from "../src/testing";

let handle: DatabaseHandle;
let orgA: string;
let orgB: string;
let now = new Date("2026-05-01T12:00:00Z");
const deps = (): QueueDeps => ({ db: handle.db, clock: () => now });
const later = (ms: number) => {
  now = new Date(now.getTime() + ms);
};

beforeAll(async () => {
  handle = await createTestDatabase();
  orgA = (await createFixtureTenant(handle.db, { tag: "q-a", passwordHash: "x" })).org.id;
  orgB = (await createFixtureTenant(handle.db, { tag: "q-b", passwordHash: "x" })).org.id;
});
afterAll(async () => {
  await handle?.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Waits until `ready()` or `ms` pass: lets a handler stay in flight until the jobs that may overlap it have started. */
async function until(ready: () => boolean, ms = 3_000) {
  for (const end = Date.now() + ms; !ready() && Date.now() < end;) await sleep(5);
}
let queues = 0;
/** A fresh queue per test, so jobs of one test never reach another's handler. */
function testQueue(
  handler: (job: QueueJob<{ n: number }>) => Promise<HandlerResult>,
  settings: { concurrency?: number; maxAttempts?: number; leaseMs?: number } = {},
) {
  return defineQueue<{ n: number }, QueueDeps>({
    name: `test-${++queues}`,
    description: "test",
    concurrency: settings.concurrency ?? 1,
    maxAttempts: settings.maxAttempts ?? 3,
    leaseMs: settings.leaseMs ?? 60_000,
    handle: (_deps, job) => handler(job),
  });
}
const jobsOf = (queue: string) => handle.db.select().from(queueJobs).where(eq(queueJobs.queue, queue));

describe("enqueue", () => {
  it("belongs to the caller's transaction: rolled back with it, and deduplicated by key", async () => {
    const q = testQueue(async () => undefined);
    await expect(
      handle.db.transaction(async (tx) => {
        await enqueue(tx, q.name, { n: 1 }, { organizationId: orgA, runAt: now });
        throw new Error("the business change failed");
      }),
    ).rejects.toThrow(/business change failed/);
    expect(await jobsOf(q.name)).toHaveLength(0);

    await handle.db.transaction(async (tx) => {
      expect(
        await enqueue(tx, q.name, { n: 2 }, { organizationId: orgA, dedupeKey: "x", runAt: now }),
      ).toBeTruthy();
      expect(
        await enqueue(tx, q.name, { n: 3 }, { organizationId: orgA, dedupeKey: "x", runAt: now }),
      ).toBeNull();
    });
    expect((await jobsOf(q.name)).map((j) => j.payload)).toEqual([{ n: 2 }]);
  });

  it("is due at once for a worker on the application's clock, even within the same millisecond", async () => {
    // The database's clock counts microseconds and the application's whole milliseconds: a job stamped
    // 12:00:00.123456 was not yet due at 12:00:00.123, so a "send now" sometimes stayed pending.
    const q = testQueue(async () => undefined);
    const id = await enqueue(handle.db, q.name, { n: 1 }, { organizationId: orgA });
    const [row] = await handle.db
      .select({ micros: sql<number>`extract(microseconds from ${queueJobs.runAt})::int % 1000` })
      .from(queueJobs)
      .where(eq(queueJobs.id, id!));
    expect(row!.micros).toBe(0);
    const [job] = await claimJobs(handle.db, q, {
      now: new Date(),
      token: crypto.randomUUID(),
      size: 1,
    });
    expect(job?.id).toBe(id);
  });
});

describe("drainQueue", () => {
  it("runs jobs of one key one at a time, in order, while other keys run beside them", async () => {
    const ran: Record<string, number[]> = { a: [], b: [] };
    const inFlight: Record<string, number> = { a: 0, b: 0 };
    let maxPerKey = 0;
    let maxTotal = 0;
    const q = testQueue(
      async (job) => {
        const key = job.key!;
        inFlight[key]!++;
        maxPerKey = Math.max(maxPerKey, inFlight[key]!);
        maxTotal = Math.max(maxTotal, inFlight.a! + inFlight.b!);
        // The first job of each key waits for the other key's first job: they must overlap.
        if (job.payload.n < 2) await until(() => inFlight.a! + inFlight.b! >= 2);
        await sleep(5);
        ran[key]!.push(job.payload.n);
        inFlight[key]!--;
      },
      { concurrency: 4 },
    );
    await enqueueMany(
      handle.db,
      q.name,
      Array.from({ length: 12 }, (_, n) => ({
        organizationId: orgA,
        key: n % 3 === 0 ? "b" : "a",
        payload: { n },
        runAt: now,
      })),
    );
    // Several drains at once, as several cron invocations would be.
    await Promise.all([drainQueue(deps(), q), drainQueue(deps(), q), drainQueue(deps(), q)]);
    await drainQueue(deps(), q);
    expect(ran.a).toEqual([1, 2, 4, 5, 7, 8, 10, 11]);
    expect(ran.b).toEqual([0, 3, 6, 9]);
    expect(maxPerKey).toBe(1);
    expect(maxTotal).toBe(2);
  });

  it("holds a queue to its concurrency across drains", async () => {
    let inFlight = 0;
    let max = 0;
    const q = testQueue(
      async () => {
        max = Math.max(max, ++inFlight);
        // Stay in flight until a second job is (or a third could have been) started.
        await until(() => inFlight >= 2, 500);
        await sleep(5);
        inFlight--;
      },
      { concurrency: 2 },
    );
    await enqueueMany(
      handle.db,
      q.name,
      Array.from({ length: 10 }, (_, n) => ({ organizationId: null, payload: { n }, runAt: now })),
    );
    const results = await Promise.all([drainQueue(deps(), q), drainQueue(deps(), q), drainQueue(deps(), q)]);
    const more = await drainQueue(deps(), q);
    expect(results.reduce((n, r) => n + r.succeeded, more.succeeded)).toBe(10);
    expect(max).toBe(2);
  });

  it("never runs a job twice when drains race on real connections", async () => {
    const runs = new Map<number, number>();
    const q = testQueue(
      async (job) => {
        runs.set(job.payload.n, (runs.get(job.payload.n) ?? 0) + 1);
        await sleep(1);
      },
      { concurrency: 8 },
    );
    await enqueueMany(
      handle.db,
      q.name,
      Array.from({ length: 150 }, (_, n) => ({ organizationId: orgB, payload: { n }, runAt: now })),
    );
    const results = await Promise.all(
      Array.from({ length: 4 }, () => drainQueue(deps(), q, { limit: 1000 })),
    );
    await drainQueue(deps(), q, { limit: 1000 });
    expect(runs.size).toBe(150);
    expect([...runs.values()].every((n) => n === 1)).toBe(true);
    expect(results.reduce((n, r) => n + r.examined, 0)).toBeLessThanOrEqual(150);
    expect((await jobsOf(q.name)).every((j) => j.state === "done" && j.attempts === 1)).toBe(true);
  });

  it("settles a batch in one go, each job by its own answer: done, deferred, retried or dead", async () => {
    const batches: number[][] = [];
    const q = defineQueue<{ n: number }, QueueDeps>({
      name: `test-${++queues}`,
      description: "test",
      concurrency: 6,
      maxAttempts: 2,
      leaseMs: 60_000,
      handle: async () => {
        throw new Error("a batch queue's jobs all come in batches here");
      },
      batch: {
        size: 3,
        handle: async (_deps, jobs) => {
          batches.push(jobs.map((j) => j.payload.n));
          return jobs.map((job) =>
            job.payload.n === 1
              ? { error: new Error("mailbox full") }
              : job.payload.n === 2
                ? { retryAt: new Date(now.getTime() + 60_000), reason: "quiet hours" }
                : job.payload.n === 3
                  ? { error: new PermanentFailure("no such address") }
                  : { counts: { sent: 1 } },
          );
        },
      },
    });
    await enqueueMany(
      handle.db,
      q.name,
      Array.from({ length: 9 }, (_, n) => ({ organizationId: orgA, payload: { n }, runAt: now })),
    );
    const result = await drainQueue(deps(), q, { limit: 100 });
    // Two batches of three in flight at once (concurrency counts jobs), then the rest.
    expect(batches.flat().sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(batches.every((b) => b.length <= 3)).toBe(true);
    expect(result).toMatchObject({ examined: 9, succeeded: 6, failed: 1, dead: 1, deferred: 1 });
    expect(result.counts).toEqual({ sent: 6 });
    const byN = new Map((await jobsOf(q.name)).map((j) => [(j.payload as { n: number }).n, j]));
    expect([0, 4, 5, 6, 7, 8].every((n) => byN.get(n)?.state === "done")).toBe(true);
    expect(byN.get(1)).toMatchObject({ state: "pending", attempts: 1, lastError: "mailbox full" });
    expect(byN.get(1)!.runAt.getTime()).toBeGreaterThan(now.getTime());
    // A "not now" gives its attempt back.
    expect(byN.get(2)).toMatchObject({ state: "pending", attempts: 0, lastError: "quiet hours" });
    expect(byN.get(3)).toMatchObject({ state: "dead", lastError: "no such address" });

    // The retried job comes back alone, to the batch handler too; this time it fails for good.
    later(2 * 60 * 60_000);
    batches.length = 0;
    const again = await drainQueue(deps(), q);
    expect(batches.flat().sort()).toEqual([1, 2]);
    expect(again).toMatchObject({ dead: 1, deferred: 1 });
    expect((await jobsOf(q.name)).find((j) => (j.payload as { n: number }).n === 1)).toMatchObject({
      state: "dead",
      lastError: "mailbox full (gave up after 2 attempts)",
    });
  });

  it("backs off with jitter inside the bounds, then dead-letters after the last attempt with the reason", async () => {
    const q = testQueue(
      async () => {
        throw new Error("receiver broke");
      },
      { maxAttempts: 3 },
    );
    await enqueue(handle.db, q.name, { n: 1 }, { organizationId: orgA, runAt: now });
    for (let attempt = 1; attempt <= 2; attempt++) {
      const started = now.getTime();
      expect(await drainQueue({ ...deps(), random: () => 0.5 }, q)).toMatchObject({ failed: 1, dead: 0 });
      const [job] = await jobsOf(q.name);
      expect(job).toMatchObject({ state: "pending", attempts: attempt, lastError: "receiver broke" });
      const ceiling = 30_000 * 2 ** (attempt - 1);
      expect(job!.runAt.getTime() - started).toBe(ceiling * 0.75);
      // Not due before its time.
      expect((await drainQueue(deps(), q)).examined).toBe(0);
      later(ceiling);
    }
    expect(await drainQueue(deps(), q)).toMatchObject({ dead: 1 });
    const [dead] = await jobsOf(q.name);
    expect(dead).toMatchObject({ state: "dead", attempts: 3, lockedUntil: null });
    expect(dead!.lastError).toBe("receiver broke (gave up after 3 attempts)");
    later(24 * 60 * 60_000);
    expect((await drainQueue(deps(), q)).examined).toBe(0);
  });

  it("keeps every delay between half and all of its exponential ceiling, capped at an hour", () => {
    for (let attempt = 1; attempt <= 12; attempt++) {
      const ceiling = Math.min(3_600_000, 30_000 * 2 ** (attempt - 1));
      expect(retryDelayMs(attempt, () => 0)).toBe(ceiling / 2);
      expect(retryDelayMs(attempt, () => 0.999999)).toBeLessThanOrEqual(ceiling);
      for (let i = 0; i < 50; i++) {
        const delay = retryDelayMs(attempt);
        expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
        expect(delay).toBeLessThanOrEqual(ceiling);
      }
    }
  });

  it("honours a Retry-After the handler passes on, and a 'not now' that costs no attempt", async () => {
    let answer: "retry-after" | "not-now" | "ok" = "retry-after";
    const q = testQueue(async () => {
      if (answer === "retry-after") throw new RetryLater("HTTP 429", retryAfterAt("7200", now)!);
      if (answer === "not-now")
        return { retryAt: new Date(now.getTime() + 60_000), reason: "endpoint disabled" };
    });
    await enqueue(handle.db, q.name, { n: 1 }, { organizationId: orgA, runAt: now });
    await drainQueue(deps(), q);
    let [job] = await jobsOf(q.name);
    expect(job).toMatchObject({ state: "pending", attempts: 1, lastError: "HTTP 429" });
    expect(job!.runAt.getTime()).toBe(now.getTime() + 7_200_000);
    later(7_199_000);
    expect((await drainQueue(deps(), q)).examined).toBe(0);
    later(1_000);
    answer = "not-now";
    expect(await drainQueue(deps(), q)).toMatchObject({ deferred: 1 });
    [job] = await jobsOf(q.name);
    expect(job).toMatchObject({ state: "pending", attempts: 1, lastError: "endpoint disabled" });
    later(60_000);
    answer = "ok";
    expect(await drainQueue(deps(), q)).toMatchObject({ succeeded: 1 });

    expect(retryAfterAt("Wed, 21 Oct 2026 07:28:00 GMT", new Date("2026-10-21T07:27:00Z"))).toEqual(
      new Date("2026-10-21T07:28:00Z"),
    );
    expect(retryAfterAt("soon", now)).toBeNull();
  });

  it("dead-letters at once when retrying cannot help", async () => {
    const q = testQueue(async () => {
      throw new PermanentFailure("METRC refused the package (400)");
    });
    await enqueue(handle.db, q.name, { n: 1 }, { organizationId: orgA, runAt: now });
    expect(await drainQueue(deps(), q)).toMatchObject({ dead: 1 });
    expect((await jobsOf(q.name))[0]).toMatchObject({
      state: "dead",
      attempts: 1,
      lastError: "METRC refused the package (400)",
    });
  });

  it("takes a crashed worker's job back once its lease runs out, and the old worker cannot settle it", async () => {
    const ran: string[] = [];
    const q = testQueue(
      async (job) => {
        ran.push(job.id);
      },
      { leaseMs: 60_000 },
    );
    const id = await enqueue(handle.db, q.name, { n: 1 }, { organizationId: orgA, runAt: now });
    // A worker claims it and dies.
    const [crashed] = await claimJobs(handle.db, q, { now, token: crypto.randomUUID(), size: 1 });
    expect(crashed?.id).toBe(id);
    expect((await drainQueue(deps(), q)).examined).toBe(0);
    later(59_000);
    expect((await drainQueue(deps(), q)).examined).toBe(0);
    later(1_000);
    expect(await drainQueue(deps(), q)).toMatchObject({ examined: 1, succeeded: 1 });
    expect(ran).toEqual([id]);
    const [job] = await jobsOf(q.name);
    expect(job).toMatchObject({ state: "done", attempts: 2 });
  });

  it("gives back, untouched, jobs claimed just as the run was stopped", async () => {
    const ran: string[] = [];
    const q = testQueue(
      async (job) => {
        ran.push(job.id);
      },
      { concurrency: 2 },
    );
    const due = new Date(now.getTime() - 5_000);
    const ids = [
      await enqueue(handle.db, q.name, { n: 1 }, { organizationId: orgA, runAt: due }),
      await enqueue(handle.db, q.name, { n: 2 }, { organizationId: orgA, runAt: due }),
    ];
    // The time budget fires while the claim's transaction is under way (the claim is the drain's only one).
    const stop = new AbortController();
    const db = new Proxy(handle.db, {
      get(target, name, receiver) {
        if (name !== "transaction") return Reflect.get(target, name, receiver) as unknown;
        return async (...args: Parameters<typeof target.transaction>) => {
          const claimed = await target.transaction(...args);
          stop.abort();
          return claimed;
        };
      },
    });
    expect(await drainQueue({ ...deps(), db }, q, { signal: stop.signal })).toMatchObject({
      examined: 0,
      failed: 0,
    });
    expect(ran).toEqual([]);
    for (const job of await jobsOf(q.name)) {
      expect(job).toMatchObject({ state: "pending", attempts: 0, lockedBy: null, lastError: null });
      expect(job.runAt).toEqual(due);
    }
    // Due at once: the next run takes them without waiting out a lease.
    expect(await drainQueue(deps(), q)).toMatchObject({ examined: 2, succeeded: 2 });
    expect(ran.sort()).toEqual([...ids].sort());
  });

  it("forgets done jobs after a week, but keeps dead letters", async () => {
    const q = testQueue(async (job) => {
      if (job.payload.n === 2) throw new PermanentFailure("no such mailbox");
    });
    await enqueueMany(handle.db, q.name, [
      { organizationId: orgA, payload: { n: 1 }, runAt: now },
      { organizationId: orgA, payload: { n: 2 }, runAt: now },
    ]);
    await drainQueue(deps(), q);
    later(6 * 24 * 60 * 60_000);
    await drainQueue(deps(), q);
    expect((await jobsOf(q.name)).map((j) => j.state).sort()).toEqual(["dead", "done"]);
    later(2 * 24 * 60 * 60_000);
    await drainQueue(deps(), q);
    expect((await jobsOf(q.name)).map((j) => j.state)).toEqual(["dead"]);
  });

  it("shows each organization its own queues, oldest waiting age and dead letters; a dead job can be retried", async () => {
    let fail = true;
    const q = testQueue(
      async () => {
        if (fail) throw new PermanentFailure("mailbox does not exist");
      },
      { concurrency: 1 },
    );
    const created = now;
    await enqueue(handle.db, q.name, { n: 1 }, { organizationId: orgA, runAt: now });
    await enqueue(
      handle.db,
      q.name,
      { n: 2 },
      { organizationId: orgB, runAt: new Date(now.getTime() + 3_600_000) },
    );
    await drainQueue(deps(), q);
    const a = await queueOverview(handle.db, orgA, { now, queues: [q.name] });
    const b = await queueOverview(handle.db, orgB, { now, queues: [q.name] });
    expect(a.queues.find((s) => s.queue === q.name)).toMatchObject({ pending: 0, dead: 1 });
    expect(a.deadLetters.filter((d) => d.queue === q.name).map((d) => d.reason)).toEqual([
      "mailbox does not exist",
    ]);
    const mineB = b.queues.find((s) => s.queue === q.name)!;
    expect(mineB).toMatchObject({ pending: 1, dead: 0 });
    expect(mineB.oldestPendingSeconds).toBeGreaterThanOrEqual(0);
    expect(b.deadLetters.filter((d) => d.queue === q.name)).toEqual([]);
    expect(created).toBeDefined();

    const deadId = a.deadLetters.find((d) => d.queue === q.name)!.id;
    await expect(retryDeadJob(handle.db, orgB, deadId, now)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await retryDeadJob(handle.db, orgA, deadId, now);
    fail = false;
    expect(await drainQueue(deps(), q, { organizationId: orgA })).toMatchObject({ succeeded: 1 });
    const [retried] = await handle.db
      .select()
      .from(queueJobs)
      .where(and(eq(queueJobs.id, deadId), eq(queueJobs.organizationId, orgA)));
    expect(retried).toMatchObject({ state: "done", attempts: 1, lastError: null });
  });
});
