import { z } from "zod";
import { MENU_SORTS, STRAIN_TYPES } from "@cannasaas/core";
import { categorySlugSchema, menuKindSchema, paginationSchema } from "@cannasaas/validators";

export const SEARCH_MAX_LENGTH = 100;
const MAX_PRICE_CENTS = 10_000_000;

/** Repeated values are dropped, so `["indica", "indica"]` is one filter. */
const uniqueList = <T extends z.ZodType<string>>(item: T, max: number, tooMany: string) =>
  z
    .array(item)
    .max(max, { error: tooMany })
    .transform((list) => [...new Set(list)]);

const thcBps = z
  .number({ error: "Enter THC as a number." })
  .int({ error: "Enter THC in basis points (21.5% = 2150)." })
  .min(0, { error: "THC can't be below 0%." })
  .max(10_000, { error: "THC can't be above 100%." });

const priceCents = z
  .number({ error: "Enter the price as a number." })
  .int({ error: "Enter the price in whole cents." })
  .min(0, { error: "Prices can't be negative." })
  .max(MAX_PRICE_CENTS, { error: "That price is higher than anything on the menu." });

export const brandSlugSchema = z.string().regex(/^[a-z0-9-]{1,100}$/, { error: "Unknown brand." });
export const productSlugSchema = z
  .string({ error: "Which product? Give its slug." })
  .regex(/^[a-z0-9-]{1,200}$/, { error: "That is not a product address." });

/** The search and filters a menu page and its facet counts share. */
const menuFilterFields = {
  q: z
    .string()
    .trim()
    .max(SEARCH_MAX_LENGTH, { error: `Search for at most ${SEARCH_MAX_LENGTH} characters.` })
    // PostgreSQL refuses NUL in text, so it must be refused here rather than fail the query.
    // eslint-disable-next-line no-control-regex
    .refine((q) => !/[\u0000-\u001f\u007f]/.test(q), {
      error: "A search can't contain control characters.",
    })
    .optional()
    .transform((q) => q || undefined),
  category: categorySlugSchema.optional(),
  strainTypes: uniqueList(
    z.enum(STRAIN_TYPES, { error: "Strain type must be indica, sativa, hybrid or cbd." }),
    STRAIN_TYPES.length,
    "Choose each strain type once.",
  ).optional(),
  thcMinBps: thcBps.optional(),
  thcMaxBps: thcBps.optional(),
  effects: uniqueList(
    z.string().trim().min(1, { error: "Unknown effect." }).max(40, { error: "Unknown effect." }),
    20,
    "Choose at most 20 effects.",
  ).optional(),
  brands: uniqueList(brandSlugSchema, 50, "Choose at most 50 brands.").optional(),
  priceMinCents: priceCents.optional(),
  priceMaxCents: priceCents.optional(),
  menu: menuKindSchema.default("adult_use"),
};

type Ranges = { thcMinBps?: number; thcMaxBps?: number; priceMinCents?: number; priceMaxCents?: number };
const thcInOrder = (i: Ranges) =>
  i.thcMinBps === undefined || i.thcMaxBps === undefined || i.thcMinBps <= i.thcMaxBps;
const priceInOrder = (i: Ranges) =>
  i.priceMinCents === undefined || i.priceMaxCents === undefined || i.priceMinCents <= i.priceMaxCents;
const THC_ORDER = { error: "The minimum THC can't be higher than the maximum.", path: ["thcMinBps"] };
const PRICE_ORDER = { error: "The minimum price can't be higher than the maximum.", path: ["priceMinCents"] };

export const menuInputSchema = paginationSchema
  .extend({
    ...menuFilterFields,
    sort: z.enum(MENU_SORTS, { error: `Sort by one of: ${MENU_SORTS.join(", ")}.` }).optional(),
    locationId: z.uuid({ error: "Unknown location." }).optional(),
  })
  .refine(thcInOrder, THC_ORDER)
  .refine(priceInOrder, PRICE_ORDER);

export type MenuInput = z.input<typeof menuInputSchema>;

/** Facet counts follow the same search and filters as the menu page they sit beside. */
export const facetsInputSchema = z
  .object(menuFilterFields)
  .refine(thcInOrder, THC_ORDER)
  .refine(priceInOrder, PRICE_ORDER)
  .default({ menu: "adult_use", q: undefined });

/** The search and filters both inputs carry (a menu page's input has them too). */
export type FacetsInput = z.output<typeof facetsInputSchema>;

export const suggestInputSchema = z.object({ q: menuFilterFields.q });
export const productInputSchema = z.object({ slug: productSlugSchema });
