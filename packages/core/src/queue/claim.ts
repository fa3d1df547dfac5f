import { and, asc, count, eq, gt, inArray, lt, lte, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import { queueJobs } from "@cannasaas/db/schema";
import type { QueueJob } from "./define";

/** The claim a worker holds: the job and the lease token it was claimed with. */
type Held = { id: string; lockedBy: string | null };

export type ClaimFilter = { organizationId?: string; key?: string; dedupeKeys?: string[] };

/**
 * Due: pending and its time has come, or running under a lease that ran out (the worker died). A keyed job is
 * due only when no job with its key is held under a live lease and no older job with its key is due: one at a
 * time per key, oldest first. An older job that is backing off does not hold the newer ones back.
 */
const due = (queue: string, now: Date, filter: ClaimFilter) => {
  const at = sql`${now.toISOString()}::timestamptz`;
  return and(
    eq(queueJobs.queue, queue),
    inArray(queueJobs.state, ["pending", "running"]),
    or(
      and(eq(queueJobs.state, "pending"), lte(queueJobs.runAt, now)),
      and(eq(queueJobs.state, "running"), lte(queueJobs.lockedUntil, now)),
    ),
    filter.organizationId ? eq(queueJobs.organizationId, filter.organizationId) : undefined,
    filter.key ? eq(queueJobs.key, filter.key) : undefined,
    filter.dedupeKeys ? inArray(queueJobs.dedupeKey, filter.dedupeKeys) : undefined,
    sql`(${queueJobs.key} is null or not exists (
      select 1 from ${queueJobs} as other
      where other.queue = ${queueJobs.queue} and other.key = ${queueJobs.key} and other.id <> ${queueJobs.id}
        and other.state in ('pending', 'running')
        and ((other.seq < ${queueJobs.seq} and ((other.state = 'pending' and other.run_at <= ${at})
            or (other.state = 'running' and other.locked_until <= ${at})))
          or (other.state = 'running' and other.locked_until > ${at}))))`,
  );
};

/**
 * Claims up to `size` due jobs of a queue for the worker `token`, oldest first, under a lease. Claims of one
 * queue take a transaction-scoped advisory lock, so the queue's concurrency holds across drains and processes;
 * rows are still locked `FOR UPDATE SKIP LOCKED`, so nothing else that touches them is waited on.
 */
export async function claimJobs(
  db: DbOrTx,
  queue: { name: string; concurrency: number; leaseMs: number },
  options: { now: Date; token: string; size: number } & ClaimFilter,
): Promise<QueueJob[]> {
  const { now, token } = options;
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`queue:${queue.name}`}))`);
    const [held] = await tx
      .select({ n: count() })
      .from(queueJobs)
      .where(
        and(eq(queueJobs.queue, queue.name), eq(queueJobs.state, "running"), gt(queueJobs.lockedUntil, now)),
      );
    const room = Math.min(options.size, queue.concurrency - (held?.n ?? 0));
    if (room <= 0) return [];
    const next = tx
      .select({ id: queueJobs.id })
      .from(queueJobs)
      .where(due(queue.name, now, options))
      .orderBy(asc(queueJobs.seq))
      .limit(room)
      .for("update", { skipLocked: true });
    const claimed = await tx
      .update(queueJobs)
      .set({
        state: "running",
        attempts: sql`${queueJobs.attempts} + 1`,
        lockedUntil: new Date(now.getTime() + queue.leaseMs),
        lockedBy: token,
      })
      .where(inArray(queueJobs.id, next))
      .returning();
    return claimed.sort((a, b) => a.seq - b.seq);
  });
}

/** Only the worker holding the lease may settle a job (after a lease ran out, another worker holds it). */
const held = (job: Held) =>
  and(eq(queueJobs.id, job.id), eq(queueJobs.state, "running"), eq(queueJobs.lockedBy, job.lockedBy!));

export async function completeJob(db: DbOrTx, job: Held, now: Date) {
  const rows = await db
    .update(queueJobs)
    .set({ state: "done", finishedAt: now, lockedUntil: null, lockedBy: null, lastError: null })
    .where(held(job))
    .returning({ id: queueJobs.id });
  return rows.length > 0;
}

/** Completes the jobs one worker holds, in one statement; returns how many it still held. */
export async function completeJobs(db: DbOrTx, jobs: Held[], now: Date) {
  const token = jobs[0]?.lockedBy;
  if (!token || jobs.some((job) => job.lockedBy !== token))
    throw new Error("completeJobs takes one worker's jobs");
  const rows = await db
    .update(queueJobs)
    .set({ state: "done", finishedAt: now, lockedUntil: null, lockedBy: null, lastError: null })
    .where(
      and(
        inArray(
          queueJobs.id,
          jobs.map((job) => job.id),
        ),
        eq(queueJobs.state, "running"),
        eq(queueJobs.lockedBy, token),
      ),
    )
    .returning({ id: queueJobs.id });
  return rows.length;
}

/** Back to pending at `runAt`; `countAttempt: false` gives back the attempt the claim counted. */
export async function rescheduleJob(
  db: DbOrTx,
  job: Held,
  change: { runAt: Date; error: string | null; countAttempt: boolean },
) {
  const rows = await db
    .update(queueJobs)
    .set({
      state: "pending",
      runAt: change.runAt,
      lastError: change.error?.slice(0, 1000) ?? null,
      lockedUntil: null,
      lockedBy: null,
      ...(change.countAttempt ? {} : { attempts: sql`greatest(${queueJobs.attempts} - 1, 0)` }),
    })
    .where(held(job))
    .returning({ id: queueJobs.id });
  return rows.length > 0;
}

export async function deadLetterJob(db: DbOrTx, job: Held, reason: string, now: Date) {
  const rows = await db
    .update(queueJobs)
    .set({
      state: "dead",
      lastError: reason.slice(0, 1000),
      finishedAt: now,
      lockedUntil: null,
      lockedBy: null,
    })
    .where(held(job))
    .returning({ id: queueJobs.id });
  return rows.length > 0;
}

/** Deletes a batch of jobs finished before `before`; the domain rows keep the history people look at. */
export async function pruneDoneJobs(db: DbOrTx, queue: string, before: Date, batch = 500) {
  const old = db
    .select({ id: queueJobs.id })
    .from(queueJobs)
    .where(and(eq(queueJobs.queue, queue), eq(queueJobs.state, "done"), lt(queueJobs.finishedAt, before)))
    .limit(batch);
  await db.delete(queueJobs).where(inArray(queueJobs.id, old));
}
