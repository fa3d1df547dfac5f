import { index, jsonb, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { id } from "./_shared";
import { users } from "./auth";

export const jobTriggerEnum = pgEnum("job_trigger", ["cron", "manual", "cli"]);
export const jobOutcomeEnum = pgEnum("job_outcome", ["running", "succeeded", "failed", "skipped_locked"]);

/** One row per attempt to run a scheduled job, including the ones skipped because a run was in progress. */
export const jobRuns = pgTable(
  "job_runs",
  {
    id: id(),
    job: text().notNull(),
    trigger: jobTriggerEnum().notNull(),
    /** Who pressed "Run now" (manual runs only). */
    actorUserId: text().references(() => users.id, { onDelete: "set null" }),
    outcome: jobOutcomeEnum().notNull().default("running"),
    startedAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
    finishedAt: timestamp({ withTimezone: true, mode: "date" }),
    /** Platform-wide counts, e.g. { sent: 12, failed: 1 }. */
    counts: jsonb().$type<Record<string, number>>(),
    /** The same counts per organization id, for the dashboard (a tenant sees only its own share). */
    organizationCounts: jsonb().$type<Record<string, Record<string, number>>>(),
    error: text(),
  },
  (t) => [index().on(t.job, t.startedAt)],
);

/** A lease per job: taken by a conditional upsert, so one run at a time across every process. */
export const jobLocks = pgTable("job_locks", {
  job: text().primaryKey(),
  holder: uuid().notNull(),
  lockedUntil: timestamp({ withTimezone: true, mode: "date" }).notNull(),
});
