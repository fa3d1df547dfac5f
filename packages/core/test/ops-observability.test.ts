import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@cannasaas/db/client";
import { metrcSyncItems, outboxMessages } from "@cannasaas/db/schema";
import { createTestDatabase } from "@cannasaas/db/testing";
import { metrics, renderMetrics, setBacklog } from "@cannasaas/integrations/observability";
import {
  defineQueue,
  drainQueue,
  enqueue,
  PermanentFailure,
  readOperationalBacklog,
  type QueueDeps,
} from "../src";
import { createFixtureTenant, type FixtureTenant } from "../src/testing";

let handle: DatabaseHandle;
let a: FixtureTenant;
let b: FixtureTenant;
const now = new Date("2026-05-01T12:00:00Z");
const deps = (): QueueDeps => ({ db: handle.db, clock: () => now });
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);

beforeAll(async () => {
  handle = await createTestDatabase();
  a = await createFixtureTenant(handle.db, { tag: "obs-a", passwordHash: "x" });
  b = await createFixtureTenant(handle.db, { tag: "obs-b", passwordHash: "x" });
});
afterAll(async () => handle?.close());

const runs = async (queue: string, outcome: string) =>
  (await metrics().jobRuns.get()).values.find((v) => v.labels.queue === queue && v.labels.outcome === outcome)
    ?.value ?? 0;

describe("job metrics", () => {
  it("counts each run by outcome and records how late it started", async () => {
    let calls = 0;
    const queue = defineQueue<{ fail: boolean }, QueueDeps>({
      name: "obs-jobs",
      description: "test",
      concurrency: 1,
      maxAttempts: 2,
      leaseMs: 60_000,
      handle: async (_deps, job) => {
        calls++;
        if (job.payload.fail) throw new PermanentFailure("refused");
      },
    });
    await enqueue(
      handle.db,
      queue.name,
      { fail: false },
      { organizationId: a.org.id, runAt: minutesAgo(10) },
    );
    await enqueue(handle.db, queue.name, { fail: true }, { organizationId: b.org.id, runAt: minutesAgo(1) });
    await drainQueue(deps(), queue);
    expect(calls).toBe(2);
    expect(await runs("obs-jobs", "succeeded")).toBe(1);
    expect(await runs("obs-jobs", "dead")).toBe(1);
    const lag = (await metrics().jobLag.get()).values.find(
      (v) => v.labels.queue === "obs-jobs" && v.metricName === "cannasaas_job_lag_seconds_sum",
    );
    // 10 minutes late plus 1 minute late, measured on the queue's clock.
    expect(lag?.value).toBe(660);
  });
});

describe("operational backlog", () => {
  it("counts unfinished work across tenants and the age of the oldest overdue item, ignoring what is done", async () => {
    await enqueue(handle.db, "obs-backlog", { n: 1 }, { organizationId: a.org.id, runAt: minutesAgo(30) });
    await enqueue(handle.db, "obs-backlog", { n: 2 }, { organizationId: b.org.id, runAt: minutesAgo(5) });
    await enqueue(
      handle.db,
      "obs-backlog",
      { n: 3 },
      { organizationId: b.org.id, runAt: new Date(now.getTime() + 60_000) },
    );
    await handle.db.insert(outboxMessages).values([
      { organizationId: a.org.id, channel: "email", topic: "t", payload: {}, status: "pending" },
      { organizationId: b.org.id, channel: "email", topic: "t", payload: {}, status: "pending" },
      { organizationId: a.org.id, channel: "webhook", topic: "t", payload: {}, status: "dead" },
      { organizationId: a.org.id, channel: "email", topic: "t", payload: {}, status: "sent" },
    ]);
    await handle.db.insert(metrcSyncItems).values([
      {
        organizationId: a.org.id,
        locationId: a.locations[0]!.id,
        kind: "receipt",
        externalNumber: "1",
        payload: {},
        createdAt: minutesAgo(45),
      },
      {
        organizationId: a.org.id,
        locationId: a.locations[0]!.id,
        kind: "receipt",
        externalNumber: "2",
        payload: {},
        status: "sent",
        createdAt: minutesAgo(600),
      },
    ]);

    const backlog = await readOperationalBacklog(handle.db, now);
    expect(backlog.queues).toContainEqual({ queue: "obs-backlog", state: "pending", jobs: 3 });
    // Only due jobs count toward lateness: the oldest is 30 minutes overdue.
    expect(backlog.oldestDue).toContainEqual({ queue: "obs-backlog", seconds: 1800 });
    expect(backlog.outbox).toEqual(
      expect.arrayContaining([
        { channel: "email", status: "pending", messages: 2 },
        { channel: "webhook", status: "dead", messages: 1 },
      ]),
    );
    expect(backlog.outbox.find((r) => r.status === "sent")).toBeUndefined();
    expect(backlog.metrc).toEqual([{ status: "pending", items: 1 }]);
    expect(backlog.metrcOldestUnsyncedSeconds).toBe(2700);
  });

  it("exposes the backlog in the Prometheus text format, replacing the previous reading", async () => {
    setBacklog(await readOperationalBacklog(handle.db, now));
    let text = (await renderMetrics()).body;
    expect(text).toContain('cannasaas_queue_jobs{queue="obs-backlog",state="pending"} 3');
    expect(text).toContain('cannasaas_outbox_messages{channel="email",status="pending"} 2');
    expect(text).toContain("cannasaas_metrc_oldest_unsynced_seconds 2700");
    expect(text).toMatch(/cannasaas_job_runs_total\{queue="obs-jobs",outcome="succeeded"\} 1/);

    setBacklog({ queues: [], oldestDue: [], outbox: [], metrc: [], metrcOldestUnsyncedSeconds: 0 });
    text = (await renderMetrics()).body;
    expect(text).not.toContain('queue="obs-backlog"');
    expect(text).toContain("cannasaas_metrc_oldest_unsynced_seconds 0");
  });
});
