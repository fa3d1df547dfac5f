import type { queueJobs } from "@cannasaas/db/schema";
import type { Clock } from "../deps";
import type { DbOrTx } from "@cannasaas/db/client";
import type { Logger } from "@cannasaas/integrations/logger";

export type QueueJob<P = Record<string, unknown>> = Omit<typeof queueJobs.$inferSelect, "payload"> & {
  payload: P;
};

/** What every drain needs; a queue's handler may ask for more (a mail transport, a fetch). */
export type QueueDeps = { db: DbOrTx; clock: Clock; log?: Logger; random?: () => number };

/**
 * What a handler may answer. Nothing: the job is done. `retryAt`: not now, without counting an attempt (the
 * receiver is disabled, a facility is held); `counts` are added to the drain's result.
 * A thrown error counts an attempt: `RetryLater` says when to try again, `PermanentFailure` gives up at once,
 * anything else backs off with jitter until `maxAttempts`, then the job is dead with the error as its reason.
 */
export type HandlerResult = void | { retryAt?: Date; reason?: string; counts?: Record<string, number> };

/** A batch handler's answer for one job: what a single handler would return, or the error it would throw. */
export type BatchAnswer = HandlerResult | { error: unknown };

export type FailureOutcome = { dead: boolean; error: string; runAt: Date };

export type QueueDefinition<P = Record<string, unknown>, D extends QueueDeps = QueueDeps> = {
  name: string;
  description: string;
  /** Jobs of this queue running at once, across every drain and process. */
  concurrency: number;
  maxAttempts: number;
  /** How long a claim holds before another drain may assume the worker died and take the job again. */
  leaseMs: number;
  /** Delay before attempt `attempts + 1`; the shared jittered exponential backoff when absent. */
  backoff?: (attempts: number, random: () => number) => number;
  handle: (deps: D, job: QueueJob<P>) => Promise<HandlerResult>;
  /**
   * Handles up to `size` claimed jobs at once, answering for each in order, so a large send costs a few
   * statements per batch instead of several per job. `concurrency` still counts jobs; a drain runs
   * `concurrency / size` batches at once. A lone job goes to `handle`.
   */
  batch?: { size: number; handle: (deps: D, jobs: QueueJob<P>[]) => Promise<BatchAnswer[]> };
  /**
   * Where a person retries a dead job instead of the queue overview, when retrying needs more than running the
   * job again (METRC checks the packages first). Absent: the overview's retry runs it again.
   */
  retryElsewhere?: string;
  /** Keeps the domain record in step when an attempt fails (its status, last error, next attempt). */
  onFailure?: (deps: D, job: QueueJob<P>, outcome: FailureOutcome) => Promise<void>;
};

export const defineQueue = <P, D extends QueueDeps>(queue: QueueDefinition<P, D>) => queue;
