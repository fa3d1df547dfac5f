/** Exponential backoff with jitter (half fixed, half random), capped at one hour: 15-30 s after the first failure. */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(60 * 60_000, 30_000 * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/**
 * Thrown by a handler that knows when to try again (an HTTP 429 or 503 with Retry-After): the attempt counts,
 * and the next one is at `retryAt` instead of the backoff.
 */
export class RetryLater extends Error {
  constructor(
    message: string,
    readonly retryAt: Date,
  ) {
    super(message);
    this.name = "RetryLater";
  }
}

/** Thrown by a handler when trying again cannot help: the job is dead-lettered at once with this message. */
export class PermanentFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PermanentFailure";
  }
}

/** An HTTP Retry-After header (seconds or a date) as a time, capped at a day; null when absent or unreadable. */
export function retryAfterAt(header: string | null | undefined, now: Date): Date | null {
  if (!header) return null;
  const seconds = /^\d+$/.test(header.trim()) ? Number(header.trim()) * 1000 : null;
  const ms = seconds ?? Date.parse(header) - now.getTime();
  if (!Number.isFinite(ms)) return null;
  return new Date(now.getTime() + Math.min(Math.max(0, ms), 24 * 60 * 60_000));
}
