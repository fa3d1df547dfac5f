import { z } from "zod";
import {
  adjustStock,
  damageStock,
  dashboardSummary,
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
import { createTRPCRouter, staffProcedure } from "../trpc";

const locationId = z.uuid({ error: "Choose a location." });
const variantId = z.uuid({ error: "Choose a product." });
const lotId = z.uuid({ error: "Unknown package." }).nullish();
const units = z
  .number({ error: "Enter a number of units." })
  .int({ error: "Enter a whole number of units." })
  .min(1, { error: "Enter at least 1 unit." })
  .max(1_000_000, { error: "That is more units than one movement can record." });
const reason = z.string().trim().max(500, { error: "Keep the reason under 500 characters." });
const requiredReason = reason.min(1, { error: "Give a reason." });
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
            packageLabel: z.string().trim().min(1, { error: "Enter the package label." }).max(40),
            expiresOn: z.iso.date({ error: "Enter the expiry date as YYYY-MM-DD." }).nullish(),
          })
          .nullish(),
      }),
    )
    .mutation(({ ctx, input }) => receiveStock(ctx.deps, actor(ctx), input)),
  adjust: staffProcedure("inventory.adjust")
    .input(
      item.extend({
        delta: z
          .number({ error: "Enter the change in units." })
          .int({ error: "Enter a whole number of units." })
          .min(-1_000_000)
          .max(1_000_000)
          .refine((n) => n !== 0, { error: "Enter a change other than zero." }),
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
        threshold: z
          .number({ error: "Enter a threshold." })
          .int({ error: "Enter a whole number." })
          .min(0, { error: "The threshold cannot be negative." })
          .max(100_000),
      }),
    )
    .mutation(({ ctx, input }) => setLowStockThreshold(ctx.deps, actor(ctx), input)),
});

export const dashboardRouter = createTRPCRouter({
  /** Today's sales, orders by status, average order value and the daily sales series. */
  summary: staffProcedure("reports.read")
    .input(z.object({ days: z.union([z.literal(14), z.literal(30)]).default(14) }).optional())
    .query(({ ctx, input }) =>
      dashboardSummary(ctx.deps.db, ctx.organizationId, { now: ctx.deps.clock(), days: input?.days ?? 14 }),
    ),
});

function actor(ctx: { organizationId: string; user: { id: string } }) {
  return { organizationId: ctx.organizationId, actorUserId: ctx.user.id };
}
