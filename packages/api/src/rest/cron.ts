import { createHash, timingSafeEqual } from "node:crypto";
import { domainErrorStatus, isDomainError, JOBS, PLANNED_JOBS, runJob, type JobDeps } from "@cannasaas/core";
import { storefrontLinks } from "../links";

export type CronRefusal = { ok: false; message: string };

/**
 * Checks `Authorization: Bearer <secret>` in constant time (both sides are hashed first, so neither length nor
 * content leaks through timing). Refuses everything when no secret is configured.
 */
export function checkCronAuthorization(
  authorization: string | null,
  secret: string | undefined,
): { ok: true } | CronRefusal {
  if (!secret)
    return { ok: false, message: "Scheduled jobs are disabled: CRON_SECRET is not set on the server." };
  if (!authorization) {
    return {
      ok: false,
      message: "Missing cron secret: send the header Authorization: Bearer <CRON_SECRET>.",
    };
  }
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(authorization), digest(`Bearer ${secret}`))
    ? { ok: true }
    : { ok: false, message: "Wrong cron secret." };
}

/**
 * The whole /api/cron/<job> endpoint (Vercel Cron sends GET with the bearer secret): guard first, then the
 * registry, then one locked run. Deps are loaded only for an authorized call.
 */
export async function handleCronRequest(
  request: Request,
  name: string,
  options: { secret: string | undefined; deps: () => Promise<JobDeps> },
): Promise<Response> {
  const headers = { "cache-control": "no-store" };
  const auth = checkCronAuthorization(request.headers.get("authorization"), options.secret);
  if (!auth.ok) return Response.json({ error: auth.message }, { status: 401, headers });
  if (!JOBS.has(name)) {
    const planned = PLANNED_JOBS.includes(name);
    return Response.json(
      { error: planned ? `The ${name} job is not available yet.` : `Unknown job "${name}".` },
      { status: planned ? 501 : 404, headers },
    );
  }
  try {
    const run = await runJob({ ...(await options.deps()), links: storefrontLinks }, name, {
      trigger: "cron",
    });
    const status = run.outcome === "failed" ? 500 : 200;
    return Response.json(
      {
        job: name,
        runId: run.id,
        outcome: run.outcome,
        startedAt: run.startedAt,
        finishedAt: run.finishedAt,
        counts: run.counts,
        ...(run.error ? { error: run.error } : {}),
      },
      { status, headers },
    );
  } catch (error) {
    if (isDomainError(error)) {
      return Response.json({ error: error.message }, { status: domainErrorStatus[error.code], headers });
    }
    throw error;
  }
}
