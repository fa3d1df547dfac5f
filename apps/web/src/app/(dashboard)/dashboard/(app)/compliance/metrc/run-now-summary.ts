import type { RouterOutputs } from "@cannasaas/api";

type SyncRun = RouterOutputs["metrc"]["syncNow"];
type ReconcileRun = RouterOutputs["metrc"]["reconcileNow"];

/** How often the scheduled runs come (vercel.json: metrc-sync "*\/15 * * * *", metrc-reconcile "30 9 * * *"). */
const SCHEDULED_SYNC = "every 15 minutes";
const RECONCILIATION_UTC = { hour: 9, minute: 30 };

/** The scheduled reconciliation's time on the store's clock today (09:30 UTC moves with daylight saving). */
function reconciliationTime(timeZone: string, now: Date) {
  const at = new Date(
    Date.UTC(
      now.getUTCFullYear(),
      now.getUTCMonth(),
      now.getUTCDate(),
      RECONCILIATION_UTC.hour,
      RECONCILIATION_UTC.minute,
    ),
  );
  return new Intl.DateTimeFormat("en-US", {
    timeZone,
    hour: "numeric",
    minute: "2-digit",
    timeZoneName: "short",
  }).format(at);
}

/**
 * What "Sync now" did. A run stopped on its time limit says so: what it sent so far, and that the reports it did
 * not get to stay queued for the scheduled sync.
 */
export function describeSyncRun(r: SyncRun): string {
  const counts = `${r.sent} sent, ${r.failed} will retry, ${r.dead} need attention`;
  const notConfigured = r.notConfigured.length ? ` ${r.notConfigured.join(" ")}` : "";
  if (!r.aborted) return `Sync finished: ${counts}.${notConfigured}`;
  return (
    `Sync stopped at its time limit. So far: ${counts}. ` +
    `The reports not sent yet stay queued; the scheduled sync sends them (it runs ${SCHEDULED_SYNC}).` +
    notConfigured
  );
}

/**
 * What "Reconcile now" found per location. The locations a stopped run did not compare (cut off, or not reached)
 * are named together; the next run takes the least recently compared locations first (runMetrcReconciliation).
 */
export function describeReconcileRun(results: ReconcileRun, clock: { timeZone: string; now: Date }): string {
  if (results.length === 0) return "No location has METRC credentials yet.";
  const parts: string[] = [];
  for (const r of results) {
    if (r.status === "completed") parts.push(`${r.location}: ${r.discrepancies} difference(s) found.`);
    else if (r.status === "failed") parts.push(`${r.location}: ${r.message ?? "the comparison failed."}`);
    else if (r.status === "skipped") parts.push(r.message ?? `${r.location}: skipped.`);
  }
  const stopped = results.filter((r) => r.status === "stopped").map((r) => r.location);
  if (stopped.length) {
    parts.push(
      `Stopped at its time limit before comparing ${listOf(stopped)}. ` +
        "Reconcile now again to continue (the locations it did not reach go first); " +
        `the scheduled reconciliation runs daily at ${reconciliationTime(clock.timeZone, clock.now)}.`,
    );
  }
  return parts.join(" ");
}

const listOf = (names: string[]) =>
  names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
