import { type EnvSource, readIntegrationsEnv } from "../env";
import { createMemoryKv } from "./memory";
import type { KV } from "./types";
import { createUpstashKv } from "./upstash";

export type { KV, RateLimitResult } from "./types";
export { createMemoryKv, type MemoryKvOptions } from "./memory";
export { createUpstashKv, type UpstashKvOptions } from "./upstash";

/** Upstash when UPSTASH_REDIS_REST_URL is set, otherwise an in-process memory store. */
/** `source` defaults to the process environment (read in ../env.ts). */
export function createKv(source?: EnvSource): KV {
  const { UPSTASH_REDIS_REST_URL: url, UPSTASH_REDIS_REST_TOKEN: token } = readIntegrationsEnv(source);
  return url && token ? createUpstashKv({ url, token }) : createMemoryKv();
}
