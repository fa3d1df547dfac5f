import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import { metrcSyncItems } from "@cannasaas/db/schema";
import { enqueue } from "../queue/enqueue";
import type { MetrcDeps } from "./runtime";

export type SyncItem = typeof metrcSyncItems.$inferSelect;

/** The queue that reports sync items, one job per item, keyed by facility (see sync.ts). */
export const METRC_QUEUE = "metrc";

/** Queues the report of a sync item just written; call it in the same transaction. */
export async function queueSyncItem(
  db: DbOrTx,
  item: { id: string; organizationId: string; locationId: string },
  runAt?: Date,
) {
  await enqueue(
    db,
    METRC_QUEUE,
    { itemId: item.id },
    { organizationId: item.organizationId, key: item.locationId, dedupeKey: item.id, runAt },
  );
}

/*
 * The sync item is the record people see; these keep it in step with the queue's attempts. Each changes an item
 * only while it is in flight, so a report settled elsewhere (withdrawn by a refund) is left alone.
 */
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
      ambiguous: false,
      lastError: result.note ?? null,
      ...(result.metrcId ? { metrcId: String(result.metrcId) } : {}),
    })
    .where(mine(id));
}

export async function markCancelled(deps: Pick<MetrcDeps, "db">, id: string, note: string) {
  await deps.db.update(metrcSyncItems).set({ status: "cancelled", lastError: note }).where(mine(id));
}

/** Puts an item back without counting an attempt (not its fault: credentials, rate limit, waiting). */
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
      nextAttemptAt: until,
      lastError: lastError.slice(0, 1000),
      ambiguous,
    })
    .where(mine(item.id));
}

/** A failed attempt as the queue settled it: failed with its next attempt, or dead with the reason. */
export async function recordFailure(
  deps: Pick<MetrcDeps, "db">,
  id: string,
  failure: { message: string; attempts: number; dead: boolean; nextAttemptAt: Date },
) {
  await deps.db
    .update(metrcSyncItems)
    .set({
      status: failure.dead ? "dead" : "failed",
      attempts: failure.attempts,
      nextAttemptAt: failure.nextAttemptAt,
      lastError: failure.message.slice(0, 1000),
    })
    .where(mine(id));
}
