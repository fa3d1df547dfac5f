import { readIntegrationsEnv } from "../env";
import { createMemoryKv } from "./memory";
import type { KV } from "./types";
import { createUpstashKv } from "./upstash";

export type { KV, RateLimitResult } from "./types";
export { createMemoryKv, type MemoryKvOptions } from "./memory";
export { createUpstashKv, type UpstashKvOptions } from "./upstash";

/** Upstash when UPSTASH_REDIS_REST_URL is set, otherwise an in-process memory store. */
export function createKv(env: Record<string, string | undefined> = process.env): KV {
  const { UPSTASH_REDIS_REST_URL: url, UPSTASH_REDIS_REST_TOKEN: token } = readIntegrationsEnv(env);
  return url && token ? createUpstashKv({ url, token }) : createMemoryKv();
}
