import { and, inArray } from "drizzle-orm";
import { eq } from "drizzle-orm";
import type { Transaction } from "@cannasaas/db/client";
import { inventoryLots, type orderItems, type stockMovements } from "@cannasaas/db/schema";
import {
  portionOf,
  quantityInUnit,
  type MissingPackageLine,
  type PackageAllocation,
  type SoldLine,
} from "./receipt";

export type SoldFromLots = {
  line: SoldLine;
  allocations: PackageAllocation[];
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
  const lots = new Map(
    lotIds.length && organizationId
      ? (
          await tx
            .select({
              id: inventoryLots.id,
              label: inventoryLots.packageLabel,
              unit: inventoryLots.unitOfMeasure,
            })
            .from(inventoryLots)
            .where(and(eq(inventoryLots.organizationId, organizationId), inArray(inventoryLots.id, lotIds)))
        ).map((l) => [l.id, l])
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
      weightMg: item.cannabisWeightMg,
    };
    // Units from a weight-tracked package can only be reported with the line's weight; without it they wait
    // with the uncovered units for a person, rather than being reported in the wrong unit.
    const allocations: PackageAllocation[] = movements.flatMap((m) => {
      const lot = m.lotId ? lots.get(m.lotId) : undefined;
      if (!m.lotId || !lot || quantityInUnit(-m.quantity, lot.unit, line.weightMg ?? null) === null)
        return [];
      return [{ lotId: m.lotId, packageLabel: lot.label, quantity: -m.quantity, unitOfMeasure: lot.unit }];
    });
    const unallocated = item.quantity - allocations.reduce((sum, a) => sum + a.quantity, 0);
    return {
      line,
      allocations,
      missing: unallocated > 0 ? portionOf(line, unallocated, item.quantity - unallocated) : null,
    };
  });
}

/** The unit of measure METRC tracks each of these lots in, to report units drawn from them later (retries). */
export async function withPackageUnits(
  tx: Transaction,
  organizationId: string,
  draws: ReadonlyArray<{ lotId: string; packageLabel: string; quantity: number }>,
): Promise<PackageAllocation[]> {
  if (draws.length === 0) return [];
  const rows = await tx
    .select({ id: inventoryLots.id, unit: inventoryLots.unitOfMeasure })
    .from(inventoryLots)
    .where(
      and(
        eq(inventoryLots.organizationId, organizationId),
        inArray(
          inventoryLots.id,
          draws.map((d) => d.lotId),
        ),
      ),
    );
  const units = new Map(rows.map((r) => [r.id, r.unit]));
  return draws.map((d) => ({ ...d, unitOfMeasure: units.get(d.lotId) ?? "Each" }));
}
