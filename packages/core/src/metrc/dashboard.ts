import { and, desc, eq, inArray, max, min, sql } from "drizzle-orm";
import { locations, metrcDiscrepancies, metrcReconciliations, metrcSyncItems } from "@cannasaas/db/schema";
import { stateUsesMetrc } from "@cannasaas/integrations/metrc";
import { listMetrcCredentialStatus } from "./credentials";
import type { MetrcDeps } from "./runtime";

export const METRC_ITEM_STATUSES = ["pending", "in_flight", "sent", "failed", "dead", "cancelled"] as const;
export type MetrcItemStatus = (typeof METRC_ITEM_STATUSES)[number];
const UNSENT: MetrcItemStatus[] = ["pending", "in_flight", "failed", "dead"];

/** Per location: credentials (never the key), queue counts, sync lag and the last reconciliation. */
export async function getMetrcOverview(
  deps: Pick<MetrcDeps, "db" | "clock" | "metrc">,
  organizationId: string,
) {
  const org = eq(metrcSyncItems.organizationId, organizationId);
  const [locs, credentials, counts, lag, lastRuns] = await Promise.all([
    deps.db
      .select({
        id: locations.id,
        name: locations.name,
        state: locations.state,
        licenseNumber: locations.metrcLicenseNumber,
      })
      .from(locations)
      .where(eq(locations.organizationId, organizationId))
      .orderBy(locations.name),
    listMetrcCredentialStatus(deps, organizationId),
    deps.db
      .select({
        locationId: metrcSyncItems.locationId,
        status: metrcSyncItems.status,
        n: sql<number>`count(*)::int`,
      })
      .from(metrcSyncItems)
      .where(org)
      .groupBy(metrcSyncItems.locationId, metrcSyncItems.status),
    deps.db
      .select({
        locationId: metrcSyncItems.locationId,
        oldestUnsent: min(
          sql`case when ${inArray(metrcSyncItems.status, UNSENT)} then ${metrcSyncItems.createdAt} end`,
        ),
        lastSent: max(metrcSyncItems.sentAt),
      })
      .from(metrcSyncItems)
      .where(org)
      .groupBy(metrcSyncItems.locationId),
    deps.db
      .selectDistinctOn([metrcReconciliations.locationId])
      .from(metrcReconciliations)
      .where(eq(metrcReconciliations.organizationId, organizationId))
      .orderBy(
        metrcReconciliations.locationId,
        desc(metrcReconciliations.startedAt),
        desc(metrcReconciliations.createdAt),
      ),
  ]);
  const now = deps.clock().getTime();
  return {
    platform: { vendorKey: Boolean(deps.metrc.vendorKey), encryption: Boolean(deps.metrc.box) },
    locations: locs.map((l) => {
      const c = Object.fromEntries(METRC_ITEM_STATUSES.map((s) => [s, 0])) as Record<MetrcItemStatus, number>;
      for (const row of counts) if (row.locationId === l.id) c[row.status] = row.n;
      const lagRow = lag.find((r) => r.locationId === l.id);
      const oldest = lagRow?.oldestUnsent ? new Date(lagRow.oldestUnsent) : null;
      const run = lastRuns.find((r) => r.locationId === l.id) ?? null;
      return {
        ...l,
        /** False where the state runs another track-and-trace system (WA, IL, NY): nothing goes to METRC. */
        usesMetrc: stateUsesMetrc(l.state),
        credentials: credentials.find((cr) => cr.locationId === l.id) ?? null,
        counts: c,
        oldestUnsentAt: oldest,
        lagSeconds: oldest ? Math.max(0, Math.round((now - oldest.getTime()) / 1000)) : 0,
        lastSentAt: lagRow?.lastSent ? new Date(lagRow.lastSent) : null,
        lastReconciliation: run && {
          id: run.id,
          status: run.status,
          startedAt: run.startedAt,
          finishedAt: run.finishedAt,
          discrepancyCount: run.discrepancyCount,
          packagesInMetrc: run.packagesInMetrc,
          unsentItems: run.unsentItems,
          error: run.error,
        },
      };
    }),
  };
}

export async function listMetrcItems(
  deps: Pick<MetrcDeps, "db">,
  organizationId: string,
  filter: { statuses?: MetrcItemStatus[]; locationId?: string; limit?: number } = {},
) {
  return deps.db
    .select({
      id: metrcSyncItems.id,
      locationId: metrcSyncItems.locationId,
      location: locations.name,
      kind: metrcSyncItems.kind,
      status: metrcSyncItems.status,
      externalNumber: metrcSyncItems.externalNumber,
      orderId: metrcSyncItems.orderId,
      attempts: metrcSyncItems.attempts,
      ambiguous: metrcSyncItems.ambiguous,
      problem: metrcSyncItems.problem,
      lastError: metrcSyncItems.lastError,
      nextAttemptAt: metrcSyncItems.nextAttemptAt,
      lastAttemptAt: metrcSyncItems.lastAttemptAt,
      sentAt: metrcSyncItems.sentAt,
      createdAt: metrcSyncItems.createdAt,
    })
    .from(metrcSyncItems)
    .innerJoin(locations, eq(locations.id, metrcSyncItems.locationId))
    .where(
      and(
        eq(metrcSyncItems.organizationId, organizationId),
        filter.statuses?.length ? inArray(metrcSyncItems.status, filter.statuses) : undefined,
        filter.locationId ? eq(metrcSyncItems.locationId, filter.locationId) : undefined,
      ),
    )
    .orderBy(desc(metrcSyncItems.createdAt))
    .limit(Math.min(filter.limit ?? 100, 500));
}

/** The discrepancies of the latest reconciliation of each location (or of one location). */
export async function listMetrcDiscrepancies(
  deps: Pick<MetrcDeps, "db">,
  organizationId: string,
  filter: { locationId?: string } = {},
) {
  const latest = await deps.db
    .selectDistinctOn([metrcReconciliations.locationId], { id: metrcReconciliations.id })
    .from(metrcReconciliations)
    .where(
      and(
        eq(metrcReconciliations.organizationId, organizationId),
        eq(metrcReconciliations.status, "completed"),
        filter.locationId ? eq(metrcReconciliations.locationId, filter.locationId) : undefined,
      ),
    )
    .orderBy(
      metrcReconciliations.locationId,
      desc(metrcReconciliations.startedAt),
      desc(metrcReconciliations.createdAt),
    );
  if (latest.length === 0) return [];
  return deps.db
    .select({
      id: metrcDiscrepancies.id,
      locationId: metrcDiscrepancies.locationId,
      location: locations.name,
      kind: metrcDiscrepancies.kind,
      packageLabel: metrcDiscrepancies.packageLabel,
      localQuantity: metrcDiscrepancies.localQuantity,
      metrcQuantity: metrcDiscrepancies.metrcQuantity,
      metrcUnit: metrcDiscrepancies.metrcUnit,
      createdAt: metrcDiscrepancies.createdAt,
    })
    .from(metrcDiscrepancies)
    .innerJoin(locations, eq(locations.id, metrcDiscrepancies.locationId))
    .where(
      and(
        eq(metrcDiscrepancies.organizationId, organizationId),
        inArray(
          metrcDiscrepancies.reconciliationId,
          latest.map((r) => r.id),
        ),
      ),
    )
    .orderBy(locations.name, metrcDiscrepancies.kind, metrcDiscrepancies.packageLabel)
    .limit(1000);
}
