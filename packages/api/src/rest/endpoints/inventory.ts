import { z } from "zod";
import {
  API_STOCK_ADJUSTMENT_KINDS,
  listInventoryLevelsPage,
  recordApiStockAdjustment,
  type InventoryLevelView,
} from "@cannasaas/core";
import { stockDeltaSchema } from "@cannasaas/validators";
import { booleanParam, cursorParam, defineEndpoint, iso, limitParam, pageSchema, uuidParam } from "../http";

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

const toApiLevel = (level: InventoryLevelView) => ({ ...level, updatedAt: iso(level.updatedAt) });

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
    const page = await listInventoryLevelsPage(deps.db, organizationId, {
      locationId: query.location_id,
      variantId: query.variant_id,
      lowStock: query.low_stock,
      limit: query.limit,
      cursor: query.cursor,
    });
    return { data: page.items.map(toApiLevel), nextCursor: page.nextCursor };
  },
});

const ADJUST_KINDS = API_STOCK_ADJUSTMENT_KINDS;

const AdjustmentBody = z
  .object({
    locationId: uuidParam,
    variantId: uuidParam,
    quantity: stockDeltaSchema.describe("Signed change to on-hand units: positive adds, negative removes."),
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
    const { level, movement } = await recordApiStockAdjustment(deps, organizationId, {
      ...body,
      keyPrefix: key.prefix,
    });
    return {
      level: toApiLevel(level),
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
