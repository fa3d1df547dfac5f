import { and, asc, eq, gt, sql, type SQL } from "drizzle-orm";
import type { DbOrTx, Transaction } from "@cannasaas/db/client";
import { inventoryLevels, locations, products, productVariants } from "@cannasaas/db/schema";
import type { CoreDeps } from "../deps";
import { DomainError } from "../errors";
import {
  decodeCursor,
  encodeCursor,
  keysetPage,
  type KeysetPage,
  type KeysetPageInput,
} from "../pagination/keyset";
import { recordStockMovement } from "./record-movement";

const levelColumns = {
  id: inventoryLevels.id,
  locationId: inventoryLevels.locationId,
  variantId: inventoryLevels.variantId,
  productId: products.id,
  productName: products.name,
  variantName: productVariants.name,
  sku: productVariants.sku,
  onHand: inventoryLevels.onHand,
  reserved: inventoryLevels.reserved,
  lowStockThreshold: inventoryLevels.lowStockThreshold,
  updatedAt: inventoryLevels.updatedAt,
};

/** A stock level with what it is of, and what can still be sold. */
export type InventoryLevelView = Awaited<ReturnType<typeof selectLevels>>[number];

const available = sql`${inventoryLevels.onHand} - ${inventoryLevels.reserved}`;

/** Levels of one organization joined to their variant and product, both within that organization, by id. */
async function selectLevels(db: DbOrTx, organizationId: string, where: SQL | undefined, limit: number) {
  const rows = await db
    .select(levelColumns)
    .from(inventoryLevels)
    .innerJoin(
      productVariants,
      and(
        eq(productVariants.id, inventoryLevels.variantId),
        eq(productVariants.organizationId, organizationId),
      ),
    )
    .innerJoin(
      products,
      and(eq(products.id, productVariants.productId), eq(products.organizationId, organizationId)),
    )
    .where(and(eq(inventoryLevels.organizationId, organizationId), where))
    .orderBy(asc(inventoryLevels.id))
    .limit(limit);
  return rows.map((r) => ({
    ...r,
    available: r.onHand - r.reserved,
    lowStock: r.onHand - r.reserved <= r.lowStockThreshold,
  }));
}

export type InventoryLevelFilter = KeysetPageInput & {
  locationId?: string;
  variantId?: string;
  /** true: only levels at or below their low-stock threshold; false: only those above it. */
  lowStock?: boolean;
};

/** One page of an organization's stock levels, one per variant per location, in id order. */
export async function listInventoryLevelsPage(
  db: DbOrTx,
  organizationId: string,
  filter: InventoryLevelFilter,
): Promise<KeysetPage<InventoryLevelView>> {
  const after = decodeCursor(filter.cursor);
  const rows = await selectLevels(
    db,
    organizationId,
    and(
      filter.locationId ? eq(inventoryLevels.locationId, filter.locationId) : undefined,
      filter.variantId ? eq(inventoryLevels.variantId, filter.variantId) : undefined,
      filter.lowStock === true ? sql`${available} <= ${inventoryLevels.lowStockThreshold}` : undefined,
      filter.lowStock === false ? sql`${available} > ${inventoryLevels.lowStockThreshold}` : undefined,
      after ? gt(inventoryLevels.id, after[1]) : undefined,
    ),
    filter.limit + 1,
  );
  return keysetPage(rows, filter.limit, (r) => encodeCursor("", r.id));
}

/** The movements an API key may record; sales and transfers have their own paths. */
export const API_STOCK_ADJUSTMENT_KINDS = ["adjust", "receive", "damage", "return"] as const;
export type ApiStockAdjustmentKind = (typeof API_STOCK_ADJUSTMENT_KINDS)[number];

export type ApiStockAdjustment = {
  locationId: string;
  variantId: string;
  kind: ApiStockAdjustmentKind;
  /** Signed change to on-hand units. */
  quantity: number;
  reason: string;
  /** The prefix of the API key making the change, kept in the movement's reason. */
  keyPrefix: string;
};

/** Checks the ids belong to the organization, then records the movement through the inventory service. */
async function adjust(tx: Transaction, organizationId: string, input: ApiStockAdjustment) {
  const [location] = await tx
    .select({ id: locations.id })
    .from(locations)
    .where(and(eq(locations.id, input.locationId), eq(locations.organizationId, organizationId)));
  if (!location) throw new DomainError("NOT_FOUND", "No location with that id in this organization.");
  const [variant] = await tx
    .select({ id: productVariants.id })
    .from(productVariants)
    .where(and(eq(productVariants.id, input.variantId), eq(productVariants.organizationId, organizationId)));
  if (!variant) throw new DomainError("NOT_FOUND", "No variant with that id in this organization.");

  // The same path as the dashboard's movements: the level row locked, never below what open orders reserved,
  // lots kept in step, and inventory.low_stock raised when available stock reaches the threshold.
  const { level, movements } = await recordStockMovement(tx, {
    organizationId,
    locationId: input.locationId,
    variantId: input.variantId,
    kind: input.kind,
    quantity: input.quantity,
    reason: `${input.reason} (API key ${input.keyPrefix})`,
  });
  return { levelId: level.id, movement: { ...movements[0]!, quantity: input.quantity } };
}

/**
 * A stock change made through the public API: location and variant must be the organization's, and the change
 * goes through `recordStockMovement` in one transaction. Returns the level after the change and the movement
 * (its quantity the whole requested change, even when it touched several lots).
 */
export async function recordApiStockAdjustment(
  deps: Pick<CoreDeps, "db">,
  organizationId: string,
  input: ApiStockAdjustment,
) {
  const { levelId, movement } = await deps.db.transaction((tx) => adjust(tx, organizationId, input));
  const [level] = await selectLevels(deps.db, organizationId, eq(inventoryLevels.id, levelId), 1);
  return { level: level!, movement };
}
