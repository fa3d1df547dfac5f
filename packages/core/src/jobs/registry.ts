import { metrcReconcileJob, metrcSyncJob } from "../metrc/jobs";
import { outboxJob, reservationsJob } from "./builtin";
import type { JobDefinition } from "./define";
import { webhooksJob } from "../webhooks/job";
import { analyticsRollupJob } from "../analytics/events-job";
import { loyaltyJob } from "../loyalty/job";
import { pointsExpiryJob } from "../loyalty/expiry";
import { domainsJob } from "../tenancy/domain-job";
import { marketingJob } from "../marketing/job";
import { apiKeyUsageJob } from "../api-keys/job";

/**
 * Every job the scheduler, `pnpm job <name>` and the dashboard's "Run now" know about. To add one: write it
 * with `defineJob` beside its domain code, add it to this list (one line), and declare its
 * `/api/cron/<name>` path with a schedule in vercel.json.
 */
const JOB_LIST: JobDefinition[] = [
  outboxJob,
  reservationsJob,
  metrcSyncJob,
  metrcReconcileJob,
  webhooksJob,
  analyticsRollupJob,
  loyaltyJob,
  pointsExpiryJob,
  domainsJob,
  marketingJob,
  apiKeyUsageJob,
];

export const JOBS: ReadonlyMap<string, JobDefinition> = new Map(JOB_LIST.map((job) => [job.name, job]));

/**
 * Declared in vercel.json before their work exists: the cron route answers 501 for them rather than 404.
 * Remove a name from here when its job is registered above.
 */
export const PLANNED_JOBS: readonly string[] = [];

export const jobNames = () => [...JOBS.keys()];
