import { randomUUID } from "node:crypto";
import { inSpan, observeJobRun, type JobOutcome } from "@cannasaas/integrations/observability";
import { retryDelayMs, PermanentFailure, RetryLater } from "./backoff";
import {
  claimJobs,
  completeJob,
  deadLetterJob,
  pruneDoneJobs,
  rescheduleJob,
  type ClaimFilter,
} from "./claim";
import type { QueueDefinition, QueueDeps, QueueJob } from "./define";

/** Done jobs are kept a week (the overview counts them), then deleted by the drains. */
const KEEP_DONE_MS = 7 * 24 * 60 * 60_000;

export type DrainOptions = ClaimFilter & {
  /** Jobs to take in this run (default 100). */
  limit?: number;
  /** No job is taken after this time; jobs already running finish. */
  deadline?: Date;
  signal?: AbortSignal;
};

export type DrainResult = {
  /** Jobs taken. */
  examined: number;
  succeeded: number;
  /** Failed and scheduled to try again. */
  failed: number;
  dead: number;
  /** Put back without counting an attempt (the handler said "not now"). */
  deferred: number;
  /** What the handlers counted. */
  counts: Record<string, number>;
};

/**
 * Runs due jobs of one queue: up to `concurrency` at once in this process (and across processes, see claimJobs),
 * each with its lease. A job whose handler fails is tried again after a jittered backoff (or at the time a
 * RetryLater names), and after `maxAttempts` it is dead with the error as its reason.
 */
export async function drainQueue<P, D extends QueueDeps>(
  deps: D,
  queue: QueueDefinition<P, D>,
  options: DrainOptions = {},
): Promise<DrainResult> {
  const limit = options.limit ?? 100;
  const result: DrainResult = { examined: 0, succeeded: 0, failed: 0, dead: 0, deferred: 0, counts: {} };
  const stopped = () =>
    options.signal?.aborted || (options.deadline && deps.clock().getTime() >= options.deadline.getTime());
  let taken = 0;

  const worker = async () => {
    const token = randomUUID();
    while (taken < limit && !stopped()) {
      taken++;
      const [job] = await claimJobs(deps.db, queue, {
        now: deps.clock(),
        token,
        size: 1,
        organizationId: options.organizationId,
        key: options.key,
        dedupeKeys: options.dedupeKeys,
      });
      if (!job) {
        taken--;
        return;
      }
      result.examined++;
      await observedRun(deps, queue, job as QueueJob<P>, result, options);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, queue.concurrency) }, worker));
  await pruneDoneJobs(deps.db, queue.name, new Date(deps.clock().getTime() - KEEP_DONE_MS));
  return result;
}

/** One job, in a trace span, counted by outcome with its duration and how late it started (metrics.ts). */
async function observedRun<P, D extends QueueDeps>(
  deps: D,
  queue: QueueDefinition<P, D>,
  job: QueueJob<P>,
  result: DrainResult,
  options: DrainOptions,
) {
  const before = { ...result };
  const started = deps.clock();
  const startedAt = performance.now();
  await inSpan("job " + queue.name, { "job.queue": queue.name, "job.attempt": job.attempts }, () =>
    runJob(deps, queue, job, result, options),
  );
  const outcome: JobOutcome | null =
    result.succeeded > before.succeeded
      ? "succeeded"
      : result.deferred > before.deferred
        ? "deferred"
        : result.dead > before.dead
          ? "dead"
          : result.failed > before.failed
            ? "failed"
            : null;
  if (!outcome) return; // stopped mid-run: neither a success nor a failure of the job itself
  observeJobRun({
    queue: queue.name,
    outcome,
    seconds: (performance.now() - startedAt) / 1000,
    lagSeconds: (started.getTime() - job.runAt.getTime()) / 1000,
  });
}

async function runJob<P, D extends QueueDeps>(
  deps: D,
  queue: QueueDefinition<P, D>,
  job: QueueJob<P>,
  result: DrainResult,
  options: DrainOptions,
) {
  if (job.attempts > queue.maxAttempts) {
    // Only a reclaimed lease gets here: the workers that held it stopped answering.
    const reason = `Gave up after ${queue.maxAttempts} attempts; the last worker stopped before finishing it.`;
    if (await deadLetterJob(deps.db, job, reason, deps.clock())) result.dead++;
    await queue.onFailure?.(deps, job, { dead: true, error: reason, runAt: deps.clock() });
    return;
  }
  try {
    const answer = await queue.handle(deps, job);
    for (const [name, n] of Object.entries(answer?.counts ?? {}))
      result.counts[name] = (result.counts[name] ?? 0) + n;
    if (answer?.retryAt) {
      await rescheduleJob(deps.db, job, {
        runAt: answer.retryAt,
        error: answer.reason ?? null,
        countAttempt: false,
      });
      result.deferred++;
      return;
    }
    await completeJob(deps.db, job, deps.clock());
    result.succeeded++;
  } catch (error) {
    const now = deps.clock();
    if (options.signal?.aborted) {
      // The run was stopped in the middle of this job: what the handler did is unknown, as if the worker had
      // died. The job waits until its lease would have run out, then runs again (counted as an attempt).
      await rescheduleJob(deps.db, job, {
        runAt: job.lockedUntil ?? now,
        error: "Stopped before it finished.",
        countAttempt: true,
      });
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    const dead = error instanceof PermanentFailure || job.attempts >= queue.maxAttempts;
    const runAt =
      error instanceof RetryLater
        ? error.retryAt
        : new Date(now.getTime() + (queue.backoff ?? retryDelayMs)(job.attempts, deps.random ?? Math.random));
    deps.log?.warn(
      { queue: queue.name, jobId: job.id, attempts: job.attempts, dead, err: message },
      "queued job failed",
    );
    const reason =
      dead && !(error instanceof PermanentFailure)
        ? `${message} (gave up after ${job.attempts} attempts)`
        : message;
    if (dead) {
      await deadLetterJob(deps.db, job, reason, now);
      result.dead++;
    } else {
      await rescheduleJob(deps.db, job, { runAt, error: message, countAttempt: true });
      result.failed++;
    }
    await queue.onFailure?.(deps, job, { dead, error: reason, runAt });
  }
}
