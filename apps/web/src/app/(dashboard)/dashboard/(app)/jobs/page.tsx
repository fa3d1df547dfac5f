import type { Metadata } from "next";
import { can } from "@cannasaas/auth/rbac";
import { Notice } from "@cannasaas/ui/card";
import { formatDateTime } from "~/lib/format";
import { dashboardSession } from "~/server/dashboard";
import { serverApi } from "~/server/trpc";
import { RunNowButton } from "./run-now-button";

export const metadata: Metadata = { title: "Scheduled jobs" };

const OUTCOME = {
  running: { label: "Running", style: "bg-sky-100 text-sky-900" },
  succeeded: { label: "Succeeded", style: "bg-emerald-100 text-emerald-900" },
  failed: { label: "Failed", style: "bg-red-100 text-red-900" },
  skipped_locked: { label: "Skipped (already running)", style: "bg-amber-100 text-amber-900" },
} as const;
const TRIGGER = { cron: "Schedule", manual: "Run now", cli: "Command line" } as const;

const formatCounts = (counts: Record<string, number> | null) =>
  counts && Object.keys(counts).length > 0
    ? Object.entries(counts)
        .map(([k, n]) => `${k}: ${n}`)
        .join(", ")
    : "—";

export default async function JobsPage() {
  const { active } = await dashboardSession();
  if (!active) return null;
  if (!can(active.role, "audit.read")) {
    return <Notice tone="error">Your role cannot see scheduled jobs. Ask an owner or admin.</Notice>;
  }
  const { jobs, canRunNow } = await (await serverApi()).jobs.runs();
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-bold">Scheduled jobs</h1>
      <p className="text-stone-700">
        Background work the platform runs on a schedule. A job never runs twice at once; counts show your
        dispensary&apos;s share where a job reports one.
      </p>
      {jobs.map((job) => (
        <section key={job.name} aria-labelledby={`job-${job.name}`} className="flex flex-col gap-3">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <div>
              <h2 id={`job-${job.name}`} className="font-mono text-lg font-semibold">
                {job.name}
              </h2>
              <p className="text-sm text-stone-600">{job.description}</p>
            </div>
            {canRunNow ? <RunNowButton job={job.name} /> : null}
          </div>
          {job.runs.length === 0 ? (
            <p className="rounded-xl bg-white p-4 text-sm text-stone-700">No runs yet.</p>
          ) : (
            <div className="overflow-x-auto rounded-xl border border-stone-200 bg-white">
              <table className="w-full text-left text-sm">
                <caption className="sr-only">Recent runs of {job.name}</caption>
                <thead className="bg-stone-50 text-stone-700">
                  <tr>
                    <th scope="col" className="px-3 py-2">
                      Started (UTC)
                    </th>
                    <th scope="col" className="px-3 py-2">
                      Finished
                    </th>
                    <th scope="col" className="px-3 py-2">
                      Trigger
                    </th>
                    <th scope="col" className="px-3 py-2">
                      Outcome
                    </th>
                    <th scope="col" className="px-3 py-2">
                      Counts
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {job.runs.map((run) => (
                    <tr key={run.id} data-testid={`run-${job.name}`} className="border-t border-stone-100">
                      <td className="whitespace-nowrap px-3 py-2">{formatDateTime(run.startedAt, "UTC")}</td>
                      <td className="whitespace-nowrap px-3 py-2">
                        {run.finishedAt
                          ? `${((run.finishedAt.getTime() - run.startedAt.getTime()) / 1000).toFixed(1)} s later`
                          : "—"}
                      </td>
                      <td className="px-3 py-2">{TRIGGER[run.trigger]}</td>
                      <td className="px-3 py-2">
                        <span
                          className={`rounded-full px-2 py-0.5 text-xs font-semibold ${OUTCOME[run.outcome].style}`}
                        >
                          {OUTCOME[run.outcome].label}
                        </span>
                        {run.error ? (
                          <span className="mt-1 block text-xs text-red-800">{run.error}</span>
                        ) : null}
                      </td>
                      <td className="px-3 py-2">{formatCounts(run.counts)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ))}
    </div>
  );
}
