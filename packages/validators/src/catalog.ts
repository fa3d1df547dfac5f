import { z } from "zod";
import { STRAIN_TYPES } from "@cannasaas/db/enums";
import { priceCentsSchema, weightMgSchema } from "./bounds";

/*
 * What a product create or edit sends: the catalog procedures validate with these, and the dashboard's product
 * form checks the same rules in the browser before sending.
 */

const text = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, { error: `${label} can be at most ${max} characters.` });
const optionalText = (max: number, label: string) =>
  text(max, label)
    .nullable()
    .transform((v) => (v ? v : null));

export const SKU_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const skuSchema = z
  .string()
  .trim()
  .regex(SKU_PATTERN, { error: "A SKU is 1 to 64 letters, digits, dots, dashes or underscores." });

export const variantInput = z.object({
  /** Present for a variant that already exists on this product. */
  id: z.uuid().optional(),
  sku: skuSchema,
  name: text(60, "A variant name").min(1, { error: "Name each variant, e.g. 3.5 g." }),
  weightMg: weightMgSchema.nullable(),
  priceCents: priceCentsSchema,
  medicalPriceCents: priceCentsSchema.nullable(),
});
export type VariantInput = z.infer<typeof variantInput>;

/** Tags keep the case they were typed in (the storefront shows them); repeats differing only in case go. */
export const uniqueTags = (tags: string[]) =>
  tags.filter((t, i) => tags.findIndex((u) => u.toLowerCase() === t.toLowerCase()) === i);

const tagList = z
  .array(z.string().trim().min(1).max(40))
  .max(20, { error: "At most 20 tags." })
  .transform(uniqueTags);

const potencyBps = z.number().int().min(0).max(10_000, { error: "Potency is at most 100%." }).nullable();

export const productInput = z.object({
  name: text(120, "A product name").min(1, { error: "Enter the product name." }),
  categoryId: z.uuid({ error: "Choose a category." }),
  brandId: z.uuid().nullable(),
  description: optionalText(5000, "The description"),
  strainName: optionalText(120, "The strain name"),
  strainType: z.enum(STRAIN_TYPES).nullable(),
  thcBps: potencyBps,
  cbdBps: potencyBps,
  thcMg: z.number().int().min(0).max(100_000).nullable(),
  cbdMg: z.number().int().min(0).max(100_000).nullable(),
  effects: tagList,
  terpenes: tagList,
  /**
   * Washington: meets the Department of Health's medical standards (see the tax rules). Left out, a new
   * product is not compliant and an edited one keeps what it had.
   */
  medicalCompliant: z.boolean().optional(),
  labResultsUrl: z
    .url({ protocol: /^https?$/, error: "Lab results must be an http(s) link." })
    .max(2000)
    .nullable(),
  status: z.enum(["draft", "active"]),
  variants: z
    .array(variantInput)
    .min(1, { error: "Add at least one variant with a SKU and price." })
    .max(50, { error: "At most 50 variants per product." })
    .refine((vs) => new Set(vs.map((v) => v.sku.toLowerCase())).size === vs.length, {
      error: "Each variant needs its own SKU.",
    }),
});
export type ProductInput = z.infer<typeof productInput>;

export const productUpdateInput = productInput.extend({
  productId: z.uuid(),
  /** The `updatedAt` the edit was based on; a different current value means someone else saved meanwhile. */
  expectedUpdatedAt: z.date(),
});
export type ProductUpdateInput = z.infer<typeof productUpdateInput>;

export const productListInput = z.object({
  q: z.string().trim().max(100).optional(),
  categoryId: z.uuid().optional(),
  status: z.enum(["draft", "active", "archived", "all"]).default("all"),
  page: z.number().int().min(1).max(10_000).default(1),
  pageSize: z.number().int().min(1).max(100).default(25),
});
export type ProductListInput = z.input<typeof productListInput>;
