import { sql } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import { queueJobs } from "@cannasaas/db/schema";

export type EnqueueOptions = {
  /** Null only for platform work that belongs to no organization. */
  organizationId: string | null;
  /** Jobs with the same key run one at a time, in the order they were enqueued. */
  key?: string;
  runAt?: Date;
  /** A second enqueue with the same dedupe key in this queue is ignored (usually the domain row's id). */
  dedupeKey?: string;
};

/**
 * Adds jobs to a queue. Pass the transaction of the change that causes them: they exist only if it commits.
 * Returns the ids of the jobs created (a duplicate dedupe key creates none).
 */
export async function enqueueMany(
  db: DbOrTx,
  queue: string,
  jobs: Array<{ payload: Record<string, unknown> } & EnqueueOptions>,
): Promise<string[]> {
  if (jobs.length === 0) return [];
  const rows = await db
    .insert(queueJobs)
    .values(
      jobs.map((job) => ({
        queue,
        organizationId: job.organizationId,
        key: job.key ?? null,
        dedupeKey: job.dedupeKey ?? null,
        payload: job.payload,
        // Claims compare run_at with the application's clock, which counts whole milliseconds; the database's
        // now() counts microseconds, so a job enqueued and claimed within one millisecond would not be due yet.
        runAt: job.runAt ?? sql`date_trunc('milliseconds', now())`,
      })),
    )
    .onConflictDoNothing({ target: [queueJobs.queue, queueJobs.dedupeKey] })
    .returning({ id: queueJobs.id });
  return rows.map((r) => r.id);
}

/** `enqueueMany` for one job; null when its dedupe key was already queued. */
export async function enqueue(
  db: DbOrTx,
  queue: string,
  payload: Record<string, unknown>,
  options: EnqueueOptions,
): Promise<string | null> {
  const [id] = await enqueueMany(db, queue, [{ payload, ...options }]);
  return id ?? null;
}
