import type { Metadata } from "next";
import Link from "next/link";
import { can } from "@cannasaas/auth/rbac";
import { EmptyState, Notice } from "@cannasaas/ui/card";
import {
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHead,
  TableHeader,
  TableRowHeader,
} from "@cannasaas/ui/table";
import { formatDateTime } from "~/lib/format";
import { dashboardSession } from "~/server/dashboard";
import { serverApi } from "~/server/trpc";
import { RetryDeadLetterButton } from "./retry-button";

export const metadata: Metadata = { title: "Queues" };

const LABELS: Record<string, string> = {
  email: "Email",
  "webhook-events": "Webhook events",
  webhooks: "Webhook deliveries",
  metrc: "METRC reports",
};

/** "3 min", "2 h 5 min": how long the oldest waiting job has waited. */
function formatWait(seconds: number) {
  if (seconds === 0) return "—";
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `${hours} h ${minutes % 60} min` : `${Math.floor(hours / 24)} days`;
}

export default async function QueuesPage() {
  const { active } = await dashboardSession();
  if (!active) return null;
  if (!can(active.role, "audit.read")) {
    return <Notice tone="error">Your role cannot see the queues. Ask an owner or admin.</Notice>;
  }
  const { queues, deadLetters } = await (await serverApi()).jobs.queues();
  const canRetry = can(active.role, "integrations.manage");
  return (
    <div className="flex flex-col gap-6">
      <div>
        <Link href="/dashboard/jobs" className="text-sm text-emerald-800 underline">
          Scheduled jobs
        </Link>
        <h1 className="text-2xl font-bold">Queues</h1>
      </div>
      <p className="text-stone-700">
        Emails, webhook deliveries and METRC reports your dispensary is waiting on. Failed work is tried again
        with growing pauses; after the last attempt it becomes a dead letter with its reason.
      </p>
      <Table>
        <TableCaption>Jobs by queue and state</TableCaption>
        <TableHeader>
          <tr>
            <TableHead>Queue</TableHead>
            <TableHead align="right">Waiting</TableHead>
            <TableHead align="right">Running</TableHead>
            <TableHead align="right">Done</TableHead>
            <TableHead align="right">Dead</TableHead>
            <TableHead align="right">Oldest waiting</TableHead>
          </tr>
        </TableHeader>
        <TableBody>
          {queues.map((q) => (
            <tr key={q.queue} data-testid={`queue-${q.queue}`}>
              <TableRowHeader>
                <span className="font-semibold">{LABELS[q.queue] ?? q.queue}</span>
                <span className="block text-xs text-stone-600">{q.description}</span>
              </TableRowHeader>
              <TableCell numeric>{q.pending}</TableCell>
              <TableCell numeric>{q.running}</TableCell>
              <TableCell numeric>{q.done}</TableCell>
              <TableCell numeric className={q.dead ? "font-semibold text-red-800" : undefined}>
                {q.dead}
              </TableCell>
              <TableCell align="right">{formatWait(q.oldestPendingSeconds)}</TableCell>
            </tr>
          ))}
        </TableBody>
      </Table>

      <section aria-labelledby="dead-letters" className="flex flex-col gap-3">
        <h2 id="dead-letters" className="text-lg font-semibold">
          Recent dead letters
        </h2>
        {deadLetters.length === 0 ? (
          <EmptyState className="p-4 text-sm">Nothing has given up.</EmptyState>
        ) : (
          <Table>
            <TableCaption>The latest jobs that gave up, with their reasons</TableCaption>
            <TableHeader>
              <tr>
                <TableHead>Queue</TableHead>
                <TableHead>Gave up (UTC)</TableHead>
                <TableHead>Attempts</TableHead>
                <TableHead>Reason</TableHead>
                <TableHead>
                  <span className="sr-only">Actions</span>
                </TableHead>
              </tr>
            </TableHeader>
            <TableBody>
              {deadLetters.map((d) => (
                <tr key={d.id} data-testid="dead-letter">
                  <TableCell>{LABELS[d.queue] ?? d.queue}</TableCell>
                  <TableCell className="whitespace-nowrap">
                    {d.diedAt ? formatDateTime(d.diedAt, "UTC") : "—"}
                  </TableCell>
                  <TableCell className="tabular-nums">{d.attempts}</TableCell>
                  <TableCell className="text-red-900">{d.reason ?? "—"}</TableCell>
                  <TableCell>
                    {d.retryElsewhere ? (
                      <Link href="/dashboard/compliance/metrc" className="text-emerald-800 underline">
                        Retry from METRC
                      </Link>
                    ) : canRetry ? (
                      <RetryDeadLetterButton jobId={d.id} label={`${LABELS[d.queue] ?? d.queue} job`} />
                    ) : null}
                  </TableCell>
                </tr>
              ))}
            </TableBody>
          </Table>
        )}
      </section>
    </div>
  );
}
