import { randomUUID } from "node:crypto";
import { and, desc, eq, lte, sql } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import { jobLocks, jobRuns } from "@cannasaas/db/schema";
import { readCoreEnv } from "../env";
import { DomainError } from "../errors";
import { recordAuditEvent } from "../audit/record";
import type { JobContext, JobDefinition, JobDeps } from "./define";
import { JOBS } from "./registry";

export type JobTrigger = "cron" | "manual" | "cli";
export type JobRun = typeof jobRuns.$inferSelect;

const DEFAULT_LEASE_MS = 10 * 60_000;

/**
 * Takes the job's lease: a conditional upsert that succeeds only when nobody holds it or the holder's lease has
 * run out (a run that crashed). Atomic in the database, so it holds across processes and servers.
 */
async function acquireLock(db: DbOrTx, job: string, holder: string, now: Date, leaseMs: number) {
  const rows = await db
    .insert(jobLocks)
    .values({ job, holder, lockedUntil: new Date(now.getTime() + leaseMs) })
    .onConflictDoUpdate({
      target: jobLocks.job,
      set: { holder: sql`excluded.holder`, lockedUntil: sql`excluded.locked_until` },
      setWhere: lte(jobLocks.lockedUntil, now),
    })
    .returning({ holder: jobLocks.holder });
  return rows[0]?.holder === holder;
}

async function releaseLock(db: DbOrTx, job: string, holder: string) {
  await db.delete(jobLocks).where(and(eq(jobLocks.job, job), eq(jobLocks.holder, holder)));
}

/**
 * Runs a registered job once, unless a run of the same job is in progress anywhere (then the attempt is logged
 * as skipped_locked). Every attempt leaves a row in job_runs; every run that did work is recorded in the
 * platform audit chain with the job as the actor. A failing job is logged as failed, not thrown.
 */
export async function runJob(
  deps: JobDeps,
  name: string,
  options: { trigger: JobTrigger; actorUserId?: string | null },
): Promise<JobRun> {
  const job = JOBS.get(name);
  if (!job) throw new DomainError("NOT_FOUND", `There is no job called "${name}".`);
  return runJobDefinition(deps, job, options);
}

/** `runJob` for a definition in hand (the registry's, or a test's). */
export async function runJobDefinition(
  deps: JobDeps,
  job: JobDefinition,
  options: { trigger: JobTrigger; actorUserId?: string | null },
): Promise<JobRun> {
  const name = job.name;
  const holder = randomUUID();
  const startedAt = deps.clock();
  const base = { job: name, trigger: options.trigger, actorUserId: options.actorUserId ?? null, startedAt };

  if (!(await acquireLock(deps.db, name, holder, startedAt, job.leaseMs ?? DEFAULT_LEASE_MS))) {
    const [skipped] = await deps.db
      .insert(jobRuns)
      .values({ ...base, outcome: "skipped_locked", finishedAt: startedAt })
      .returning();
    deps.log?.info({ job: name, trigger: options.trigger }, "job skipped: a run is in progress");
    return skipped!;
  }

  try {
    const [run] = await deps.db.insert(jobRuns).values(base).returning();
    const ctx: JobContext = {
      runId: run!.id,
      audit: async (event) => {
        await recordAuditEvent(deps.db, {
          ...event,
          actor: { kind: "job", id: name, label: `job:${name}` },
          requestId: run!.id,
        });
      },
    };
    let update: Partial<JobRun>;
    try {
      const result = await job.run(deps, ctx);
      update = {
        outcome: "succeeded",
        counts: result.counts,
        organizationCounts: result.byOrganization ?? null,
      };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      deps.log?.error({ job: name, runId: run!.id, err: message }, "job failed");
      update = { outcome: "failed", error: message.slice(0, 1000) };
    }
    const [finished] = await deps.db
      .update(jobRuns)
      .set({ ...update, finishedAt: deps.clock() })
      .where(eq(jobRuns.id, run!.id))
      .returning();
    await recordAuditEvent(deps.db, {
      organizationId: null,
      actor: { kind: "job", id: name, label: `job:${name}` },
      action: `job.${name}`,
      resource: { type: "job_run", id: finished!.id },
      input: { trigger: options.trigger, actorUserId: options.actorUserId ?? null },
      after: { outcome: finished!.outcome, counts: finished!.counts, error: finished!.error },
      requestId: finished!.id,
      at: finished!.finishedAt ?? undefined,
    });
    return finished!;
  } finally {
    await releaseLock(deps.db, name, holder);
  }
}

/**
 * The latest runs of every registered job, as one organization may see them: its own share of the counts, and
 * error text only where the caller allows it (errors can mention any tenant's data).
 */
export async function listJobRuns(
  db: DbOrTx,
  organizationId: string,
  options: { perJob?: number; includeErrors?: boolean } = {},
) {
  return Promise.all(
    [...JOBS.values()].map(async (job) => {
      const runs = await db
        .select()
        .from(jobRuns)
        .where(eq(jobRuns.job, job.name))
        .orderBy(desc(jobRuns.startedAt))
        .limit(options.perJob ?? 10);
      return {
        name: job.name,
        description: job.description,
        runs: runs.map((r) => ({
          id: r.id,
          trigger: r.trigger,
          outcome: r.outcome,
          startedAt: r.startedAt,
          finishedAt: r.finishedAt,
          counts: r.organizationCounts?.[organizationId] ?? null,
          error: options.includeErrors
            ? r.error
            : r.error
              ? "The run failed; the server log has details."
              : null,
        })),
      };
    }),
  );
}

/** "Run now" and full error texts exist only on a developer's machine or CI, never on the hosted product. */
export function isLocalRunner(source?: Record<string, string | undefined>): boolean {
  return !readCoreEnv(source).hostedProduction;
}
