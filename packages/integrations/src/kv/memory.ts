import { assertRateLimitArgs, type KV, serializeValue, toRateLimitResult, ttlToMs } from "./types";

type Entry = { json: string; expiresAt: number | null };

export type MemoryKvOptions = {
  now?: () => number;
  /** Upper bound on stored keys; expired keys are swept first, then the oldest are dropped. */
  maxEntries?: number;
};

/** Single-process store for development and tests; state is lost on restart. */
export function createMemoryKv(opts: MemoryKvOptions = {}): KV {
  const now = opts.now ?? Date.now;
  const maxEntries = opts.maxEntries ?? 10_000;
  const entries = new Map<string, Entry>();

  const live = (key: string): Entry | undefined => {
    const entry = entries.get(key);
    if (entry?.expiresAt != null && entry.expiresAt <= now()) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };

  const makeRoomFor = (key: string) => {
    if (entries.has(key) || entries.size < maxEntries) return;
    const t = now();
    for (const [k, e] of entries) if (e.expiresAt != null && e.expiresAt <= t) entries.delete(k);
    for (const k of entries.keys()) {
      if (entries.size < maxEntries) break;
      entries.delete(k);
    }
  };

  const write = (key: string, entry: Entry) => {
    makeRoomFor(key);
    entries.set(key, entry);
  };

  const incr = (key: string, ttlMs?: number): Entry => {
    const entry = live(key);
    const current = entry ? (JSON.parse(entry.json) as unknown) : 0;
    if (!Number.isSafeInteger(current)) throw new Error(`ERR value at ${key} is not an integer`);
    const expiresAt = entry?.expiresAt ?? (ttlMs ? now() + ttlMs : null);
    const next = { json: String((current as number) + 1), expiresAt };
    write(key, next);
    return next;
  };

  return {
    kind: "memory",
    async get<T>(key: string) {
      const entry = live(key);
      return entry ? (JSON.parse(entry.json) as T) : null;
    },
    async set(key, value, options) {
      const ttlMs = ttlToMs(options?.ttlSeconds);
      write(key, { json: serializeValue(value), expiresAt: ttlMs ? now() + ttlMs : null });
    },
    async del(...keys) {
      let removed = 0;
      for (const key of keys) if (live(key) && entries.delete(key)) removed++;
      return removed;
    },
    async incr(key, options) {
      return Number(incr(key, ttlToMs(options?.ttlSeconds)).json);
    },
    async rateLimit(key, limit, windowSeconds) {
      assertRateLimitArgs(limit, windowSeconds);
      const entry = incr(key, ttlToMs(windowSeconds));
      return toRateLimitResult(Number(entry.json), limit, new Date(entry.expiresAt ?? now()));
    },
    async resetRateLimit(key) {
      entries.delete(key);
    },
    async ping() {},
  };
}
