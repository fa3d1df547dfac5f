import { and, eq } from "drizzle-orm";
import type { Transaction } from "@cannasaas/db/client";
import { inventoryLevels, inventoryLots, stockMovements } from "@cannasaas/db/schema";
import { DomainError } from "../errors";
import { drawFromLots } from "./lots";
import { recordDomainEvent } from "../events/domain-events";
import { noteRestock } from "../wishlists/alert-events";

export type StockMovementKind = (typeof stockMovements.$inferInsert)["kind"];
export type StockMovementRow = typeof stockMovements.$inferSelect;
export type InventoryLevelRow = typeof inventoryLevels.$inferSelect;

export type StockMovementInput = {
  organizationId: string;
  locationId: string;
  variantId: string;
  kind: StockMovementKind;
  /** Signed change to on-hand units; never zero. */
  quantity: number;
  reason?: string | null;
  actorUserId?: string | null;
  orderId?: string | null;
  /**
   * The lot the units come from or go to. Units taken out without a lot are drawn from the level's lots,
   * soonest expiry first, then from units received without a lot.
   */
  lotId?: string | null;
  /** Reserved units this movement consumes (a sale hands over what checkout reserved). */
  releaseReserved?: number;
  /** Shown in messages, e.g. "Blue Dream (3.5 g)". */
  label?: string;
};

export type StockMovementResult = { level: InventoryLevelRow; movements: StockMovementRow[] };

/**
 * The one place on-hand stock changes: every receipt, adjustment, return, damage, transfer side and sale goes
 * through here, inside the caller's transaction. It locks the level row (so parallel changes queue instead of
 * overwriting each other, and never race checkout's conditional reservation on the same row), refuses to take
 * on hand below what orders have reserved, keeps lot quantities in step, writes one movement per lot touched,
 * emits `inventory.low_stock` when available stock crosses the threshold, and notes a restock when the product
 * had nothing available anywhere before (a transfer only moves units, so it never restocks).
 *
 * Integrations that mirror movements elsewhere (METRC package adjustments for damage/adjust) hook in here.
 */
export async function recordStockMovement(
  tx: Transaction,
  input: StockMovementInput,
): Promise<StockMovementResult> {
  if (!Number.isInteger(input.quantity) || input.quantity === 0) {
    throw new DomainError("BAD_REQUEST", "Enter a whole number of units other than zero.");
  }
  const release = input.releaseReserved ?? 0;
  const what = input.label ?? "this item";
  const level = await lockLevel(tx, input, input.quantity > 0);
  const onHand = level.onHand + input.quantity;
  const reserved = level.reserved - release;
  if (reserved < 0) throw new Error(`Releasing ${release} reserved units but only ${level.reserved} are`);
  if (onHand < reserved) {
    const available = Math.max(0, level.onHand - level.reserved);
    throw new DomainError(
      "CONFLICT",
      level.reserved > 0
        ? `Only ${available} of ${what} can be taken out here: ${level.onHand} on hand, ${level.reserved} reserved for open orders.`
        : `Only ${level.onHand} of ${what} on hand here.`,
      { available, onHand: level.onHand, reserved: level.reserved },
    );
  }

  const portions = await moveLotUnits(tx, input, level, what);
  const [updated] = await tx
    .update(inventoryLevels)
    .set({ onHand, reserved })
    .where(eq(inventoryLevels.id, level.id))
    .returning();
  const movements = await tx
    .insert(stockMovements)
    .values(
      portions.map((p) => ({
        organizationId: input.organizationId,
        locationId: input.locationId,
        variantId: input.variantId,
        kind: input.kind,
        quantity: p.quantity,
        reason: input.reason ?? null,
        actorUserId: input.actorUserId ?? null,
        orderId: input.orderId ?? null,
        lotId: p.lotId,
      })),
    )
    .returning();

  const before = level.onHand - level.reserved;
  const after = onHand - reserved;
  if (before > level.lowStockThreshold && after <= level.lowStockThreshold) {
    await recordDomainEvent(tx, {
      organizationId: input.organizationId,
      type: "inventory.low_stock",
      data: {
        locationId: input.locationId,
        variantId: input.variantId,
        onHand,
        reserved,
        available: after,
        lowStockThreshold: level.lowStockThreshold,
      },
    });
  }
  if (input.kind !== "transfer_in") {
    await noteRestock(tx, {
      organizationId: input.organizationId,
      variantId: input.variantId,
      levelId: level.id,
      availableBefore: before,
      availableAfter: after,
    });
  }
  return { level: updated!, movements };
}

/** Locks the level row, creating it first when units arrive at a location that never stocked the variant. */
export async function lockLevel(
  tx: Transaction,
  key: { organizationId: string; locationId: string; variantId: string },
  createIfMissing: boolean,
): Promise<InventoryLevelRow> {
  const where = and(
    eq(inventoryLevels.organizationId, key.organizationId),
    eq(inventoryLevels.locationId, key.locationId),
    eq(inventoryLevels.variantId, key.variantId),
  );
  const [row] = await tx.select().from(inventoryLevels).where(where).for("update");
  if (row) return row;
  if (!createIfMissing) throw new DomainError("CONFLICT", "There is no stock of this item at this location.");
  await tx.insert(inventoryLevels).values(key).onConflictDoNothing();
  const [created] = await tx.select().from(inventoryLevels).where(where).for("update");
  return created!;
}

type Portion = { lotId: string | null; quantity: number };

async function moveLotUnits(
  tx: Transaction,
  input: StockMovementInput,
  level: InventoryLevelRow,
  what: string,
): Promise<Portion[]> {
  if (input.lotId) {
    const lot = await lockLot(tx, input, input.lotId);
    const next = lot.quantity + input.quantity;
    if (next < 0) {
      throw new DomainError("CONFLICT", `Package ${lot.packageLabel} has only ${lot.quantity} left.`, {
        lotQuantity: lot.quantity,
      });
    }
    if (next > lot.initialQuantity) {
      throw new DomainError(
        "CONFLICT",
        `Package ${lot.packageLabel} was received with ${lot.initialQuantity}; it cannot hold ${next}.`,
      );
    }
    await tx.update(inventoryLots).set({ quantity: next }).where(eq(inventoryLots.id, lot.id));
    return [{ lotId: lot.id, quantity: input.quantity }];
  }
  if (input.quantity > 0) return [{ lotId: null, quantity: input.quantity }];

  // Units leaving without a named lot come out of the soonest-expiring lots first, so what is sold or written
  // off can be reported against its packages, and lots never hold more than is on hand.
  const { draws, unallocated } = await drawFromLots(tx, { ...input, quantity: -input.quantity });
  const portions: Portion[] = draws.map((d) => ({ lotId: d.lotId, quantity: -d.quantity }));
  if (unallocated > 0) {
    const inLots = -input.quantity - unallocated; // every lot was emptied to get here
    if (unallocated > level.onHand - inLots) {
      // Only possible if lots and on-hand disagreed before this movement; refuse rather than make it worse.
      throw new DomainError("CONFLICT", `The packages of ${what} do not add up to its on-hand count.`);
    }
    portions.push({ lotId: null, quantity: -unallocated });
  }
  return portions;
}

async function lockLot(
  tx: Transaction,
  key: { organizationId: string; locationId: string; variantId: string },
  lotId: string,
) {
  const [lot] = await tx
    .select()
    .from(inventoryLots)
    .where(
      and(
        eq(inventoryLots.id, lotId),
        eq(inventoryLots.organizationId, key.organizationId),
        eq(inventoryLots.locationId, key.locationId),
        eq(inventoryLots.variantId, key.variantId),
      ),
    )
    .for("update");
  if (!lot) throw new DomainError("NOT_FOUND", "That package is not stocked for this item at this location.");
  return lot;
}
