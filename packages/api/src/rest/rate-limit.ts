import type { ApiRateLimit } from "@cannasaas/core";

/** The X-RateLimit headers every authenticated response carries, and Retry-After once the window is spent. */
export function rateLimitHeaders(result: ApiRateLimit, now: Date): Record<string, string> {
  const headers: Record<string, string> = {
    "x-ratelimit-limit": String(result.limit),
    "x-ratelimit-remaining": String(result.remaining),
    "x-ratelimit-reset": String(Math.ceil(result.resetAt.getTime() / 1000)),
  };
  if (!result.allowed)
    headers["retry-after"] = String(
      Math.max(1, Math.ceil((result.resetAt.getTime() - now.getTime()) / 1000)),
    );
  return headers;
}
