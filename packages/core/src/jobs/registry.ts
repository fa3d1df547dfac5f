import { outboxJob, reservationsJob } from "./builtin";
import type { JobDefinition } from "./define";

/**
 * Every job the scheduler, `pnpm job <name>` and the dashboard's "Run now" know about. To add one: write it
 * with `defineJob` beside its domain code, add it to this list (one line), and declare its
 * `/api/cron/<name>` path with a schedule in vercel.json.
 */
const JOB_LIST: JobDefinition[] = [outboxJob, reservationsJob];

export const JOBS: ReadonlyMap<string, JobDefinition> = new Map(JOB_LIST.map((job) => [job.name, job]));

/**
 * Declared in vercel.json before their work exists: the cron route answers 501 for them rather than 404.
 * Remove a name from here when its job is registered above.
 */
export const PLANNED_JOBS: readonly string[] = ["marketing", "metrc-sync"];

export const jobNames = () => [...JOBS.keys()];
