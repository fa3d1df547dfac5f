import { and, asc, eq, gt, gte, sql } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import { inventoryLots } from "@cannasaas/db/schema";

export type LotDraw = { lotId: string; packageLabel: string; quantity: number };

/**
 * Takes `quantity` units of a variant at a location out of its lots, soonest expiry first (lots without an
 * expiry last), then oldest received. The lots are locked (FOR UPDATE) in that order and decremented with a
 * conditional update, so two draws at once can never take the same units. What no lot can cover is returned
 * as `unallocated` (stock that was never received into a package); the caller decides what that means.
 * The one rule for which package units leave from: stock movements and METRC sale reports both use it.
 */
export async function drawFromLots(
  tx: DbOrTx,
  input: { organizationId: string; locationId: string; variantId: string; quantity: number },
): Promise<{ draws: LotDraw[]; unallocated: number }> {
  const lots = await tx
    .select({
      id: inventoryLots.id,
      packageLabel: inventoryLots.packageLabel,
      quantity: inventoryLots.quantity,
    })
    .from(inventoryLots)
    .where(
      and(
        eq(inventoryLots.organizationId, input.organizationId),
        eq(inventoryLots.locationId, input.locationId),
        eq(inventoryLots.variantId, input.variantId),
        gt(inventoryLots.quantity, 0),
      ),
    )
    .orderBy(
      sql`${inventoryLots.expiresOn} asc nulls last`,
      asc(inventoryLots.receivedAt),
      asc(inventoryLots.id),
    )
    .for("update");
  let remaining = input.quantity;
  const draws: LotDraw[] = [];
  for (const lot of lots) {
    if (remaining <= 0) break;
    const take = Math.min(remaining, lot.quantity);
    const [updated] = await tx
      .update(inventoryLots)
      .set({ quantity: sql`${inventoryLots.quantity} - ${take}` })
      .where(and(eq(inventoryLots.id, lot.id), gte(inventoryLots.quantity, take)))
      .returning({ id: inventoryLots.id });
    if (!updated) continue; // cannot happen under the row lock; never take units that are not there
    draws.push({ lotId: lot.id, packageLabel: lot.packageLabel, quantity: take });
    remaining -= take;
  }
  return { draws, unallocated: remaining };
}
