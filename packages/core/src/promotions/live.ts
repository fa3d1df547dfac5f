import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import { promotions } from "@cannasaas/db/schema";
import type { KV } from "@cannasaas/integrations/kv";
import { cachedMenuRead } from "../catalog/menu-cache";
import { loadActivePromotions } from "./load";
import type { EnginePromotion } from "./types";

/**
 * The store's running promotions from the menu cache, with the ids of those whose redemption counters must
 * still be read live. The active rows are cached under the menu cache's `promotions` tag, which every change
 * of a promotion (create, edit, pause, resume, end) invalidates after it commits. Time is applied here, per
 * read (a deal that ended a second ago is gone at once). Only the redemption counters of deals with a total
 * limit move with every checkout, cancel and refund, and a used-up deal must leave the menu at once: the
 * caller reads them (`withLiveCounts`), on its own or inside a query it makes anyway (checkout's coupon read).
 */
export async function cachedRunningPromotions(
  deps: { db: DbOrTx; kv: KV },
  organizationId: string,
  now: Date,
) {
  const active = await cachedMenuRead(deps.kv, organizationId, "promotions:active", ["promotions"], () =>
    loadActivePromotions(deps.db, organizationId, null),
  );
  const running = active.filter((p) => !p.endsAt || p.endsAt > now);
  const limited = running.filter((p) => p.totalLimit !== null).map((p) => p.id);
  return { running, limited };
}

/**
 * The running promotions with the live counters of limited deals. A limited deal whose row is gone (deleted
 * with its store) is left out rather than shown from the cache.
 */
export function withLiveCounts(running: EnginePromotion[], counts: ReadonlyMap<string, number>) {
  return running.flatMap((p) => {
    if (p.totalLimit === null) return [p];
    const redemptionCount = counts.get(p.id);
    return redemptionCount === undefined ? [] : [{ ...p, redemptionCount }];
  });
}

/**
 * The store's live promotions for the menu, without reading every promotion row on every request (see
 * `cachedRunningPromotions`). Checkout still takes each redemption with a conditional update on the row, so
 * a stale row can never grant a paused or used-up deal.
 */
export async function livePromotions(
  deps: { db: DbOrTx; kv: KV },
  organizationId: string,
  now: Date,
): Promise<EnginePromotion[]> {
  const { running, limited } = await cachedRunningPromotions(deps, organizationId, now);
  if (!limited.length) return running;
  const counts = await deps.db
    .select({ id: promotions.id, redemptionCount: promotions.redemptionCount })
    .from(promotions)
    .where(and(eq(promotions.organizationId, organizationId), inArray(promotions.id, limited)));
  return withLiveCounts(running, new Map(counts.map((c) => [c.id, c.redemptionCount])));
}
