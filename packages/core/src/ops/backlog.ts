import { and, count, inArray, lte, min } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import { metrcSyncItems, outboxMessages, queueJobs } from "@cannasaas/db/schema";
import type { Backlog } from "@cannasaas/integrations/observability";

const seconds = (now: Date, then: Date | string | null) =>
  then ? Math.max(0, Math.round((now.getTime() - new Date(then).getTime()) / 1000)) : 0;

/**
 * What is waiting across the whole platform, for the metrics endpoint: counts per queue, outbox channel and METRC
 * status, and the age of the oldest overdue item. Platform work on purpose: aggregate numbers only, no tenant's
 * rows or names leave this function. Done and sent rows are not counted (they are history, not backlog).
 */
export async function readOperationalBacklog(db: DbOrTx, now: Date): Promise<Backlog> {
  const [queues, oldestDue, outbox, metrc, [metrcOldest]] = await Promise.all([
    db
      .select({ queue: queueJobs.queue, state: queueJobs.state, jobs: count() })
      .from(queueJobs)
      .where(inArray(queueJobs.state, ["pending", "running", "dead"]))
      .groupBy(queueJobs.queue, queueJobs.state),
    db
      .select({ queue: queueJobs.queue, runAt: min(queueJobs.runAt) })
      .from(queueJobs)
      .where(and(inArray(queueJobs.state, ["pending", "running"]), lte(queueJobs.runAt, now)))
      .groupBy(queueJobs.queue),
    db
      .select({ channel: outboxMessages.channel, status: outboxMessages.status, messages: count() })
      .from(outboxMessages)
      .where(inArray(outboxMessages.status, ["pending", "failed", "dead"]))
      .groupBy(outboxMessages.channel, outboxMessages.status),
    db
      .select({ status: metrcSyncItems.status, items: count() })
      .from(metrcSyncItems)
      .where(inArray(metrcSyncItems.status, ["pending", "in_flight", "failed", "dead"]))
      .groupBy(metrcSyncItems.status),
    db
      .select({ createdAt: min(metrcSyncItems.createdAt) })
      .from(metrcSyncItems)
      .where(inArray(metrcSyncItems.status, ["pending", "in_flight", "failed"])),
  ]);
  return {
    queues: queues.map((r) => ({ queue: r.queue, state: r.state, jobs: Number(r.jobs) })),
    oldestDue: oldestDue.map((r) => ({ queue: r.queue, seconds: seconds(now, r.runAt) })),
    outbox: outbox.map((r) => ({ channel: r.channel, status: r.status, messages: Number(r.messages) })),
    metrc: metrc.map((r) => ({ status: r.status, items: Number(r.items) })),
    metrcOldestUnsyncedSeconds: seconds(now, metrcOldest?.createdAt ?? null),
  };
}
