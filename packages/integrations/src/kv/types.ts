export type RateLimitResult = { allowed: boolean; limit: number; remaining: number; resetAt: Date };

export interface KV {
  readonly kind: "upstash" | "memory";
  /** Values are stored as JSON; a stored object comes back as an equal (not identical) object. */
  get<T>(key: string): Promise<T | null>;
  set(key: string, value: unknown, options?: { ttlSeconds?: number }): Promise<void>;
  del(...keys: string[]): Promise<number>;
  /** The ttl is applied only while the key has none (i.e. when created), so increments never extend it. */
  incr(key: string, options?: { ttlSeconds?: number }): Promise<number>;
  /** Fixed-window limiter: counts this call; allowed while count <= limit. */
  rateLimit(key: string, limit: number, windowSeconds: number): Promise<RateLimitResult>;
  /** Removes a rate-limit key (e.g. after a successful sign-in if desired). */
  resetRateLimit(key: string): Promise<void>;
  /** Throws when the store is unreachable. */
  ping(): Promise<void>;
}

export function toRateLimitResult(count: number, limit: number, resetAt: Date): RateLimitResult {
  return { allowed: count <= limit, limit, remaining: Math.max(0, limit - count), resetAt };
}

export function assertRateLimitArgs(limit: number, windowSeconds: number): void {
  if (!Number.isInteger(limit) || limit < 0)
    throw new RangeError(`rate limit must be a non-negative integer, got ${limit}`);
  if (!(windowSeconds > 0)) throw new RangeError(`rate-limit window must be positive, got ${windowSeconds}`);
}

/** Converts an optional ttl to whole milliseconds; rejects zero/negative ttls instead of silently storing forever. */
export function ttlToMs(ttlSeconds: number | undefined): number | undefined {
  if (ttlSeconds === undefined) return undefined;
  const ms = Math.round(ttlSeconds * 1000);
  if (!Number.isFinite(ms) || ms <= 0) throw new RangeError(`ttlSeconds must be positive, got ${ttlSeconds}`);
  return ms;
}

export function serializeValue(value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined)
    throw new TypeError("KV values must be JSON-serializable (got undefined or a function)");
  return json;
}
