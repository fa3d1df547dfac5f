import { defineJob, sumCounts, type Counts } from "../jobs/define";
import { runMetrcReconciliation } from "./reconcile";
import { metrcRuntimeOf, type MetrcRuntime } from "./runtime";
import { runMetrcSync } from "./sync";

/** Vercel stops a function at its time limit; the drain stops taking new calls before that. */
const RUN_BUDGET_MS = 50_000;

/**
 * "Sync now" and "Reconcile now" run inside a person's request, which the platform stops at its time limit like
 * any function; a person also waits on the button. So they stop well before the jobs' budget, leaving room to
 * record the run and answer, and the scheduled runs do the rest (the stop is between reports and facilities,
 * and a call in flight is abandoned as if the process had died: nothing is lost).
 */
export const MANUAL_RUN_BUDGET_MS = 20_000;

/** The signal that stops a manual run: the runtime's budget when it names one (tests), else MANUAL_RUN_BUDGET_MS. */
export const manualRunSignal = (metrc: Pick<MetrcRuntime, "manualRunBudgetMs">): AbortSignal =>
  AbortSignal.timeout(metrc.manualRunBudgetMs ?? MANUAL_RUN_BUDGET_MS);

export const metrcSyncJob = defineJob({
  name: "metrc-sync",
  description:
    "Reports completed sales, voids and package adjustments to METRC, per facility, with retries and dead-lettering.",
  leaseMs: 5 * 60_000,
  run: async (deps) => {
    const result = await runMetrcSync(
      { ...deps, metrc: metrcRuntimeOf(deps) },
      { limit: 500, signal: AbortSignal.timeout(RUN_BUDGET_MS) },
    );
    const byOrganization: Record<string, Counts> = {};
    for (const f of result.facilities) {
      const mine = (byOrganization[f.organizationId] ??= {});
      mine.sent = (mine.sent ?? 0) + f.sent;
      mine.failed = (mine.failed ?? 0) + f.failed;
      mine.dead = (mine.dead ?? 0) + f.dead;
      mine.facilitiesSkipped = (mine.facilitiesSkipped ?? 0) + (f.skipped ? 1 : 0);
      mine.maxLagSeconds = Math.max(mine.maxLagSeconds ?? 0, f.lagSeconds);
    }
    return {
      counts: { ...sumCounts(byOrganization), notConfigured: result.notConfigured.length },
      byOrganization,
    };
  },
});

export const metrcReconcileJob = defineJob({
  name: "metrc-reconcile",
  description:
    "Compares each facility's active packages in METRC with the local lots and lists the differences.",
  leaseMs: 30 * 60_000,
  run: async (deps) => {
    const results = await runMetrcReconciliation(
      { ...deps, metrc: metrcRuntimeOf(deps) },
      { signal: AbortSignal.timeout(RUN_BUDGET_MS) },
    );
    const byOrganization: Record<string, Counts> = {};
    for (const r of results) {
      const mine = (byOrganization[r.organizationId] ??= {});
      mine[r.status] = (mine[r.status] ?? 0) + 1;
      mine.discrepancies = (mine.discrepancies ?? 0) + r.discrepancies;
    }
    return { counts: sumCounts(byOrganization), byOrganization };
  },
});
