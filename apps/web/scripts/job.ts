/**
 * Runs one scheduled job now, against the local database (DATABASE_URL, else the embedded PGlite under .data/),
 * through the same registry, lock and run log as the cron route: `pnpm job <name>`.
 * With the embedded database, stop `pnpm dev` first (PGlite allows one process) or use "Run now" in the dashboard.
 */
import { isDomainError, jobNames, runJob, systemClock } from "@cannasaas/core";
import { storefrontLinks } from "@cannasaas/api";
import { createDatabase } from "@cannasaas/db/client";
import { migrateDatabase } from "@cannasaas/db/migrate";
import { createKv } from "@cannasaas/integrations/kv";
import { createMailTransport } from "@cannasaas/integrations/mail";
import { createPushSender } from "@cannasaas/integrations/push";

async function main() {
  const name = process.argv[2];
  if (!name || name.startsWith("-")) {
    console.error(`Usage: pnpm job <name>\nJobs: ${jobNames().join(", ")}`);
    return 1;
  }
  const handle = await createDatabase({ url: process.env.DATABASE_URL || undefined });
  try {
    await migrateDatabase(handle);
    const deps = {
      db: handle.db,
      kv: createKv(),
      mail: createMailTransport(),
      push: createPushSender(),
      clock: systemClock,
    };
    const run = await runJob({ ...deps, links: storefrontLinks }, name, { trigger: "cli" });
    const seconds = run.finishedAt
      ? ((run.finishedAt.getTime() - run.startedAt.getTime()) / 1000).toFixed(2)
      : "?";
    console.log(`${run.job}: ${run.outcome} in ${seconds} s (run ${run.id})`);
    if (run.counts) console.log(`counts: ${JSON.stringify(run.counts)}`);
    if (run.organizationCounts) console.log(`per organization: ${JSON.stringify(run.organizationCounts)}`);
    if (run.outcome === "skipped_locked")
      console.log("Another run of this job is in progress; nothing was done.");
    if (run.error) console.error(`error: ${run.error}`);
    return run.outcome === "failed" ? 1 : 0;
  } catch (error) {
    if (isDomainError(error)) {
      console.error(`${error.message} Jobs: ${jobNames().join(", ")}`);
      return 1;
    }
    throw error;
  } finally {
    await handle.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
