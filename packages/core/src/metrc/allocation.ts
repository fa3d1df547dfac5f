import type { DbOrTx } from "@cannasaas/db/client";
import { drawFromLots, type LotDraw } from "../inventory/lots";

export type LotAllocation = LotDraw;

/**
 * Takes a sold line's units out of its lots for the METRC sale report, by the inventory rule (`drawFromLots`:
 * soonest expiry first, locked and conditionally decremented). Whatever no lot can cover is returned as
 * `unallocated` (sold stock that was never received into a package): the caller reports it.
 */
export async function allocateLots(
  tx: DbOrTx,
  input: { organizationId: string; locationId: string; variantId: string; quantity: number },
): Promise<{ allocations: LotAllocation[]; unallocated: number }> {
  const { draws, unallocated } = await drawFromLots(tx, input);
  return { allocations: draws, unallocated };
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
