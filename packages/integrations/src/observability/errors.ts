import { createStackParser, createTransport, type BaseTransportOptions, type Transport } from "@sentry/core";
import { nodeStackLineParser, ServerRuntimeClient } from "@sentry/core/server";

export type ErrorContext = { requestId?: string | null; route?: string | null; method?: string | null };

/** Where unexpected errors are reported besides the log. The default reports nowhere. */
export interface ErrorTracker {
  readonly kind: "off" | "sentry";
  capture(error: unknown, context?: ErrorContext): void;
  /** Waits (at most `timeoutMs`) for reports in flight, e.g. before a serverless function freezes. */
  flush(timeoutMs?: number): Promise<boolean>;
}

export const noErrorTracker: ErrorTracker = {
  kind: "off",
  capture: () => {},
  flush: async () => true,
};

export type SentryOptions = {
  dsn: string;
  environment?: string;
  release?: string;
  /** Each report is abandoned after this long (default 5 s). */
  timeoutMs?: number;
};

/**
 * Sentry through its core client only: no global hub, no automatic instrumentation and no request bodies, so
 * nothing is sent but the errors passed to `capture` (with the request id and route, never cookies or input).
 */
export function createSentryErrorTracker(options: SentryOptions): ErrorTracker {
  const timeoutMs = options.timeoutMs ?? 5_000;
  const transport = (transportOptions: BaseTransportOptions): Transport =>
    createTransport(transportOptions, async (request) => {
      const response = await fetch(transportOptions.url, {
        method: "POST",
        // A copy on its own ArrayBuffer: what fetch's body type accepts under both Node's and the DOM's typings.
        body: typeof request.body === "string" ? request.body : new Uint8Array(request.body),
        signal: AbortSignal.timeout(timeoutMs),
      });
      return {
        statusCode: response.status,
        headers: {
          "x-sentry-rate-limits": response.headers.get("x-sentry-rate-limits"),
          "retry-after": response.headers.get("retry-after"),
        },
      };
    });
  const client = new ServerRuntimeClient({
    dsn: options.dsn,
    environment: options.environment,
    release: options.release,
    integrations: [],
    transport,
    stackParser: createStackParser(nodeStackLineParser()),
    sendDefaultPii: false,
    platform: "node",
    runtime: { name: "node", version: process.version },
  });
  client.init();
  return {
    kind: "sentry",
    capture(error, context) {
      client.captureException(error, {
        captureContext: {
          tags: {
            ...(context?.route ? { route: context.route } : {}),
            ...(context?.method ? { method: context.method } : {}),
          },
          extra: context?.requestId ? { requestId: context.requestId } : {},
        },
      });
    },
    flush: (ms = timeoutMs) => Promise.resolve(client.flush(ms)),
  };
}
