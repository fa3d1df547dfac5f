export { retryDelayMs, retryAfterAt, RetryLater, PermanentFailure } from "./backoff";
export {
  defineQueue,
  type QueueDefinition,
  type QueueDeps,
  type QueueJob,
  type HandlerResult,
  type BatchAnswer,
} from "./define";
export { enqueue, enqueueMany, type EnqueueOptions } from "./enqueue";
export { drainQueue, type DrainOptions, type DrainResult } from "./drain";
export { claimJobs } from "./claim";
export { queueOverview, retryDeadJob, requeueJob, deferKey, wakeKey, type QueueSummary } from "./manage";
export { QUEUES, queueNames, organizationQueues, retryDeadLetter } from "./registry";
