import { z } from "zod";
import { lotExpirySchema, packageLabelSchema } from "./inventory";

// Suppliers, their terms and receiving, as the purchasing pages and the `purchasing.*` procedures check them.

export const purchaseCentsSchema = z
  .number({ error: "Enter an amount." })
  .int({ error: "Enter the amount in cents." })
  .min(0, { error: "An amount cannot be negative." })
  .max(100_000_000, { error: "That amount is too large." });
const optionalText = (max: number) => z.string().trim().max(max).nullish();

export const supplierInput = z.object({
  name: z.string().trim().min(1, { error: "Enter the supplier's name." }).max(120),
  contactName: optionalText(120),
  email: z.email({ error: "Enter a valid email address." }).nullish().or(z.literal("")),
  phone: optionalText(40),
  leadTimeDays: z
    .number({ error: "Enter whole days." })
    .int({ error: "Enter whole days." })
    .min(0, { error: "A lead time cannot be negative." })
    .max(365, { error: "Enter at most 365 days." })
    .nullish(),
  minimumOrderCents: purchaseCentsSchema.optional(),
  notes: optionalText(2000),
});

/** What one variant costs from a supplier, and how many units come in a pack. */
export const supplierItemTermsInput = z.object({
  unitCostCents: z
    .number({ error: "Enter the cost per unit in dollars." })
    .int({ error: "Enter the cost in whole cents." })
    .min(0, { error: "Enter the cost per unit in dollars." })
    .max(100_000_000, { error: "That amount is too large." }),
  packSize: z
    .number({ error: "A pack holds a whole number of units, at least 1." })
    .int({ error: "A pack holds a whole number of units, at least 1." })
    .min(1, { error: "A pack holds a whole number of units, at least 1." })
    .max(10_000, { error: "A pack holds at most 10,000 units." })
    .optional(),
});

/** One line of a delivery: the units that arrived and the METRC package they came in. */
export const receiptInput = z.object({
  lineId: z.uuid({ error: "Unknown line." }),
  quantity: z
    .number({ error: "Enter whole units." })
    .int({ error: "Enter whole units." })
    .min(0)
    .max(1_000_000),
  packageLabel: packageLabelSchema,
  expiresOn: lotExpirySchema.nullish(),
});
