import { randomUUID } from "node:crypto";
import { inSpan, observeJobRun, type JobOutcome } from "@cannasaas/integrations/observability";
import { retryDelayMs, PermanentFailure, RetryLater } from "./backoff";
import {
  claimJobs,
  completeJob,
  completeJobs,
  deadLetterJob,
  pruneDoneJobs,
  rescheduleJob,
  type ClaimFilter,
} from "./claim";
import type { BatchAnswer, HandlerResult, QueueDefinition, QueueDeps, QueueJob } from "./define";

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
 * RetryLater names), and after `maxAttempts` it is dead with the error as its reason. A queue with a batch
 * handler claims and settles up to its batch size at once, each job still with its own outcome.
 */
export async function drainQueue<P, D extends QueueDeps>(
  deps: D,
  queue: QueueDefinition<P, D>,
  options: DrainOptions = {},
): Promise<DrainResult> {
  const limit = options.limit ?? 100;
  const batchSize = queue.batch?.size ?? 1;
  const result: DrainResult = { examined: 0, succeeded: 0, failed: 0, dead: 0, deferred: 0, counts: {} };
  const stopped = () =>
    options.signal?.aborted || (options.deadline && deps.clock().getTime() >= options.deadline.getTime());
  let taken = 0;

  const worker = async () => {
    const token = randomUUID();
    while (taken < limit && !stopped()) {
      const wanted = Math.min(batchSize, limit - taken);
      taken += wanted;
      const jobs = (await claimJobs(deps.db, queue, {
        now: deps.clock(),
        token,
        size: wanted,
        organizationId: options.organizationId,
        key: options.key,
        dedupeKeys: options.dedupeKeys,
      })) as QueueJob<P>[];
      taken -= wanted - jobs.length;
      if (!jobs.length) return;
      if (stopped()) {
        // The run stopped while these were being claimed, before any of them started: they go straight
        // back, due when they were and without the attempt the claim counted, rather than wait out a lease.
        await Promise.all(jobs.map((job) => giveBack(deps, job)));
        taken -= jobs.length;
        return;
      }
      result.examined += jobs.length;
      await observed(deps, queue, jobs, result, options);
    }
  };
  const workers = Math.max(1, Math.ceil(queue.concurrency / batchSize));
  await Promise.all(Array.from({ length: workers }, worker));
  await pruneDoneJobs(deps.db, queue.name, new Date(deps.clock().getTime() - KEEP_DONE_MS));
  return result;
}

function giveBack<P>(deps: QueueDeps, job: QueueJob<P>) {
  return rescheduleJob(deps.db, job, { runAt: job.runAt, error: job.lastError, countAttempt: false });
}

/**
 * One job, or several through the queue's batch handler, in one trace span; each job is counted by its own
 * outcome (metrics.ts), with its share of the run's time and how late it started.
 */
async function observed<P, D extends QueueDeps>(
  deps: D,
  queue: QueueDefinition<P, D>,
  jobs: QueueJob<P>[],
  result: DrainResult,
  options: DrainOptions,
) {
  const started = deps.clock();
  const startedAt = performance.now();
  const batch = Boolean(queue.batch) && jobs.length > 1;
  const outcomes = await inSpan(
    (batch ? "job batch " : "job ") + queue.name,
    batch
      ? { "job.queue": queue.name, "job.count": jobs.length }
      : { "job.queue": queue.name, "job.attempt": jobs[0]!.attempts },
    async () =>
      batch
        ? runBatch(deps, queue, jobs, result, options)
        : [await runJob(deps, queue, jobs[0]!, result, options)],
  );
  const share = (performance.now() - startedAt) / 1000 / jobs.length;
  jobs.forEach((job, i) => observe(queue, job, outcomes[i] ?? null, started, share));
}

function observe<P, D extends QueueDeps>(
  queue: QueueDefinition<P, D>,
  job: QueueJob<P>,
  outcome: JobOutcome | null,
  started: Date,
  seconds: number,
) {
  if (!outcome) return; // stopped mid-run: neither a success nor a failure of the job itself
  observeJobRun({
    queue: queue.name,
    outcome,
    seconds,
    lagSeconds: (started.getTime() - job.runAt.getTime()) / 1000,
  });
}

async function runJob<P, D extends QueueDeps>(
  deps: D,
  queue: QueueDefinition<P, D>,
  job: QueueJob<P>,
  result: DrainResult,
  options: DrainOptions,
): Promise<JobOutcome | null> {
  if (job.attempts > queue.maxAttempts) return abandonJob(deps, queue, job, result);
  let answer: HandlerResult;
  try {
    answer = await queue.handle(deps, job);
  } catch (error) {
    return settleFailure(deps, queue, job, error, result, options);
  }
  if (await settleDeferral(deps, job, answer, result)) return "deferred";
  await completeJob(deps.db, job, deps.clock());
  result.succeeded++;
  return "succeeded";
}

/**
 * The batch handler answers for every job; the jobs it finished are completed in one statement. A handler that
 * throws fails the whole batch, each job by the rules of a single failure.
 */
async function runBatch<P, D extends QueueDeps>(
  deps: D,
  queue: QueueDefinition<P, D>,
  jobs: QueueJob<P>[],
  result: DrainResult,
  options: DrainOptions,
): Promise<(JobOutcome | null)[]> {
  const outcomes: (JobOutcome | null)[] = [];
  const live = jobs.filter((job) => job.attempts <= queue.maxAttempts);
  let answers: BatchAnswer[];
  try {
    answers = live.length ? await queue.batch!.handle(deps, live) : [];
  } catch (error) {
    answers = live.map(() => ({ error }));
  }
  const finished: QueueJob<P>[] = [];
  for (const job of jobs) {
    const index = live.indexOf(job);
    if (index < 0) {
      outcomes.push(await abandonJob(deps, queue, job, result));
      continue;
    }
    const answer = answers[index];
    if (answer && "error" in answer) {
      outcomes.push(await settleFailure(deps, queue, job, answer.error, result, options));
    } else if (await settleDeferral(deps, job, answer, result)) {
      outcomes.push("deferred");
    } else {
      finished.push(job);
      outcomes.push("succeeded");
    }
  }
  if (finished.length) await completeJobs(deps.db, finished, deps.clock());
  result.succeeded += finished.length;
  return outcomes;
}

/** Only a reclaimed lease brings a job past its attempts: the workers that held it stopped answering. */
async function abandonJob<P, D extends QueueDeps>(
  deps: D,
  queue: QueueDefinition<P, D>,
  job: QueueJob<P>,
  result: DrainResult,
): Promise<JobOutcome | null> {
  const reason = `Gave up after ${queue.maxAttempts} attempts; the last worker stopped before finishing it.`;
  const settled = await deadLetterJob(deps.db, job, reason, deps.clock());
  if (settled) result.dead++;
  await queue.onFailure?.(deps, job, { dead: true, error: reason, runAt: deps.clock() });
  return settled ? "dead" : null;
}

/** Adds the handler's counts; a "not now" puts the job back without counting an attempt. */
async function settleDeferral<P>(
  deps: QueueDeps,
  job: QueueJob<P>,
  answer: HandlerResult,
  result: DrainResult,
) {
  for (const [name, n] of Object.entries(answer?.counts ?? {}))
    result.counts[name] = (result.counts[name] ?? 0) + n;
  if (!answer?.retryAt) return false;
  await rescheduleJob(deps.db, job, {
    runAt: answer.retryAt,
    error: answer.reason ?? null,
    countAttempt: false,
  });
  result.deferred++;
  return true;
}

async function settleFailure<P, D extends QueueDeps>(
  deps: D,
  queue: QueueDefinition<P, D>,
  job: QueueJob<P>,
  error: unknown,
  result: DrainResult,
  options: DrainOptions,
): Promise<JobOutcome | null> {
  const now = deps.clock();
  if (options.signal?.aborted) {
    // The run was stopped in the middle of this job: what the handler did is unknown, as if the worker had
    // died. The job waits until its lease would have run out, then runs again (counted as an attempt).
    await rescheduleJob(deps.db, job, {
      runAt: job.lockedUntil ?? now,
      error: "Stopped before it finished.",
      countAttempt: true,
    });
    return null;
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
  return dead ? "dead" : "failed";
}
