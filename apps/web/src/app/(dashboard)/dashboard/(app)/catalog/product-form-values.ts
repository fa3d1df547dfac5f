import { z } from "zod";
import { STRAIN_TYPES, type ProductStatus, type StrainType } from "@cannasaas/db/enums";
import {
  bpsToPercent,
  centsToDollars,
  dollarsToCents,
  gramsToMg,
  mgToGrams,
  percentToBps,
} from "@cannasaas/core/catalog-units";
import { productInput } from "@cannasaas/validators";

/** A product as the edit page loads it. */
export type EditableProduct = {
  id: string;
  name: string;
  categoryId: string;
  brandId: string | null;
  description: string | null;
  strainName: string | null;
  strainType: StrainType | null;
  thcBps: number | null;
  cbdBps: number | null;
  thcMg: number | null;
  cbdMg: number | null;
  effects: string[];
  terpenes: string[];
  labResultsUrl: string | null;
  status: ProductStatus;
  updatedAt: string;
  variants: {
    id: string;
    sku: string;
    name: string;
    weightMg: number | null;
    priceCents: number;
    medicalPriceCents: number | null;
  }[];
};

/*
 * The form keeps what people type (dollars, percent, grams, tags separated by ;) and turns it into the
 * catalog procedures' input on submit. It is checked by converting and then running `productInput`, the
 * schema the server validates with, so the browser and the server refuse the same things.
 */

const variantRowSchema = z.object({
  /** Present for a variant that already exists on this product. */
  id: z.string().optional(),
  sku: z.string(),
  name: z.string(),
  grams: z.string(),
  price: z.string(),
  medical: z.string(),
});

const fieldsSchema = z.object({
  name: z.string(),
  categoryId: z.string(),
  brandId: z.string(),
  description: z.string(),
  strainName: z.string(),
  strainType: z.union([z.literal(""), z.enum(STRAIN_TYPES)]),
  thc: z.string(),
  cbd: z.string(),
  thcMg: z.string(),
  effects: z.string(),
  terpenes: z.string(),
  labResultsUrl: z.string(),
  status: z.enum(["draft", "active"]),
  variants: z.array(variantRowSchema),
});

export type ProductFormValues = z.input<typeof fieldsSchema>;
export type VariantRowValues = ProductFormValues["variants"][number];

export const blankVariant = (): VariantRowValues => ({
  sku: "",
  name: "",
  grams: "",
  price: "",
  medical: "",
});

export function productFormDefaults(
  product: EditableProduct | undefined,
  categories: { id: string }[],
): ProductFormValues {
  return {
    name: product?.name ?? "",
    categoryId: product?.categoryId ?? categories[0]?.id ?? "",
    brandId: product?.brandId ?? "",
    description: product?.description ?? "",
    strainName: product?.strainName ?? "",
    strainType: product?.strainType ?? "",
    thc: product?.thcBps == null ? "" : bpsToPercent(product.thcBps),
    cbd: product?.cbdBps == null ? "" : bpsToPercent(product.cbdBps),
    thcMg: product?.thcMg == null ? "" : String(product.thcMg),
    effects: product?.effects.join("; ") ?? "",
    terpenes: product?.terpenes.join("; ") ?? "",
    labResultsUrl: product?.labResultsUrl ?? "",
    status: product?.status === "draft" ? "draft" : "active",
    variants: product
      ? product.variants.map((v) => ({
          id: v.id,
          sku: v.sku,
          name: v.name,
          grams: v.weightMg == null ? "" : mgToGrams(v.weightMg),
          price: centsToDollars(v.priceCents),
          medical: v.medicalPriceCents == null ? "" : centsToDollars(v.medicalPriceCents),
        }))
      : [blankVariant()],
  };
}

const orNull = (v: string) => (v.trim() ? v.trim() : null);
const tags = (v: string) =>
  v
    .split(/[;,]/)
    .map((t) => t.trim())
    .filter(Boolean);

type Problem = { path: (string | number)[]; message: string };

/**
 * The procedures' input for these values, and what could not be read (a price that is not dollars, ...),
 * each under its form field. `cbdMg` has no field here: the product's own value is sent back unchanged.
 */
export function toProductInput(
  values: ProductFormValues,
  cbdMg: number | null,
): { input: z.input<typeof productInput>; problems: Problem[] } {
  const problems: Problem[] = [];
  const read = <T>(text: string, parse: (t: string) => T | null, path: Problem["path"], message: string) => {
    if (!text.trim()) return null;
    const value = parse(text);
    if (value === null) problems.push({ path, message });
    return value;
  };
  const input = {
    name: values.name,
    categoryId: values.categoryId,
    brandId: values.brandId || null,
    description: orNull(values.description),
    strainName: orNull(values.strainName),
    strainType: values.strainType || null,
    thcBps: read(values.thc, percentToBps, ["thc"], "THC must be a percent from 0 to 100, like 21.5."),
    cbdBps: read(values.cbd, percentToBps, ["cbd"], "CBD must be a percent from 0 to 100, like 21.5."),
    thcMg: read(
      values.thcMg,
      (t) => (/^\d{1,9}$/.test(t.trim()) ? Number(t.trim()) : null),
      ["thcMg"],
      "Enter the THC as a whole number of mg, like 100.",
    ),
    cbdMg,
    effects: tags(values.effects),
    terpenes: tags(values.terpenes),
    labResultsUrl: orNull(values.labResultsUrl),
    status: values.status,
    variants: values.variants.map((v, i) => {
      const priceCents = v.price.trim() ? dollarsToCents(v.price) : null;
      if (priceCents === null)
        problems.push({ path: ["variants", i, "price"], message: "Enter the price in dollars, like 12.50." });
      return {
        ...(v.id ? { id: v.id } : {}),
        sku: v.sku,
        name: v.name,
        weightMg: read(v.grams, gramsToMg, ["variants", i, "grams"], "Enter the weight in grams, like 3.5."),
        priceCents: priceCents ?? 0,
        medicalPriceCents: read(
          v.medical,
          dollarsToCents,
          ["variants", i, "medical"],
          "Enter the medical price in dollars, like 11.00.",
        ),
      };
    }),
  };
  return { input, problems };
}

const FIELD_OF: Record<string, string> = {
  thcBps: "thc",
  cbdBps: "cbd",
  weightMg: "grams",
  priceCents: "price",
  medicalPriceCents: "medical",
};

/**
 * Where an error about the procedures' input shows in this form: `variants.0.priceCents` under the first
 * variant's price, a tag under its list, the variants list's own errors above the table; null when the form
 * has no such field (the message then shows above the form).
 */
export function formPathOf(path: readonly PropertyKey[]): (string | number)[] | null {
  const [head, index, field] = path;
  if (head === "variants") {
    if (typeof index !== "number") return ["variants", "root"];
    return typeof field === "string" ? ["variants", index, FIELD_OF[field] ?? field] : ["variants", "root"];
  }
  if (typeof head !== "string" || head === "cbdMg") return null;
  return [FIELD_OF[head] ?? head];
}

/** The form's schema: every field readable, and the result accepted by `productInput`. */
export const productFormSchema = (cbdMg: number | null) =>
  fieldsSchema.superRefine((values, ctx) => {
    const { input, problems } = toProductInput(values, cbdMg);
    for (const problem of problems) ctx.addIssue({ code: "custom", ...problem });
    const taken = new Set(problems.map((p) => p.path.join(".")));
    const checked = productInput.safeParse(input);
    if (checked.success) return;
    for (const issue of checked.error.issues) {
      const path = formPathOf(issue.path) ?? ["root"];
      if (taken.has(path.join("."))) continue;
      taken.add(path.join("."));
      ctx.addIssue({ code: "custom", path, message: issue.message });
    }
  });

/** What is sent for values the form schema accepted: the typed text converted, trimmed by the server. */
export const productPayload = (values: ProductFormValues, cbdMg: number | null) =>
  toProductInput(values, cbdMg).input;
