import { handleMetricsRequest } from "@cannasaas/api/rest";
import { observabilityEnv } from "~/env";
import { getDeps } from "~/server/deps";

export const dynamic = "force-dynamic";

/** Prometheus metrics for a scraper holding `Authorization: Bearer $METRICS_TOKEN`; off when it is unset. */
export async function GET(request: Request) {
  return handleMetricsRequest(request, { token: observabilityEnv().METRICS_TOKEN, deps: getDeps });
}
