export {
  metrics,
  observeHttpRequest,
  observeJobRun,
  observeProcedure,
  renderMetrics,
  setBacklog,
  type Backlog,
  type JobOutcome,
  type Metrics,
} from "./metrics";
export { inSpan, markSpanFailed } from "./tracing";
export {
  createSentryErrorTracker,
  noErrorTracker,
  type ErrorContext,
  type ErrorTracker,
  type SentryOptions,
} from "./errors";
