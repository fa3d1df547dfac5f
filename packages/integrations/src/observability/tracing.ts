import { SpanStatusCode, trace, type Attributes } from "@opentelemetry/api";

const tracer = () => trace.getTracer("cannasaas");

/**
 * Runs `work` inside a span. Without a registered OpenTelemetry SDK (the default: see the app's
 * instrumentation.ts) the API hands out no-op spans, so this costs next to nothing and sends nothing.
 */
export function inSpan<T>(name: string, attributes: Attributes, work: () => Promise<T>): Promise<T> {
  return tracer().startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await work();
    } catch (error) {
      span.recordException(error instanceof Error ? error : String(error));
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** Marks the current span failed without an exception (a tRPC error result, a failed job). */
export function markSpanFailed(message: string) {
  trace.getActiveSpan()?.setStatus({ code: SpanStatusCode.ERROR, message });
}
