import { defineJob, type Counts } from "../jobs/define";
import { compactApiKeyUses } from "./keys";

/** Batches per run: the uses of a busy hour fold in one run, and a backlog drains over a few. */
const BATCHES = 20;
const BATCH = 50_000;

export const apiKeyUsageJob = defineJob({
  name: "api-key-usage",
  description: "Folds recorded API requests into each key's request count and last-used time.",
  leaseMs: 10 * 60_000,
  run: async (deps) => {
    const byOrganization: Record<string, Counts> = {};
    let folded = 0;
    for (let i = 0; i < BATCHES; i++) {
      const rows = await compactApiKeyUses(deps.db, BATCH);
      let batch = 0;
      for (const row of rows) {
        batch += row.folded;
        const org = (byOrganization[row.organizationId] ??= { folded: 0 });
        org.folded = (org.folded ?? 0) + row.folded;
      }
      folded += batch;
      if (batch < BATCH) break;
    }
    return { counts: { folded }, byOrganization };
  },
});
