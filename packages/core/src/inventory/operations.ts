import { and, eq, sql } from "drizzle-orm";
import type { Transaction } from "@cannasaas/db/client";
import { inventoryLevels, inventoryLots, locations, products, productVariants } from "@cannasaas/db/schema";
import type { CoreDeps } from "../deps";
import { DomainError } from "../errors";
import { enqueueMetrcPackageAdjustment, metrcEnabled } from "../metrc/enqueue";
import { lockLevel, recordStockMovement, type StockMovementResult } from "./record-movement";

type Deps = Pick<CoreDeps, "db" | "kv">;
type Actor = { organizationId: string; actorUserId: string | null };
type Item = { locationId: string; variantId: string };

/** A METRC package label: the 24-character tag, accepted loosely (upper-case letters and digits, 16 to 24). */
export const PACKAGE_LABEL_PATTERN = /^[0-9A-Z]{16,24}$/;

export type ReceiveInput = Item & {
  quantity: number;
  reason?: string | null;
  /** Receive into a lot (METRC package); an existing label at this location for this item is topped up. */
  lot?: { packageLabel: string; expiresOn?: string | null; unitCostCents?: number | null } | null;
};

/** Units arriving from a supplier, optionally into a lot with its package label and expiry date. */
export async function receiveStock(deps: Deps, actor: Actor, input: ReceiveInput) {
  return deps.db.transaction((tx) => receiveStockInTx(tx, actor, input));
}

/** receiveStock inside the caller's transaction, for receipts that commit with other changes (a purchase order). */
export async function receiveStockInTx(tx: Transaction, actor: Actor, input: ReceiveInput) {
  assertPositive(input.quantity);
  const label = await itemLabel(tx, actor.organizationId, input);
  const lotId = input.lot ? await openLot(tx, actor.organizationId, input, input.lot, input.quantity) : null;
  return recordStockMovement(tx, {
    ...actor,
    ...input,
    kind: "receive",
    quantity: input.quantity,
    reason: input.reason?.trim() || "Received",
    lotId,
    label,
  });
}

/** A count correction up or down; the reason is required and kept with the movement. */
export async function adjustStock(
  deps: Deps,
  actor: Actor,
  input: Item & { delta: number; reason: string; lotId?: string | null },
) {
  const reason = requireReason(input.reason, "Say why the count changes (e.g. cycle count).");
  return inTx(deps, actor, input, async (tx, label) =>
    reportToMetrc(
      tx,
      deps,
      "Entry Error",
      reason,
      await recordStockMovement(tx, {
        ...actor,
        ...input,
        kind: "adjust",
        quantity: input.delta,
        reason,
        label,
      }),
    ),
  );
}

/** Units a shopper brought back that can be sold again. */
export async function returnStock(
  deps: Deps,
  actor: Actor,
  input: Item & { quantity: number; reason?: string | null; lotId?: string | null },
) {
  assertPositive(input.quantity);
  return inTx(deps, actor, input, (tx, label) =>
    recordStockMovement(tx, {
      ...actor,
      ...input,
      kind: "return",
      reason: input.reason?.trim() || "Customer return",
      label,
    }),
  );
}

/** Units written off as damaged, spoiled or destroyed; the reason is required. */
export async function damageStock(
  deps: Deps,
  actor: Actor,
  input: Item & { quantity: number; reason: string; lotId?: string | null },
) {
  assertPositive(input.quantity);
  const reason = requireReason(input.reason, "Say what happened to the units (e.g. broken packaging).");
  return inTx(deps, actor, input, async (tx, label) =>
    reportToMetrc(
      tx,
      deps,
      "Damage",
      reason,
      await recordStockMovement(tx, {
        ...actor,
        ...input,
        kind: "damage",
        quantity: -input.quantity,
        reason,
        label,
      }),
    ),
  );
}

/**
 * Damage and count corrections of packaged units are reported to METRC as package adjustments, queued in the
 * same transaction (one per movement, so a retry never reports twice). The staff's reason goes in the note.
 */
async function reportToMetrc(
  tx: Transaction,
  deps: Deps,
  metrcReason: string,
  note: string,
  result: StockMovementResult,
): Promise<StockMovementResult> {
  const packaged = result.movements.filter((m) => m.lotId);
  if (packaged.length === 0 || !(await metrcEnabled({ db: tx, kv: deps.kv }, result.level.organizationId))) {
    return result;
  }
  for (const m of packaged) {
    await enqueueMetrcPackageAdjustment(tx, {
      organizationId: m.organizationId,
      locationId: m.locationId,
      lotId: m.lotId!,
      quantity: m.quantity,
      reason: metrcReason,
      note,
      movementId: m.id,
      occurredAt: m.createdAt,
    });
  }
  return result;
}

export type TransferInput = {
  variantId: string;
  fromLocationId: string;
  toLocationId: string;
  quantity: number;
  reason?: string | null;
  /** Move units of this lot; the destination gets (or tops up) a lot with the same package label. */
  lotId?: string | null;
};

/**
 * Moves units between two locations of the organization. Both sides are written in one transaction, with
 * the two level rows locked in a fixed order so opposite transfers cannot deadlock: either both movements
 * exist or neither does.
 */
export async function transferStock(deps: Deps, actor: Actor, input: TransferInput) {
  assertPositive(input.quantity);
  if (input.fromLocationId === input.toLocationId) {
    throw new DomainError("BAD_REQUEST", "Choose two different locations to transfer between.");
  }
  return deps.db.transaction(async (tx) => {
    const from = await locationName(tx, actor.organizationId, input.fromLocationId);
    const to = await locationName(tx, actor.organizationId, input.toLocationId);
    const label = await itemLabel(tx, actor.organizationId, {
      locationId: input.fromLocationId,
      variantId: input.variantId,
    });
    for (const locationId of [input.fromLocationId, input.toLocationId].sort()) {
      await lockLevel(
        tx,
        { organizationId: actor.organizationId, locationId, variantId: input.variantId },
        true,
      );
    }
    const reason = input.reason?.trim() || null;
    const out = await recordStockMovement(tx, {
      ...actor,
      locationId: input.fromLocationId,
      variantId: input.variantId,
      kind: "transfer_out",
      quantity: -input.quantity,
      reason: reason ? `To ${to}: ${reason}` : `To ${to}`,
      lotId: input.lotId ?? null,
      label,
    });
    let toLotId: string | null = null;
    if (input.lotId) {
      const [source] = await tx.select().from(inventoryLots).where(eq(inventoryLots.id, input.lotId));
      toLotId = await openLot(
        tx,
        actor.organizationId,
        { locationId: input.toLocationId, variantId: input.variantId },
        { packageLabel: source!.packageLabel, expiresOn: source!.expiresOn },
        input.quantity,
      );
    }
    const into = await recordStockMovement(tx, {
      ...actor,
      locationId: input.toLocationId,
      variantId: input.variantId,
      kind: "transfer_in",
      quantity: input.quantity,
      reason: reason ? `From ${from}: ${reason}` : `From ${from}`,
      lotId: toLotId,
      label,
    });
    return { from: out, to: into };
  });
}

/** The available count at or below which an item is listed as low stock. */
export async function setLowStockThreshold(deps: Deps, actor: Actor, input: Item & { threshold: number }) {
  if (!Number.isInteger(input.threshold) || input.threshold < 0 || input.threshold > 100_000) {
    throw new DomainError("BAD_REQUEST", "Enter a threshold between 0 and 100000.");
  }
  return deps.db.transaction(async (tx) => {
    await itemLabel(tx, actor.organizationId, input);
    const level = await lockLevel(tx, { organizationId: actor.organizationId, ...input }, true);
    const [updated] = await tx
      .update(inventoryLevels)
      .set({ lowStockThreshold: input.threshold })
      .where(eq(inventoryLevels.id, level.id))
      .returning();
    return updated!;
  });
}

function inTx(
  deps: Deps,
  actor: Actor,
  item: Item,
  run: (tx: Transaction, label: string) => Promise<StockMovementResult>,
) {
  return deps.db.transaction(async (tx) => run(tx, await itemLabel(tx, actor.organizationId, item)));
}

function assertPositive(quantity: number) {
  if (!Number.isInteger(quantity) || quantity <= 0 || quantity > 1_000_000) {
    throw new DomainError("BAD_REQUEST", "Enter a whole number of units, at least 1.");
  }
}

function requireReason(reason: string | null | undefined, message: string) {
  const trimmed = reason?.trim();
  if (!trimmed) throw new DomainError("BAD_REQUEST", message, { field: "reason" });
  return trimmed;
}

async function locationName(tx: Transaction, organizationId: string, locationId: string) {
  const [row] = await tx
    .select({ name: locations.name })
    .from(locations)
    .where(and(eq(locations.id, locationId), eq(locations.organizationId, organizationId)));
  if (!row) throw new DomainError("NOT_FOUND", "That location does not exist.");
  return row.name;
}

/** Checks that both the location and the variant are the organization's; returns "Product (variant)". */
async function itemLabel(tx: Transaction, organizationId: string, item: Item) {
  await locationName(tx, organizationId, item.locationId);
  const [row] = await tx
    .select({ product: products.name, variant: productVariants.name })
    .from(productVariants)
    .innerJoin(products, eq(products.id, productVariants.productId))
    .where(and(eq(productVariants.id, item.variantId), eq(productVariants.organizationId, organizationId)));
  if (!row) throw new DomainError("NOT_FOUND", "That product does not exist.");
  return `${row.product} (${row.variant})`;
}

/**
 * Finds or creates the lot a receipt or incoming transfer goes into and makes room for `quantity` more units;
 * the movement then fills it. A label already used here for another item is refused.
 */
async function openLot(
  tx: Transaction,
  organizationId: string,
  item: Item,
  lot: { packageLabel: string; expiresOn?: string | null; unitCostCents?: number | null },
  quantity: number,
) {
  const packageLabel = lot.packageLabel.trim().toUpperCase();
  if (!PACKAGE_LABEL_PATTERN.test(packageLabel)) {
    throw new DomainError(
      "BAD_REQUEST",
      "A package label is 16 to 24 letters and digits, like 1A4FF0100000022000000123.",
      { field: "packageLabel" },
    );
  }
  const expiresOn = lot.expiresOn || null;
  if (expiresOn && !/^\d{4}-\d{2}-\d{2}$/.test(expiresOn)) {
    throw new DomainError("BAD_REQUEST", "Enter the expiry date as YYYY-MM-DD.", { field: "expiresOn" });
  }
  await tx
    .insert(inventoryLots)
    .values({ organizationId, ...item, packageLabel, initialQuantity: 0, quantity: 0, expiresOn })
    .onConflictDoNothing();
  const [row] = await tx
    .select()
    .from(inventoryLots)
    .where(
      and(
        eq(inventoryLots.organizationId, organizationId),
        eq(inventoryLots.locationId, item.locationId),
        eq(inventoryLots.packageLabel, packageLabel),
      ),
    )
    .for("update");
  if (row!.variantId !== item.variantId) {
    throw new DomainError(
      "CONFLICT",
      `Package ${packageLabel} already holds another product at this location.`,
      {
        field: "packageLabel",
      },
    );
  }
  const cost = lot.unitCostCents ?? null;
  if (cost !== null && (!Number.isInteger(cost) || cost < 0)) {
    throw new DomainError("BAD_REQUEST", "Enter the unit cost in whole cents, 0 or more.", {
      field: "unitCostCents",
    });
  }
  await tx
    .update(inventoryLots)
    .set({
      initialQuantity: sql`${inventoryLots.initialQuantity} + ${quantity}`,
      // A top-up at a different cost keeps the dearer one, so a markdown never undercuts any unit in the lot.
      ...(cost === null
        ? {}
        : { unitCostCents: sql`greatest(coalesce(${inventoryLots.unitCostCents}, 0), ${cost})` }),
    })
    .where(eq(inventoryLots.id, row!.id));
  return row!.id;
}
