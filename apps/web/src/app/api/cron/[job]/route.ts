import { handleCronRequest, observeRoute } from "@cannasaas/api/rest";
import { env } from "~/env";
import { getDeps } from "~/server/deps";

export const dynamic = "force-dynamic";

/**
 * Vercel Cron calls GET /api/cron/<job> with `Authorization: Bearer $CRON_SECRET` on the schedules in
 * vercel.json. The jobs are registered in packages/core/src/jobs/registry.ts; `pnpm job <name>` runs the same
 * code from a terminal.
 */
export const GET = observeRoute(
  "/api/cron/[job]",
  async (request: Request, { params }: { params: Promise<{ job: string }> }) => {
    const { job } = await params;
    return handleCronRequest(request, job, { secret: env().CRON_SECRET, deps: getDeps });
  },
);
