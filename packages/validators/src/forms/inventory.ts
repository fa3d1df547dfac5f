import { z } from "zod";
import { stockDeltaSchema, stockUnitsSchema } from "../bounds";

// Stock movements, as the dashboard's "Move stock" dialog and the `inventory.*` procedures check them.

export { stockDeltaSchema, stockUnitsSchema };

export const stockReasonSchema = z
  .string()
  .trim()
  .max(500, { error: "Keep the reason under 500 characters." });
export const requiredStockReasonSchema = stockReasonSchema.min(1, { error: "Give a reason." });

export const packageLabelSchema = z.string().trim().min(1, { error: "Enter the package label." }).max(40);
export const lotExpirySchema = z.iso.date({ error: "Enter the expiry date as YYYY-MM-DD." });

export const lowStockThresholdSchema = z
  .number({ error: "Enter a threshold." })
  .int({ error: "Enter a whole number." })
  .min(0, { error: "The threshold cannot be negative." })
  .max(100_000);

/** "" for none, else the id picked from a list the server gave. */
const pickedId = z.string();

/**
 * The "Move stock" dialog: one branch per kind of movement, with the fields that kind shows. Receiving into a
 * lot needs its package label; its expiry stays optional ("").
 */
export const stockMovementFormSchema = z.discriminatedUnion("kind", [
  z
    .object({
      kind: z.literal("receive"),
      quantity: stockUnitsSchema,
      reason: stockReasonSchema,
      withLot: z.boolean(),
      packageLabel: z.string(),
      expiresOn: z.string(),
      /** Dollars per unit as typed ("" for unknown); kept on the lot so markdowns respect the margin floor. */
      unitCost: z.string().optional(),
    })
    .superRefine((v, ctx) => {
      if (!v.withLot) return;
      if (v.unitCost && !/^\$?\d{1,7}(\.\d{1,2})?$/.test(v.unitCost.trim())) {
        ctx.addIssue({ code: "custom", path: ["unitCost"], message: "Enter the cost per unit, e.g. 12.50." });
      }
      for (const issue of packageLabelSchema.safeParse(v.packageLabel).error?.issues ?? []) {
        ctx.addIssue({ code: "custom", path: ["packageLabel"], message: issue.message });
      }
      if (v.expiresOn !== "" && !lotExpirySchema.safeParse(v.expiresOn).success) {
        ctx.addIssue({
          code: "custom",
          path: ["expiresOn"],
          message: "Enter the expiry date as YYYY-MM-DD.",
        });
      }
    }),
  z.object({
    kind: z.literal("adjust"),
    delta: stockDeltaSchema,
    reason: requiredStockReasonSchema,
    lotId: pickedId,
  }),
  z.object({
    kind: z.literal("return"),
    quantity: stockUnitsSchema,
    reason: stockReasonSchema,
    lotId: pickedId,
  }),
  z.object({
    kind: z.literal("damage"),
    quantity: stockUnitsSchema,
    reason: requiredStockReasonSchema,
    lotId: pickedId,
  }),
  z.object({
    kind: z.literal("transfer"),
    toLocationId: z.string().min(1, { error: "Choose a location." }),
    quantity: stockUnitsSchema,
    reason: stockReasonSchema,
    lotId: pickedId,
  }),
  z.object({ kind: z.literal("threshold"), threshold: lowStockThresholdSchema }),
]);

export type StockMovementFormValues = z.input<typeof stockMovementFormSchema>;
