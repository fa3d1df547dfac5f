import { createMemoryKv, createUpstashKv, type KV } from "@cannasaas/integrations/kv";
import { startUpstashRestShim } from "@cannasaas/integrations/testing";

/** Namespaces every key so test files sharing one Redis never see each other's counters. */
export function prefixKv(kv: KV, prefix: string): KV {
  const k = (key: string) => `${prefix}${key}`;
  return {
    kind: kv.kind,
    get: (key) => kv.get(k(key)),
    set: (key, value, options) => kv.set(k(key), value, options),
    del: (...keys) => kv.del(...keys.map(k)),
    incr: (key, options) => kv.incr(k(key), options),
    rateLimit: (key, limit, windowSeconds) => kv.rateLimit(k(key), limit, windowSeconds),
    resetRateLimit: (key) => kv.resetRateLimit(k(key)),
    ping: () => kv.ping(),
  };
}

/**
 * The KV for integration tests: Upstash's REST client against the machine's real Redis (through the REST
 * stand-in) when TEST_REDIS_URL is set, else the in-memory store.
 */
export async function createTestKv(): Promise<{ kv: KV; close(): Promise<void> }> {
  const redisUrl = process.env.TEST_REDIS_URL;
  if (!redisUrl) return { kv: createMemoryKv(), close: async () => {} };
  const token = `test-${Math.random().toString(36).slice(2)}`;
  const shim = await startUpstashRestShim({ redisUrl, token });
  const kv = prefixKv(
    createUpstashKv({ url: shim.url, token }),
    `t${process.pid}-${Math.random().toString(36).slice(2, 8)}:`,
  );
  return { kv, close: () => shim.close() };
}
