import type { MailTransport } from "@cannasaas/integrations/mail";
import type { CoreDeps } from "../deps";
import type { AuditEventInput } from "../audit/record";
import type { StoreLinks } from "../ai/guards/links";

/** What every job gets; widen it here if a job needs another outside service (and pass it from the callers). */
export type JobDeps = CoreDeps & {
  mail: MailTransport;
  /** The app's page paths for links in messages (core knows none); without them, links go to the store's home. */
  links?: Pick<StoreLinks, "product">;
};

export type Counts = Record<string, number>;

export type JobContext = {
  runId: string;
  /** Records a change the job made in an organization's audit trail, with the job as the actor. */
  audit: (event: Omit<AuditEventInput, "actor" | "requestId">) => Promise<void>;
};

export type JobResult = {
  /** Platform-wide totals, e.g. { sent: 12, failed: 1 }. */
  counts: Counts;
  /** The same per organization id: the dashboard shows each tenant its own share only. */
  byOrganization?: Record<string, Counts>;
};

export type JobDefinition = {
  /** The URL segment (/api/cron/<name>) and the `pnpm job <name>` argument. */
  name: string;
  description: string;
  /** How long a run may hold the lock before another run may assume it died. */
  leaseMs?: number;
  run: (deps: JobDeps, ctx: JobContext) => Promise<JobResult>;
};

export const defineJob = (job: JobDefinition): JobDefinition => job;

/** Adds up per-organization counts into platform totals. */
export function sumCounts(byOrganization: Record<string, Counts>): Counts {
  const total: Counts = {};
  for (const counts of Object.values(byOrganization)) {
    for (const [key, n] of Object.entries(counts)) total[key] = (total[key] ?? 0) + n;
  }
  return total;
}
