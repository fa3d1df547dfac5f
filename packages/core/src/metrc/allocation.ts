import { and, asc, eq, gt, gte, sql } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import { inventoryLots } from "@cannasaas/db/schema";

export type LotAllocation = { lotId: string; packageLabel: string; quantity: number };

/**
 * Takes `quantity` units of a variant at a location out of its lots, earliest expiry first (lots without an
 * expiry last), then oldest received. The lots are locked (FOR UPDATE) in that order and decremented with a
 * conditional update, so two completions at once can never draw the same units. Whatever no lot can cover is
 * returned as `unallocated` (sold stock that was never received into a package): the caller reports it.
 */
export async function allocateLots(
  tx: DbOrTx,
  input: { organizationId: string; locationId: string; variantId: string; quantity: number },
): Promise<{ allocations: LotAllocation[]; unallocated: number }> {
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
  const allocations: LotAllocation[] = [];
  for (const lot of lots) {
    if (remaining <= 0) break;
    const take = Math.min(remaining, lot.quantity);
    const [updated] = await tx
      .update(inventoryLots)
      .set({ quantity: sql`${inventoryLots.quantity} - ${take}` })
      .where(and(eq(inventoryLots.id, lot.id), gte(inventoryLots.quantity, take)))
      .returning({ id: inventoryLots.id });
    if (!updated) continue; // cannot happen under the row lock; never take units that are not there
    allocations.push({ lotId: lot.id, packageLabel: lot.packageLabel, quantity: take });
    remaining -= take;
  }
  return { allocations, unallocated: remaining };
}

/** Splits an integer amount over parts in proportion to their quantities; the parts always sum to the amount. */
export function splitCents(amount: number, quantities: number[]): number[] {
  const total = quantities.reduce((a, b) => a + b, 0);
  if (total <= 0) return quantities.map(() => 0);
  let cumulative = 0;
  let given = 0;
  return quantities.map((q) => {
    cumulative += q;
    const upTo = Math.floor((amount * cumulative) / total);
    const share = upTo - given;
    given = upTo;
    return share;
  });
}
