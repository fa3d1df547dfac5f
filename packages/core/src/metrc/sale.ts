import { and, inArray } from "drizzle-orm";
import { eq } from "drizzle-orm";
import type { Transaction } from "@cannasaas/db/client";
import { inventoryLots, type orderItems, type stockMovements } from "@cannasaas/db/schema";
import type { LotAllocation } from "./allocation";
import { portionOf, type MissingPackageLine, type SoldLine } from "./receipt";

export type SoldFromLots = {
  line: SoldLine;
  allocations: LotAllocation[];
  missing: MissingPackageLine | null;
};

type SoldItem = {
  item: typeof orderItems.$inferSelect;
  /** The sell movements the sale wrote for the item: one per lot the units came from, one for units without. */
  movements: Array<typeof stockMovements.$inferSelect>;
};

/**
 * What a completed sale took from which packages, for its METRC receipt. The units were drawn from the lots by
 * the stock movement (soonest expiry first); units no package covered are named as missing so the receipt waits
 * for a person instead of being reported short.
 */
export async function describeSale(tx: Transaction, sold: SoldItem[]): Promise<SoldFromLots[]> {
  const lotIds = [...new Set(sold.flatMap((s) => s.movements.flatMap((m) => (m.lotId ? [m.lotId] : []))))];
  const organizationId = sold[0]?.item.organizationId;
  const labels = new Map(
    lotIds.length && organizationId
      ? (
          await tx
            .select({ id: inventoryLots.id, label: inventoryLots.packageLabel })
            .from(inventoryLots)
            .where(and(eq(inventoryLots.organizationId, organizationId), inArray(inventoryLots.id, lotIds)))
        ).map((l) => [l.id, l.label])
      : [],
  );
  return sold.map(({ item, movements }) => {
    const line: SoldLine = {
      orderItemId: item.id,
      variantId: item.variantId,
      name: `${item.productName} ${item.variantName}`.trim(),
      quantity: item.quantity,
      subtotalCents: item.subtotalCents,
      exciseCents: item.exciseCents,
      localCannabisCents: item.localCannabisCents,
      salesTaxCents: item.salesTaxCents,
    };
    const allocations: LotAllocation[] = movements.flatMap((m) =>
      m.lotId ? [{ lotId: m.lotId, packageLabel: labels.get(m.lotId)!, quantity: -m.quantity }] : [],
    );
    const unallocated = item.quantity - allocations.reduce((sum, a) => sum + a.quantity, 0);
    return {
      line,
      allocations,
      missing: unallocated > 0 ? portionOf(line, unallocated, item.quantity - unallocated) : null,
    };
  });
}
