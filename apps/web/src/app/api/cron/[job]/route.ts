import {
  drainEmailOutbox,
  expireStaleReservations,
  runWebhookDeliveries,
  webhookDeps,
} from "@cannasaas/core";
import { isAuthorizedCron } from "~/server/cron";
import { getDeps } from "~/server/deps";

export const dynamic = "force-dynamic";

const jobs: Record<string, (() => Promise<Record<string, unknown>>) | null> = {
  outbox: async () => drainEmailOutbox(await getDeps(), { limit: 200 }),
  reservations: async () => expireStaleReservations(await getDeps()),
  webhooks: async () => runWebhookDeliveries(webhookDeps(await getDeps()), { limit: 200 }),
  // Declared in vercel.json; their work arrives with the marketing and METRC issues.
  marketing: null,
  "metrc-sync": null,
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
