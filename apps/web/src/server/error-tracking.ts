import {
  createSentryErrorTracker,
  noErrorTracker,
  type ErrorTracker,
} from "@cannasaas/integrations/observability";
import { observabilityEnv } from "~/env";

const globalForTracker = globalThis as unknown as { __cannasaasErrors?: ErrorTracker };

/**
 * Sentry when SENTRY_DSN is set, else a tracker that reports nowhere (errors still reach the log). Not marked
 * server-only: instrumentation.ts loads it, outside the React server layer that marker expects.
 */
export function errorTracker(): ErrorTracker {
  if (!globalForTracker.__cannasaasErrors) {
    const { SENTRY_DSN, SENTRY_ENVIRONMENT } = observabilityEnv();
    globalForTracker.__cannasaasErrors = SENTRY_DSN
      ? createSentryErrorTracker({ dsn: SENTRY_DSN, environment: SENTRY_ENVIRONMENT })
      : noErrorTracker;
  }
  return globalForTracker.__cannasaasErrors;
}
