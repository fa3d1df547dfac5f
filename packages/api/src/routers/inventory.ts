import { z } from "zod";
import {
  adjustStock,
  damageStock,
  listExpiringLots,
  listInventoryLevels,
  listLots,
  listLowStock,
  listStockMovements,
  receiveStock,
  returnStock,
  setLowStockThreshold,
  transferStock,
} from "@cannasaas/core";
import {
  lotExpirySchema,
  lowStockThresholdSchema,
  packageLabelSchema,
  requiredStockReasonSchema,
  stockDeltaSchema,
  stockReasonSchema,
  stockUnitsSchema,
} from "@cannasaas/validators/forms";
import { createTRPCRouter, staffProcedure } from "../trpc";

const locationId = z.uuid({ error: "Choose a location." });
const variantId = z.uuid({ error: "Choose a product." });
const lotId = z.uuid({ error: "Unknown package." }).nullish();
const units = stockUnitsSchema;
const reason = stockReasonSchema;
const requiredReason = requiredStockReasonSchema;
const page = {
  page: z.number().int().min(1).max(10_000).default(1),
  pageSize: z.number().int().min(1).max(100).default(50),
};
const item = z.object({ locationId, variantId });
const movementKind = z.enum(["receive", "sell", "adjust", "return", "damage", "transfer_in", "transfer_out"]);

export const inventoryRouter = createTRPCRouter({
  /** Every product variant at one location with on hand, reserved, available and threshold. */
  levels: staffProcedure("catalog.read")
    .input(
      z.object({
        locationId,
        search: z.string().trim().max(100).optional(),
        lowOnly: z.boolean().optional(),
        ...page,
      }),
    )
    .query(({ ctx, input }) => listInventoryLevels(ctx.deps.db, ctx.organizationId, input)),
  lowStock: staffProcedure("catalog.read")
    .input(
      z
        .object({ locationId: locationId.optional(), limit: z.number().int().min(1).max(200).optional() })
        .optional(),
    )
    .query(({ ctx, input }) => listLowStock(ctx.deps.db, ctx.organizationId, input ?? {})),
  expiring: staffProcedure("catalog.read")
    .input(
      z
        .object({
          days: z.number().int().min(1, { error: "Choose at least 1 day." }).max(365).default(30),
          locationId: locationId.optional(),
        })
        .optional(),
    )
    .query(({ ctx, input }) =>
      listExpiringLots(ctx.deps.db, ctx.organizationId, {
        days: input?.days ?? 30,
        locationId: input?.locationId,
        now: ctx.deps.clock(),
      }),
    ),
  lots: staffProcedure("catalog.read")
    .input(
      z.object({
        locationId: locationId.optional(),
        variantId: variantId.optional(),
        search: z.string().trim().max(100).optional(),
        includeEmpty: z.boolean().optional(),
        ...page,
      }),
    )
    .query(({ ctx, input }) => listLots(ctx.deps.db, ctx.organizationId, input)),
  movements: staffProcedure("catalog.read")
    .input(
      z.object({
        locationId: locationId.optional(),
        variantId: variantId.optional(),
        kind: movementKind.optional(),
        from: z.date().optional(),
        to: z.date().optional(),
        ...page,
      }),
    )
    .query(({ ctx, input }) => listStockMovements(ctx.deps.db, ctx.organizationId, input)),

  receive: staffProcedure("inventory.adjust")
    .input(
      item.extend({
        quantity: units,
        reason: reason.optional(),
        lot: z
          .object({
            packageLabel: packageLabelSchema,
            expiresOn: lotExpirySchema.nullish(),
            unitCostCents: z
              .number()
              .int({ error: "Enter the unit cost in whole cents." })
              .min(0, { error: "A cost cannot be negative." })
              .max(10_000_000, { error: "That cost is too large." })
              .nullish(),
          })
          .nullish(),
      }),
    )
    .mutation(({ ctx, input }) => receiveStock(ctx.deps, actor(ctx), input)),
  adjust: staffProcedure("inventory.adjust")
    .input(
      item.extend({
        delta: stockDeltaSchema,
        reason: requiredReason,
        lotId,
      }),
    )
    .mutation(({ ctx, input }) => adjustStock(ctx.deps, actor(ctx), input)),
  returnStock: staffProcedure("inventory.adjust")
    .input(item.extend({ quantity: units, reason: reason.optional(), lotId }))
    .mutation(({ ctx, input }) => returnStock(ctx.deps, actor(ctx), input)),
  damage: staffProcedure("inventory.adjust")
    .input(item.extend({ quantity: units, reason: requiredReason, lotId }))
    .mutation(({ ctx, input }) => damageStock(ctx.deps, actor(ctx), input)),
  transfer: staffProcedure("inventory.adjust")
    .input(
      z.object({
        variantId,
        fromLocationId: locationId,
        toLocationId: locationId,
        quantity: units,
        reason: reason.optional(),
        lotId,
      }),
    )
    .mutation(({ ctx, input }) => transferStock(ctx.deps, actor(ctx), input)),
  setThreshold: staffProcedure("inventory.adjust")
    .input(
      item.extend({
        threshold: lowStockThresholdSchema,
      }),
    )
    .mutation(({ ctx, input }) => setLowStockThreshold(ctx.deps, actor(ctx), input)),
});

function actor(ctx: { organizationId: string; user: { id: string } }) {
  return { organizationId: ctx.organizationId, actorUserId: ctx.user.id };
}
