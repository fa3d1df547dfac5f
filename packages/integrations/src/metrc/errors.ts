/**
 * Every failure of a METRC call is one of these kinds, so the sync queue can decide what to do without parsing
 * messages:
 * - auth: 401/403, the keys or the license are wrong; retrying will not help until someone fixes them.
 * - rate_limited: 429; wait `retryAfterMs` before the next call to this facility.
 * - rejected: another 4xx; METRC read the request and refused it (the message says why). Not retryable.
 * - not_found: 404 on a look-up.
 * - server, timeout, network, bad_response: retryable, and *ambiguous* for writes: METRC may have applied the
 *   request even though we did not get a clean answer.
 * Messages never contain the keys: they name the call, the status and METRC's own message.
 */
export type MetrcErrorKind =
  "auth" | "rate_limited" | "rejected" | "not_found" | "server" | "timeout" | "network" | "bad_response";

export class MetrcError extends Error {
  override name = "MetrcError";
  constructor(
    readonly kind: MetrcErrorKind,
    message: string,
    readonly details: { status?: number; retryAfterMs?: number; call: string } = { call: "" },
  ) {
    super(message);
  }

  get retryable(): boolean {
    return !["auth", "rejected", "not_found"].includes(this.kind);
  }

  /** True when a write may have been applied by METRC despite the failure. */
  get ambiguous(): boolean {
    return ["server", "timeout", "network", "bad_response"].includes(this.kind);
  }

  get status(): number | undefined {
    return this.details.status;
  }

  get retryAfterMs(): number | undefined {
    return this.details.retryAfterMs;
  }
}

export const isMetrcError = (error: unknown): error is MetrcError => error instanceof MetrcError;

/** Retry-After is seconds or an HTTP date; returns milliseconds from `now`, or undefined when absent/garbled. */
export function parseRetryAfter(value: string | null, now: Date): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now.getTime());
}
