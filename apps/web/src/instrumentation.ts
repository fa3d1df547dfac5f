import { isNodeRuntime } from "~/env";

/**
 * Runs once when a server instance starts (Next's instrumentation hook). It refuses to start with uploads on
 * local disk where that disk is not shared or kept (Vercel), and turns tracing on only when an OTLP endpoint is
 * configured: without one, the spans around procedures, routes and jobs are no-ops and nothing leaves the process.
 */
export async function register() {
  if (!isNodeRuntime()) return;
  const { readStorageSettings } = await import("@cannasaas/integrations/env");
  readStorageSettings();
  const { observabilityEnv } = await import("~/env");
  const { OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_SERVICE_NAME } = observabilityEnv();
  if (OTEL_EXPORTER_OTLP_ENDPOINT) {
    const { registerOTel } = await import("@vercel/otel");
    registerOTel({ serviceName: OTEL_SERVICE_NAME ?? "cannasaas" });
  }
}

/** Errors Next saw while rendering or in a route handler: to Sentry when configured, flushed before freezing. */
export async function onRequestError(
  error: unknown,
  request: { path: string; method: string; headers: Record<string, string | string[] | undefined> },
  context: { routePath: string },
) {
  // Written out, not `isNodeRuntime()`: the bundler drops the branch from the Edge build only for this literal
  // test, and the error tracker it imports reads Node's `process.version`.
  // eslint-disable-next-line no-restricted-properties -- a build-time constant, not configuration
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { errorTracker } = await import("~/server/error-tracking");
  const tracker = errorTracker();
  if (tracker.kind === "off") return;
  const requestId = request.headers["x-request-id"];
  tracker.capture(error, {
    route: context.routePath,
    method: request.method,
    requestId: typeof requestId === "string" ? requestId : null,
  });
  await tracker.flush(2_000);
}
