import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt } from "./_shared";
import { organizations } from "./tenancy";

/** pending: waiting for its run time; running: claimed under a lease; done; dead: gave up, kept with its reason. */
export const queueJobStateEnum = pgEnum("queue_job_state", ["pending", "running", "done", "dead"]);

/**
 * One row per unit of background work (an email to send, a webhook delivery, a METRC report). Written in the
 * same transaction as the change that causes it; a drain claims due rows with a lease (`FOR UPDATE SKIP LOCKED`).
 * Jobs with the same `key` in a queue run one at a time, in `seq` order. The domain tables (outbox messages,
 * webhook deliveries) keep what happened; this table keeps only when and by whom the work is done.
 * `organizationId` is null only for platform work (for example a staff password reset email).
 */
export const queueJobs = pgTable(
  "queue_jobs",
  {
    id: id(),
    /** Insertion order: per-key ordering follows it (created_at ties inside one transaction). */
    seq: bigint({ mode: "number" }).generatedAlwaysAsIdentity(),
    organizationId: uuid().references(() => organizations.id, { onDelete: "cascade" }),
    queue: text().notNull(),
    /** Jobs sharing a key run one at a time, oldest first (METRC: the facility). */
    key: text(),
    /** Enqueueing the same dedupe key twice in a queue creates one job (usually the domain row's id). */
    dedupeKey: text(),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    state: queueJobStateEnum().notNull().default("pending"),
    attempts: integer().notNull().default(0),
    runAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
    lockedUntil: timestamp({ withTimezone: true, mode: "date" }),
    lockedBy: uuid(),
    lastError: text(),
    finishedAt: timestamp({ withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique().on(t.queue, t.dedupeKey),
    index().on(t.organizationId, t.queue, t.state, t.createdAt),
    // Claims walk unfinished jobs in order and look up their key's unfinished jobs; finished ones pile up unread.
    index("queue_jobs_unfinished")
      .on(t.queue, t.seq)
      .where(sql`${t.state} in ('pending', 'running')`),
    index("queue_jobs_unfinished_by_key")
      .on(t.queue, t.key, t.seq)
      .where(sql`${t.state} in ('pending', 'running')`),
    // Each claim counts the queue's live leases; without this, that count walks every waiting job.
    index("queue_jobs_running")
      .on(t.queue, t.lockedUntil)
      .where(sql`${t.state} = 'running'`),
    // Finished jobs are pruned after a week (dead letters stay until retried).
    index("queue_jobs_done")
      .on(t.queue, t.finishedAt)
      .where(sql`${t.state} = 'done'`),
    check("queue_jobs_attempts", sql`${t.attempts} >= 0`),
  ],
);
