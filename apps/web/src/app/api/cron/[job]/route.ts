import { handleCronRequest } from "@cannasaas/core";
import { getDeps } from "~/server/deps";

export const dynamic = "force-dynamic";

/**
 * Vercel Cron calls GET /api/cron/<job> with `Authorization: Bearer $CRON_SECRET` on the schedules in
 * vercel.json. The jobs are registered in packages/core/src/jobs/registry.ts; `pnpm job <name>` runs the same
 * code from a terminal.
 */
export async function GET(request: Request, { params }: { params: Promise<{ job: string }> }) {
  const { job } = await params;
  return handleCronRequest(request, job, { secret: process.env.CRON_SECRET, deps: getDeps });
}
