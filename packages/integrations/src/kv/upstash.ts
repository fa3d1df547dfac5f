import { Redis } from "@upstash/redis";
import { assertRateLimitArgs, type KV, serializeValue, toRateLimitResult, ttlToMs } from "./types";

export type UpstashKvOptions = {
  url: string;
  token: string;
  /** Per-request budget covering the retry too, so an unresponsive server cannot hang callers. */
  timeoutMs?: number;
};

export function createUpstashKv(opts: UpstashKvOptions): KV {
  const timeoutMs = opts.timeoutMs ?? 5_000;
  const redis = new Redis({
    url: opts.url,
    token: opts.token,
    // We JSON-encode every value ourselves; the client's auto-parsing would turn a stored "123" into 123.
    automaticDeserialization: false,
    // Auto-pipelining batches reads and writes into separate requests, which can reorder concurrent calls.
    enableAutoPipelining: false,
    enableTelemetry: false,
    retry: { retries: 1, backoff: () => 50 },
    // A signal factory (not a plain signal) makes the client throw on timeout instead of resolving "Aborted".
    signal: () => AbortSignal.timeout(timeoutMs),
  });

  /** Atomically INCR and, only if the key has no expiry yet, PEXPIRE it; returns [count, pttl]. */
  const incrWithExpiry = async (key: string, ttlMs: number): Promise<[number, number]> => {
    const [count, , pttl] = await redis
      .multi()
      .incr(key)
      .pexpire(key, ttlMs, "NX")
      .pttl(key)
      .exec<[number, number, number]>();
    return [count, pttl];
  };

  return {
    kind: "upstash",
    async get<T>(key: string) {
      const raw = await redis.get<string>(key);
      return raw === null ? null : (JSON.parse(raw) as T);
    },
    async set(key, value, options) {
      const json = serializeValue(value);
      const ttlMs = ttlToMs(options?.ttlSeconds);
      await (ttlMs ? redis.set(key, json, { px: ttlMs }) : redis.set(key, json));
    },
    async del(...keys) {
      return keys.length === 0 ? 0 : redis.del(...keys);
    },
    async incr(key, options) {
      const ttlMs = ttlToMs(options?.ttlSeconds);
      return ttlMs ? (await incrWithExpiry(key, ttlMs))[0] : redis.incr(key);
    },
    async rateLimit(key, limit, windowSeconds) {
      assertRateLimitArgs(limit, windowSeconds);
      const windowMs = ttlToMs(windowSeconds) ?? 0;
      const [count, pttl] = await incrWithExpiry(key, windowMs);
      return toRateLimitResult(count, limit, new Date(Date.now() + (pttl > 0 ? pttl : windowMs)));
    },
    async resetRateLimit(key) {
      await redis.del(key);
    },
    async ping() {
      // The reply text is not checked: simple-string replies are not reliably base64-decodable.
      await redis.ping();
    },
  };
}
