import { and, count, desc, eq, gt, inArray, lt, min, sql } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import { queueJobs } from "@cannasaas/db/schema";
import { DomainError } from "../errors";

/**
 * Puts a job back in line now with a fresh round of attempts, creating it if it was never queued (rows written
 * before the queue existed). A running job is left alone: its worker is still on it.
 */
export async function requeueJob(
  db: DbOrTx,
  queue: string,
  job: { dedupeKey: string; organizationId: string | null; payload: Record<string, unknown>; key?: string },
  now: Date,
) {
  await db
    .insert(queueJobs)
    .values({ queue, ...job, runAt: now })
    .onConflictDoUpdate({
      target: [queueJobs.queue, queueJobs.dedupeKey],
      set: { state: "pending", attempts: 0, runAt: now, lastError: null, finishedAt: null },
      setWhere: sql`${queueJobs.state} <> 'running'`,
    });
}

/** Nothing of the key runs before `until` (a facility whose credentials were refused, a rate limit). */
export async function deferKey(db: DbOrTx, queue: string, key: string, until: Date) {
  await db
    .update(queueJobs)
    .set({ runAt: until })
    .where(
      and(
        eq(queueJobs.queue, queue),
        eq(queueJobs.key, key),
        eq(queueJobs.state, "pending"),
        lt(queueJobs.runAt, until),
      ),
    );
}

/** Everything waiting under the key is due now (the cause of a hold was fixed). */
export async function wakeKey(db: DbOrTx, queue: string, key: string, now: Date) {
  await db
    .update(queueJobs)
    .set({ runAt: now })
    .where(
      and(
        eq(queueJobs.queue, queue),
        eq(queueJobs.key, key),
        eq(queueJobs.state, "pending"),
        gt(queueJobs.runAt, now),
      ),
    );
}

/** A person retries a dead-lettered job of their organization: pending now, with a fresh round of attempts. */
export async function retryDeadJob(db: DbOrTx, organizationId: string, jobId: string, now: Date) {
  const [job] = await db
    .update(queueJobs)
    .set({ state: "pending", attempts: 0, runAt: now, lastError: null, finishedAt: null })
    .where(
      and(eq(queueJobs.id, jobId), eq(queueJobs.organizationId, organizationId), eq(queueJobs.state, "dead")),
    )
    .returning({ id: queueJobs.id, queue: queueJobs.queue });
  if (!job) throw new DomainError("NOT_FOUND", "There is no dead-lettered job with that id.");
  return job;
}

export type QueueSummary = {
  queue: string;
  pending: number;
  running: number;
  done: number;
  dead: number;
  /** Seconds since the oldest job still waiting or running was enqueued; 0 when none. */
  oldestPendingSeconds: number;
};

/**
 * One view of every queue for one organization: jobs by queue and state, how long the oldest waiting job has
 * waited, and the latest dead letters with their reasons. `queues` lists the registered queues so empty ones show.
 */
export async function queueOverview(
  db: DbOrTx,
  organizationId: string,
  options: { now: Date; queues: readonly string[]; deadLimit?: number },
) {
  const mine = eq(queueJobs.organizationId, organizationId);
  const counts = await db
    .select({ queue: queueJobs.queue, state: queueJobs.state, n: count() })
    .from(queueJobs)
    .where(mine)
    .groupBy(queueJobs.queue, queueJobs.state);
  const oldest = await db
    .select({ queue: queueJobs.queue, at: min(queueJobs.createdAt) })
    .from(queueJobs)
    .where(and(mine, inArray(queueJobs.state, ["pending", "running"])))
    .groupBy(queueJobs.queue);
  const names = [...new Set([...options.queues, ...counts.map((c) => c.queue)])];
  const queues: QueueSummary[] = names.map((queue) => {
    const n = (state: string) => counts.find((c) => c.queue === queue && c.state === state)?.n ?? 0;
    const at = oldest.find((o) => o.queue === queue)?.at;
    return {
      queue,
      pending: n("pending"),
      running: n("running"),
      done: n("done"),
      dead: n("dead"),
      oldestPendingSeconds: at
        ? Math.max(0, Math.round((options.now.getTime() - new Date(at).getTime()) / 1000))
        : 0,
    };
  });
  const deadLetters = await db
    .select({
      id: queueJobs.id,
      queue: queueJobs.queue,
      reason: queueJobs.lastError,
      attempts: queueJobs.attempts,
      createdAt: queueJobs.createdAt,
      diedAt: queueJobs.finishedAt,
    })
    .from(queueJobs)
    .where(and(mine, eq(queueJobs.state, "dead")))
    .orderBy(desc(queueJobs.finishedAt))
    .limit(options.deadLimit ?? 20);
  return { queues, deadLetters };
}
