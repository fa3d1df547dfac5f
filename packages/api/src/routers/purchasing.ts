import { z } from "zod";
import {
  cancelPurchaseOrder,
  createSupplier,
  draftPurchaseOrders,
  FORECAST_WEEKS,
  getPurchaseOrder,
  listPurchaseOrders,
  listSupplierItems,
  listSuppliers,
  receivePurchaseOrder,
  removeSupplierItem,
  searchSupplierItemChoices,
  reorderSuggestions,
  sendPurchaseOrder,
  SERVICE_LEVELS,
  setSupplierItem,
  updatePurchaseOrderLine,
  updateSupplier,
  variantDemandForecast,
} from "@cannasaas/core";
import { PURCHASE_ORDER_STATUSES } from "@cannasaas/db/schema";
import {
  purchaseCentsSchema,
  receiptInput,
  supplierInput,
  supplierItemTermsInput,
} from "@cannasaas/validators/forms";
import { createTRPCRouter, staffProcedure } from "../trpc";

const id = (what: string) => z.uuid({ error: `Unknown ${what}.` });
const units = z
  .number({ error: "Enter a whole number of units." })
  .int({ error: "Enter a whole number of units." })
  .min(1, { error: "Enter at least 1 unit." })
  .max(1_000_000, { error: "That is more than one order can hold." });

/** Purchasing: suppliers, reorder suggestions from the demand forecast, and purchase orders. */
export const purchasingRouter = createTRPCRouter({
  suppliers: staffProcedure("reports.read").query(({ ctx }) =>
    listSuppliers(ctx.deps.db, ctx.organizationId),
  ),
  createSupplier: staffProcedure("inventory.adjust")
    .input(supplierInput)
    .mutation(({ ctx, input }) => createSupplier(ctx.deps.db, ctx.organizationId, input)),
  updateSupplier: staffProcedure("inventory.adjust")
    .input(supplierInput.extend({ supplierId: id("supplier") }))
    .mutation(({ ctx, input: { supplierId, ...input } }) =>
      updateSupplier(ctx.deps.db, ctx.organizationId, supplierId, input),
    ),
  supplierItems: staffProcedure("reports.read")
    .input(z.object({ supplierId: id("supplier") }))
    .query(({ ctx, input }) => listSupplierItems(ctx.deps.db, ctx.organizationId, input.supplierId)),
  setSupplierItem: staffProcedure("inventory.adjust")
    .input(supplierItemTermsInput.extend({ supplierId: id("supplier"), variantId: id("product") }))
    .mutation(({ ctx, input }) => setSupplierItem(ctx.deps.db, ctx.organizationId, input)),
  removeSupplierItem: staffProcedure("inventory.adjust")
    .input(z.object({ supplierId: id("supplier"), variantId: id("product") }))
    .mutation(({ ctx, input }) => removeSupplierItem(ctx.deps.db, ctx.organizationId, input)),
  supplierItemChoices: staffProcedure("inventory.adjust")
    .input(z.object({ supplierId: id("supplier"), q: z.string().max(100, { error: "Search is too long." }) }))
    .query(({ ctx, input }) => searchSupplierItemChoices(ctx.deps.db, ctx.organizationId, input)),

  suggestions: staffProcedure("reports.read")
    .input(
      z.object({
        locationId: id("location"),
        serviceLevel: z.number().refine((v) => (SERVICE_LEVELS as readonly number[]).includes(v), {
          error: "Choose a service level.",
        }),
        reviewDays: z.number().int().min(1).max(60).optional(),
      }),
    )
    .query(({ ctx, input }) => reorderSuggestions(ctx.deps, ctx.organizationId, input)),

  forecast: staffProcedure("reports.read")
    .input(
      z.object({
        locationId: id("location"),
        variantId: id("product"),
        weeks: z.number().refine((v) => (FORECAST_WEEKS as readonly number[]).includes(v), {
          error: "Forecast 1 to 8 weeks ahead.",
        }),
      }),
    )
    .query(({ ctx, input }) => variantDemandForecast(ctx.deps, ctx.organizationId, input)),

  orders: staffProcedure("reports.read")
    .input(z.object({ status: z.enum(PURCHASE_ORDER_STATUSES).optional() }).optional())
    .query(({ ctx, input }) => listPurchaseOrders(ctx.deps.db, ctx.organizationId, input ?? {})),
  order: staffProcedure("reports.read")
    .input(z.object({ purchaseOrderId: id("purchase order") }))
    .query(({ ctx, input }) => getPurchaseOrder(ctx.deps.db, ctx.organizationId, input.purchaseOrderId)),
  draftOrders: staffProcedure("inventory.adjust")
    .input(
      z.object({
        locationId: id("location"),
        items: z
          .array(z.object({ supplierId: id("supplier"), variantId: id("product"), quantity: units }))
          .min(1, { error: "Choose at least one item to order." })
          .max(500),
      }),
    )
    .mutation(({ ctx, input }) => draftPurchaseOrders(ctx.deps, actor(ctx), input)),
  updateLine: staffProcedure("inventory.adjust")
    .input(
      z.object({
        purchaseOrderId: id("purchase order"),
        lineId: id("line"),
        quantity: z.number().int().min(0, { error: "Enter 0 to remove the line." }).max(1_000_000),
        unitCostCents: purchaseCentsSchema.optional(),
      }),
    )
    .mutation(({ ctx, input }) => updatePurchaseOrderLine(ctx.deps, actor(ctx), input)),
  send: staffProcedure("inventory.adjust")
    .input(z.object({ purchaseOrderId: id("purchase order") }))
    .mutation(({ ctx, input }) => sendPurchaseOrder(ctx.deps, actor(ctx), input)),
  receive: staffProcedure("inventory.adjust")
    .input(
      z.object({
        purchaseOrderId: id("purchase order"),
        receipts: z.array(receiptInput).min(1).max(500),
      }),
    )
    .mutation(({ ctx, input }) => receivePurchaseOrder(ctx.deps, actor(ctx), input)),
  cancel: staffProcedure("inventory.adjust")
    .input(z.object({ purchaseOrderId: id("purchase order") }))
    .mutation(({ ctx, input }) => cancelPurchaseOrder(ctx.deps, actor(ctx), input.purchaseOrderId)),
});

function actor(ctx: { organizationId: string; user: { id: string } }) {
  return { organizationId: ctx.organizationId, actorUserId: ctx.user.id };
}
