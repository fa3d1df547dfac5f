import { and, asc, eq, inArray, ne, sql } from "drizzle-orm";
import { METRC_UNITS } from "@cannasaas/db/enums";
import {
  inventoryLots,
  locations,
  metrcCredentials,
  metrcDiscrepancies,
  metrcReconciliations,
  metrcSyncItems,
} from "@cannasaas/db/schema";
import { isMetrcError, type MetrcPackage } from "@cannasaas/integrations/metrc";
import { hasFeature } from "../plans/features";
import { metrcClientForLocation } from "./credentials";
import type { MetrcDeps } from "./runtime";

/** METRC's page size cap; also a guard against a server that never stops paging. */
const PAGE_SIZE = 20;
const MAX_PAGES = 5_000;

type Discrepancy = typeof metrcDiscrepancies.$inferInsert;

export type ReconciliationSummary = {
  organizationId: string;
  locationId: string;
  /** The location's name, for the person reading the result. */
  location: string;
  reconciliationId: string | null;
  /** "stopped": the run's time ran out before this facility was compared (see runMetrcReconciliation). */
  status: "completed" | "failed" | "skipped" | "stopped";
  discrepancies: number;
  message: string | null;
};

/**
 * Compares each configured facility's active packages in METRC with the local lots: packages METRC has that we do
 * not (or have at zero), lots we hold that METRC does not list, and quantities that differ. The result is stored
 * per run for the dashboard. Reports still queued are counted on the run, since they explain some differences.
 */
export async function runMetrcReconciliation(
  deps: MetrcDeps,
  options: { organizationId?: string; locationId?: string; signal?: AbortSignal } = {},
): Promise<ReconciliationSummary[]> {
  // Least recently compared first: a run stopped by its budget leaves the facilities it did not reach to be
  // compared first by the next run, instead of starting over with the same ones.
  // (A correlated max, so the index on organization, location and start answers it per facility.)
  const lastCompared = sql`(select max(${metrcReconciliations.startedAt}) from ${metrcReconciliations}
    where ${metrcReconciliations.organizationId} = ${metrcCredentials.organizationId}
      and ${metrcReconciliations.locationId} = ${metrcCredentials.locationId})`;
  const facilities = await deps.db
    .select({
      organizationId: metrcCredentials.organizationId,
      locationId: metrcCredentials.locationId,
      location: locations.name,
    })
    .from(metrcCredentials)
    .innerJoin(locations, eq(locations.id, metrcCredentials.locationId))
    .where(
      and(
        options.organizationId ? eq(metrcCredentials.organizationId, options.organizationId) : undefined,
        options.locationId ? eq(metrcCredentials.locationId, options.locationId) : undefined,
      ),
    )
    .orderBy(sql`${lastCompared} asc nulls first`, asc(locations.name), asc(locations.id));
  const results: ReconciliationSummary[] = [];
  for (const f of facilities) {
    // Stopped: the facilities not reached are listed as such, so the caller can say which ones wait.
    if (options.signal?.aborted) {
      results.push({
        ...f,
        reconciliationId: null,
        status: "stopped",
        discrepancies: 0,
        message: "Not reached before the time limit.",
      });
      continue;
    }
    results.push(await reconcileFacility(deps, f, options.signal));
  }
  return results;
}

async function reconcileFacility(
  deps: MetrcDeps,
  { organizationId, locationId, location }: { organizationId: string; locationId: string; location: string },
  signal?: AbortSignal,
): Promise<ReconciliationSummary> {
  const base = { organizationId, locationId, location };
  if (!(await hasFeature(deps, organizationId, "metrc_integration"))) {
    return {
      ...base,
      reconciliationId: null,
      status: "skipped",
      discrepancies: 0,
      message: "METRC is not on the plan.",
    };
  }
  const facility = await metrcClientForLocation(deps, organizationId, locationId, { signal });
  if (!facility.ok) {
    return { ...base, reconciliationId: null, status: "skipped", discrepancies: 0, message: facility.reason };
  }
  const [run] = await deps.db
    .insert(metrcReconciliations)
    .values({ organizationId, locationId, startedAt: deps.clock() })
    .returning({ id: metrcReconciliations.id });
  const runId = run!.id;
  try {
    const remote = new Map<string, MetrcPackage>();
    for (let page = 1; page <= MAX_PAGES; page++) {
      const answer = await facility.client.activePackages({ pageNumber: page, pageSize: PAGE_SIZE });
      for (const p of answer.Data) remote.set(p.Label, p);
      const totalPages = answer.TotalPages ?? (answer.Data.length < PAGE_SIZE ? page : page + 1);
      if (page >= totalPages || answer.Data.length === 0) break;
    }
    const lots = await deps.db
      .select({ label: inventoryLots.packageLabel, quantity: inventoryLots.quantity })
      .from(inventoryLots)
      .where(and(eq(inventoryLots.organizationId, organizationId), eq(inventoryLots.locationId, locationId)));
    const local = new Map(lots.map((l) => [l.label, l.quantity]));
    const found: Discrepancy[] = [];
    const row = (
      d: Omit<Discrepancy, "organizationId" | "reconciliationId" | "locationId">,
    ): Discrepancy => ({
      organizationId,
      reconciliationId: runId,
      locationId,
      ...d,
    });
    for (const [label, pkg] of remote) {
      const mine = local.get(label);
      const metrcQuantity = String(pkg.Quantity);
      const metrcUnit = pkg.UnitOfMeasureName ?? null;
      if (mine === undefined || mine === 0) {
        found.push(
          row({
            kind: "missing_locally",
            packageLabel: label,
            localQuantity: mine ?? null,
            metrcQuantity,
            metrcUnit,
          }),
        );
      } else if (mine !== pkg.Quantity) {
        found.push(
          row({
            kind: "quantity_mismatch",
            packageLabel: label,
            localQuantity: mine,
            metrcQuantity,
            metrcUnit,
          }),
        );
      }
    }
    for (const [label, quantity] of local) {
      if (quantity > 0 && !remote.has(label)) {
        found.push(row({ kind: "missing_in_metrc", packageLabel: label, localQuantity: quantity }));
      }
    }
    const [unsent] = await deps.db
      .select({ n: sql<number>`count(*)::int` })
      .from(metrcSyncItems)
      .where(
        and(
          eq(metrcSyncItems.organizationId, organizationId),
          eq(metrcSyncItems.locationId, locationId),
          inArray(metrcSyncItems.status, ["pending", "in_flight", "failed", "dead"]),
        ),
      );
    await deps.db.transaction(async (tx) => {
      // METRC is the record of how each package is tracked; sales and adjustments report in that unit.
      for (const [label, pkg] of remote) {
        const unit = METRC_UNITS.find((u) => u === pkg.UnitOfMeasureName);
        if (!unit || !local.has(label)) continue;
        await tx
          .update(inventoryLots)
          .set({ unitOfMeasure: unit })
          .where(
            and(
              eq(inventoryLots.organizationId, organizationId),
              eq(inventoryLots.locationId, locationId),
              eq(inventoryLots.packageLabel, label),
              ne(inventoryLots.unitOfMeasure, unit),
            ),
          );
      }
      for (let i = 0; i < found.length; i += 500)
        await tx.insert(metrcDiscrepancies).values(found.slice(i, i + 500));
      await tx
        .update(metrcReconciliations)
        .set({
          status: "completed",
          finishedAt: deps.clock(),
          packagesInMetrc: remote.size,
          lotsLocal: [...local.values()].filter((q) => q > 0).length,
          discrepancyCount: found.length,
          unsentItems: unsent?.n ?? 0,
        })
        .where(eq(metrcReconciliations.id, runId));
    });
    return {
      ...base,
      reconciliationId: runId,
      status: "completed",
      discrepancies: found.length,
      message: null,
    };
  } catch (error) {
    if (signal?.aborted) {
      // The run's time ran out during a call to METRC (the client abandons it): nothing was compared, which is
      // not a METRC failure. The run is kept as failed with that reason rather than left "running".
      const message =
        "Stopped at the time limit while METRC's packages were being read; nothing was compared.";
      await deps.db
        .update(metrcReconciliations)
        .set({ status: "failed", finishedAt: deps.clock(), error: message })
        .where(eq(metrcReconciliations.id, runId));
      return { ...base, reconciliationId: runId, status: "stopped", discrepancies: 0, message };
    }
    const message = isMetrcError(error)
      ? error.message
      : `Reconciliation failed: ${error instanceof Error ? error.message : String(error)}`;
    await deps.db
      .update(metrcReconciliations)
      .set({ status: "failed", finishedAt: deps.clock(), error: message.slice(0, 1000) })
      .where(eq(metrcReconciliations.id, runId));
    return { ...base, reconciliationId: runId, status: "failed", discrepancies: 0, message };
  }
}
