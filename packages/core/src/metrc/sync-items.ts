import { and, asc, eq, inArray, lte, or, sql } from "drizzle-orm";
import { metrcSyncItems } from "@cannasaas/db/schema";
import type { MetrcDeps } from "./runtime";

export type SyncItem = typeof metrcSyncItems.$inferSelect;

/** Due: waiting and its time has come, or claimed by a drain whose lease ran out (that drain died). */
export const dueWhere = (now: Date) =>
  or(
    and(inArray(metrcSyncItems.status, ["pending", "failed"]), lte(metrcSyncItems.nextAttemptAt, now)),
    and(eq(metrcSyncItems.status, "in_flight"), lte(metrcSyncItems.leaseUntil, now)),
  );

/**
 * Claims the next `size` due items of one facility, oldest first, with a lease, in one conditional update; rows
 * another drain holds are skipped (SKIP LOCKED), so two drains never take the same item. An item taken over from
 * an expired lease is marked ambiguous, because the drain that held it may have reached METRC before it died.
 */
export async function claimBatch(
  deps: Pick<MetrcDeps, "db" | "clock">,
  facility: { organizationId: string; locationId: string },
  size: number,
  leaseMs: number,
): Promise<SyncItem[]> {
  const now = deps.clock();
  const due = and(
    eq(metrcSyncItems.organizationId, facility.organizationId),
    eq(metrcSyncItems.locationId, facility.locationId),
    dueWhere(now),
  );
  const next = deps.db
    .select({ id: metrcSyncItems.id })
    .from(metrcSyncItems)
    .where(due)
    .orderBy(asc(metrcSyncItems.createdAt), asc(metrcSyncItems.id))
    .limit(size)
    .for("update", { skipLocked: true });
  const claimed = await deps.db
    .update(metrcSyncItems)
    .set({
      status: "in_flight",
      leaseUntil: new Date(now.getTime() + leaseMs),
      ambiguous: sql`${metrcSyncItems.ambiguous} or ${metrcSyncItems.status} = 'in_flight'`,
      lastAttemptAt: now,
    })
    .where(and(inArray(metrcSyncItems.id, next), due))
    .returning();
  return claimed.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
}

const mine = (id: string) => and(eq(metrcSyncItems.id, id), eq(metrcSyncItems.status, "in_flight"));

export async function markSent(
  deps: Pick<MetrcDeps, "db" | "clock">,
  id: string,
  result: { metrcId?: number | null; note?: string | null },
) {
  await deps.db
    .update(metrcSyncItems)
    .set({
      status: "sent",
      sentAt: deps.clock(),
      leaseUntil: null,
      ambiguous: false,
      lastError: result.note ?? null,
      ...(result.metrcId ? { metrcId: String(result.metrcId) } : {}),
    })
    .where(mine(id));
}

export async function markCancelled(deps: Pick<MetrcDeps, "db">, id: string, note: string) {
  await deps.db
    .update(metrcSyncItems)
    .set({ status: "cancelled", leaseUntil: null, lastError: note })
    .where(mine(id));
}

/** Hands claimed items back untouched (a run that stops early), as they were before the claim. */
export async function unclaim(deps: Pick<MetrcDeps, "db">, items: SyncItem[]) {
  for (const item of items) {
    await deps.db
      .update(metrcSyncItems)
      .set({ status: item.attempts > 0 ? "failed" : "pending", leaseUntil: null })
      .where(mine(item.id));
  }
}

/** Puts a claimed item back without counting an attempt (not its fault: credentials, rate limit, waiting). */
export async function releaseItem(
  deps: Pick<MetrcDeps, "db">,
  item: SyncItem,
  until: Date,
  lastError: string,
  ambiguous = item.ambiguous,
) {
  await deps.db
    .update(metrcSyncItems)
    .set({
      status: item.attempts > 0 ? "failed" : "pending",
      leaseUntil: null,
      nextAttemptAt: until,
      lastError: lastError.slice(0, 1000),
      ambiguous,
    })
    .where(mine(item.id));
}

/** Counts a failed attempt: failed with a backoff, or dead when attempts run out or retrying cannot help. */
export async function recordFailure(
  deps: Pick<MetrcDeps, "db">,
  item: SyncItem,
  failure: { message: string; ambiguous: boolean; dead: boolean; nextAttemptAt: Date },
) {
  await deps.db
    .update(metrcSyncItems)
    .set({
      status: failure.dead ? "dead" : "failed",
      attempts: sql`${metrcSyncItems.attempts} + 1`,
      leaseUntil: null,
      nextAttemptAt: failure.nextAttemptAt,
      lastError: failure.message.slice(0, 1000),
      ambiguous: failure.ambiguous,
    })
    .where(mine(item.id));
}
