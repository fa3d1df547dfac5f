import {
  drainEmailOutbox,
  expireStaleReservations,
  metrcRuntimeFromEnv,
  runMetrcReconciliation,
  runMetrcSync,
} from "@cannasaas/core";
import { isAuthorizedCron } from "~/server/cron";
import { getDeps } from "~/server/deps";

export const dynamic = "force-dynamic";

const jobs: Record<string, (() => Promise<Record<string, unknown>>) | null> = {
  outbox: async () => drainEmailOutbox(await getDeps(), { limit: 200 }),
  reservations: async () => expireStaleReservations(await getDeps()),
  // Declared in vercel.json; its work arrives with the marketing issue.
  marketing: null,
  // Stops taking new METRC calls before the function's time runs out; an item cut off mid-call keeps its lease
  // and is looked up (not re-posted) by the next run.
  "metrc-sync": async () =>
    runMetrcSync(
      { ...(await getDeps()), metrc: metrcRuntimeFromEnv() },
      { limit: 500, signal: AbortSignal.timeout(50_000) },
    ),
  "metrc-reconcile": async () => ({
    facilities: await runMetrcReconciliation(
      { ...(await getDeps()), metrc: metrcRuntimeFromEnv() },
      { signal: AbortSignal.timeout(50_000) },
    ),
  }),
};

/** Vercel Cron calls these with GET and `Authorization: Bearer $CRON_SECRET`. */
export async function GET(request: Request, { params }: { params: Promise<{ job: string }> }) {
  const { job } = await params;
  if (!isAuthorizedCron(request)) {
    return Response.json({ error: "Missing or wrong cron secret." }, { status: 401 });
  }
  if (!(job in jobs)) return Response.json({ error: `Unknown job "${job}".` }, { status: 404 });
  const run = jobs[job];
  if (!run) return Response.json({ error: `The ${job} job is not available yet.` }, { status: 501 });
  const startedAt = new Date();
  const result = await run();
  return Response.json({ job, startedAt, finishedAt: new Date(), result });
}
