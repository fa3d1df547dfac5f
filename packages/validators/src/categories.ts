import { z } from "zod";
import { LIMIT_KINDS, type LimitKind } from "@cannasaas/db/enums";

export { LIMIT_KINDS, type LimitKind };

/** What each purchase-limit kind means, in the words staff choose from when they create a category. */
export const LIMIT_KIND_LABELS: Record<LimitKind, string> = {
  flower: "Flower and pre-rolls (counted by cannabis weight)",
  concentrate: "Concentrates and vapes (counted by concentrate weight)",
  edible_solid: "Solid edibles (counted by THC and product weight)",
  edible_liquid: "Drinks and tinctures (counted by THC and volume)",
  topical: "Topicals (not counted toward limits)",
  non_cannabis: "Accessories and other non-cannabis items (not counted)",
};

export const limitKindSchema = z.enum(LIMIT_KINDS, {
  error: "Choose how state purchase limits count this category's products.",
});

export const categoryNameSchema = z
  .string()
  .trim()
  .min(1, { error: "Enter a name." })
  .max(60, { error: "Use at most 60 characters." });

/** A new category: its name and, always, how purchase limits count its products. */
export const categoryCreateInput = z.object({ name: categoryNameSchema, limitKind: limitKindSchema });
export type CategoryCreateInput = z.infer<typeof categoryCreateInput>;

export const categoryLimitKindInput = z.object({
  categoryId: z.uuid({ error: "Unknown category." }),
  limitKind: limitKindSchema,
});
