import { and, asc, eq, gt, sql } from "drizzle-orm";
import { z } from "zod";
import type { Transaction } from "@cannasaas/db/client";
import { inventoryLevels, locations, products, productVariants } from "@cannasaas/db/schema";
import { DomainError } from "../../errors";
import { recordStockMovement } from "../../inventory/record-movement";
import {
  booleanParam,
  cursorParam,
  decodeCursor,
  defineEndpoint,
  encodeCursor,
  iso,
  limitParam,
  page,
  pageSchema,
  uuidParam,
} from "../http";

export const ApiInventoryLevel = z
  .object({
    id: z.uuid(),
    locationId: z.uuid(),
    variantId: z.uuid(),
    productId: z.uuid(),
    productName: z.string(),
    variantName: z.string(),
    sku: z.string(),
    onHand: z.number().int(),
    reserved: z.number().int().describe("Held for open orders."),
    available: z.number().int().describe("onHand - reserved: what can still be sold."),
    lowStockThreshold: z.number().int(),
    lowStock: z.boolean().describe("available <= lowStockThreshold"),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "InventoryLevel" });

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

type LevelRow = {
  [K in keyof typeof levelColumns]: (typeof levelColumns)[K]["_"]["data"];
};

const toApiLevel = (r: LevelRow) => ({
  ...r,
  available: r.onHand - r.reserved,
  lowStock: r.onHand - r.reserved <= r.lowStockThreshold,
  updatedAt: iso(r.updatedAt),
});

export const listInventory = defineEndpoint({
  operationId: "listInventory",
  method: "GET",
  path: "/inventory",
  scope: "inventory:read",
  tag: "Inventory",
  summary: "List stock levels",
  description: "One row per variant per location.",
  query: z.object({
    location_id: uuidParam.optional(),
    variant_id: uuidParam.optional(),
    low_stock: booleanParam.optional().describe("true: only levels at or below their low-stock threshold."),
    limit: limitParam,
    cursor: cursorParam,
  }),
  response: pageSchema(ApiInventoryLevel),
  async handler({ deps, organizationId, query }) {
    const after = decodeCursor(query.cursor);
    const available = sql`${inventoryLevels.onHand} - ${inventoryLevels.reserved}`;
    const rows = await deps.db
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
      .where(
        and(
          eq(inventoryLevels.organizationId, organizationId),
          query.location_id ? eq(inventoryLevels.locationId, query.location_id) : undefined,
          query.variant_id ? eq(inventoryLevels.variantId, query.variant_id) : undefined,
          query.low_stock === true ? sql`${available} <= ${inventoryLevels.lowStockThreshold}` : undefined,
          query.low_stock === false ? sql`${available} > ${inventoryLevels.lowStockThreshold}` : undefined,
          after ? gt(inventoryLevels.id, after[1]) : undefined,
        ),
      )
      .orderBy(asc(inventoryLevels.id))
      .limit(query.limit + 1);
    const result = page(rows, query.limit, (r) => encodeCursor("", r.id));
    return { data: result.data.map(toApiLevel), nextCursor: result.nextCursor };
  },
});

const ADJUST_KINDS = ["adjust", "receive", "damage", "return"] as const;

const AdjustmentBody = z
  .object({
    locationId: uuidParam,
    variantId: uuidParam,
    quantity: z
      .number()
      .int("quantity must be a whole number of units.")
      .refine((q) => q !== 0, "quantity cannot be 0.")
      .refine((q) => Math.abs(q) <= 100_000, "quantity is out of range.")
      .describe("Signed change to on-hand units: positive adds, negative removes."),
    kind: z
      .enum(ADJUST_KINDS)
      .default("adjust")
      .describe("receive and return must add units; damage must remove them."),
    reason: z.string().trim().min(3, "Say why, in at least 3 characters.").max(500),
  })
  .refine((b) => !((b.kind === "receive" || b.kind === "return") && b.quantity < 0), {
    message: "A receipt or return adds units: use a positive quantity.",
    path: ["quantity"],
  })
  .refine((b) => !(b.kind === "damage" && b.quantity > 0), {
    message: "Damage removes units: use a negative quantity.",
    path: ["quantity"],
  })
  .meta({ id: "InventoryAdjustment" });

const AdjustmentResult = z
  .object({
    level: ApiInventoryLevel,
    movement: z.object({
      id: z.uuid(),
      kind: z.enum(ADJUST_KINDS),
      quantity: z.number().int(),
      reason: z.string(),
      createdAt: z.iso.datetime(),
    }),
  })
  .meta({ id: "InventoryAdjustmentResult" });

type Adjustment = z.output<typeof AdjustmentBody>;

/** Checks the ids belong to the organization, then records the movement through the inventory service. */
async function adjustStock(tx: Transaction, organizationId: string, keyPrefix: string, input: Adjustment) {
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
    reason: `${input.reason} (API key ${keyPrefix})`,
  });
  return { levelId: level.id, movement: { ...movements[0]!, quantity: input.quantity } };
}

export const createInventoryAdjustment = defineEndpoint({
  operationId: "createInventoryAdjustment",
  method: "POST",
  path: "/inventory/adjustments",
  scope: "inventory:write",
  tag: "Inventory",
  summary: "Adjust on-hand stock",
  description:
    "Adds or removes units at one location and records a stock movement with the reason. Stock never falls " +
    "below what is reserved for open orders: such an adjustment is refused with 409.",
  body: AdjustmentBody,
  response: AdjustmentResult,
  successStatus: 201,
  async handler({ deps, organizationId, key, body }) {
    const { levelId, movement } = await deps.db.transaction((tx) =>
      adjustStock(tx, organizationId, key.prefix, body),
    );
    const [level] = await deps.db
      .select(levelColumns)
      .from(inventoryLevels)
      .innerJoin(productVariants, eq(productVariants.id, inventoryLevels.variantId))
      .innerJoin(products, eq(products.id, productVariants.productId))
      .where(and(eq(inventoryLevels.id, levelId), eq(inventoryLevels.organizationId, organizationId)));
    return {
      level: toApiLevel(level!),
      movement: {
        id: movement.id,
        kind: body.kind,
        quantity: movement.quantity,
        reason: movement.reason ?? body.reason,
        createdAt: iso(movement.createdAt),
      },
    };
  },
});
