import { and, eq, inArray, lte, or, sql } from "drizzle-orm";
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
 * Claims one item with a lease by a conditional update: of two drains, one wins. An item taken over from an
 * expired lease is marked ambiguous, because the drain that held it may have reached METRC before it died.
 */
export async function claimItem(deps: Pick<MetrcDeps, "db" | "clock">, id: string, leaseMs: number) {
  const now = deps.clock();
  const [claimed] = await deps.db
    .update(metrcSyncItems)
    .set({
      status: "in_flight",
      leaseUntil: new Date(now.getTime() + leaseMs),
      ambiguous: sql`${metrcSyncItems.ambiguous} or ${metrcSyncItems.status} = 'in_flight'`,
      lastAttemptAt: now,
    })
    .where(and(eq(metrcSyncItems.id, id), dueWhere(now)))
    .returning();
  return claimed ?? null;
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
