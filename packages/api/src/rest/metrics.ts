import { createHash, timingSafeEqual } from "node:crypto";
import { readOperationalBacklog } from "@cannasaas/core";
import type { DbOrTx } from "@cannasaas/db/client";
import { inSpan, observeHttpRequest, renderMetrics, setBacklog } from "@cannasaas/integrations/observability";

const digest = (s: string) => createHash("sha256").update(s).digest();

/**
 * GET /api/metrics in the Prometheus text format, for a scraper holding `Authorization: Bearer <token>`. Off
 * (404, as if absent) when no token is configured; the token is compared in constant time. The backlog gauges
 * are read from the database on each scrape.
 */
export async function handleMetricsRequest(
  request: Request,
  options: { token: string | undefined; deps: () => Promise<{ db: DbOrTx; clock: () => Date }> },
): Promise<Response> {
  const headers = { "cache-control": "no-store" };
  if (!options.token) return new Response("Not found\n", { status: 404, headers });
  const authorization = request.headers.get("authorization") ?? "";
  if (!timingSafeEqual(digest(authorization), digest(`Bearer ${options.token}`))) {
    return new Response("Send Authorization: Bearer <METRICS_TOKEN>.\n", {
      status: 401,
      headers: { ...headers, "www-authenticate": 'Bearer realm="metrics"' },
    });
  }
  const deps = await options.deps();
  setBacklog(await readOperationalBacklog(deps.db, deps.clock()));
  const { contentType, body } = await renderMetrics();
  return new Response(body, { headers: { ...headers, "content-type": contentType } });
}

type RouteHandler<A extends unknown[]> = (request: Request, ...rest: A) => Promise<Response>;

/**
 * Wraps a route handler so each request is counted and timed under its route pattern (never the concrete path,
 * which would make one series per product or order) and traced as a span. A handler that throws counts as 500.
 */
export function observeRoute<A extends unknown[]>(route: string, handler: RouteHandler<A>): RouteHandler<A> {
  return async (request, ...rest) => {
    const started = performance.now();
    let status = 500;
    try {
      const response = await inSpan(
        `${request.method} ${route}`,
        { "http.request.method": request.method, "http.route": route },
        () => handler(request, ...rest),
      );
      status = response.status;
      return response;
    } finally {
      observeHttpRequest({
        route,
        method: request.method,
        status,
        seconds: (performance.now() - started) / 1000,
      });
    }
  };
}
