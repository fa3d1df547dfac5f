import type { KV } from "@cannasaas/integrations/kv";
import type { Plan } from "../plans/features";

/** SPEC: API 100 requests per 15 minutes; enterprise gets more. A key may set its own limit. */
export const API_RATE_WINDOW_SECONDS = 15 * 60;
export const PLAN_API_RATE_LIMITS: Record<Plan, number> = {
  starter: 100,
  professional: 100,
  enterprise: 1000,
};
export const MAX_KEY_RATE_LIMIT = 10_000;

export type ApiRateLimit = { allowed: boolean; limit: number; remaining: number; resetAt: Date };

/** Fixed window per key (KV counter that expires with the window). */
export async function takeApiRequest(
  kv: KV,
  keyId: string,
  limit: number,
  windowSeconds = API_RATE_WINDOW_SECONDS,
): Promise<ApiRateLimit> {
  return kv.rateLimit(`api:key:${keyId}`, limit, windowSeconds);
}
