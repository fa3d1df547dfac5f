import { checkReadiness } from "@cannasaas/core";
import { getDeps } from "~/server/deps";

export const dynamic = "force-dynamic";

/** Readiness: 200 when the database and the cache answer, 503 (with which one failed) otherwise. */
export async function GET() {
  const report = await checkReadiness(await getDeps());
  return Response.json(report, {
    status: report.status === "ok" ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
}
