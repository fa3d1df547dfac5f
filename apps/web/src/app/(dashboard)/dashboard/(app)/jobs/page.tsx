import type { Metadata } from "next";
import Link from "next/link";
import { can } from "@cannasaas/auth/rbac";
import { Badge, type BadgeTone } from "@cannasaas/ui/badge";
import { EmptyState, Notice } from "@cannasaas/ui/card";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader } from "@cannasaas/ui/table";
import { formatDateTime } from "~/lib/format";
import { dashboardSession } from "~/server/dashboard";
import { serverApi } from "~/server/trpc";
import { RunNowButton } from "./run-now-button";

export const metadata: Metadata = { title: "Scheduled jobs" };

const OUTCOME = {
  running: { label: "Running", tone: "info" },
  succeeded: { label: "Succeeded", tone: "success" },
  failed: { label: "Failed", tone: "danger" },
  skipped_locked: { label: "Skipped (already running)", tone: "warning" },
} as const satisfies Record<string, { label: string; tone: BadgeTone }>;
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
        dispensary&apos;s share where a job reports one. The work they drain is on the{" "}
        <Link href="/dashboard/jobs/queues" className="text-emerald-800 underline">
          queues page
        </Link>
        .
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
            <EmptyState className="p-4 text-sm">No runs yet.</EmptyState>
          ) : (
            <Table>
              <TableCaption>Recent runs of {job.name}</TableCaption>
              <TableHeader className="text-stone-700">
                <tr>
                  <TableHead>Started (UTC)</TableHead>
                  <TableHead>Finished</TableHead>
                  <TableHead>Trigger</TableHead>
                  <TableHead>Outcome</TableHead>
                  <TableHead>Counts</TableHead>
                </tr>
              </TableHeader>
              <TableBody>
                {job.runs.map((run) => (
                  <tr key={run.id} data-testid={`run-${job.name}`}>
                    <TableCell className="whitespace-nowrap">
                      {formatDateTime(run.startedAt, "UTC")}
                    </TableCell>
                    <TableCell className="whitespace-nowrap">
                      {run.finishedAt
                        ? `${((run.finishedAt.getTime() - run.startedAt.getTime()) / 1000).toFixed(1)} s later`
                        : "—"}
                    </TableCell>
                    <TableCell>{TRIGGER[run.trigger]}</TableCell>
                    <TableCell>
                      <Badge tone={OUTCOME[run.outcome].tone} className="font-semibold">
                        {OUTCOME[run.outcome].label}
                      </Badge>
                      {run.error ? (
                        <span className="mt-1 block text-xs text-red-800">{run.error}</span>
                      ) : null}
                    </TableCell>
                    <TableCell>{formatCounts(run.counts)}</TableCell>
                  </tr>
                ))}
              </TableBody>
            </Table>
          )}
        </section>
      ))}
    </div>
  );
}
