import { DomainError } from "../errors";
import type { ProductInput, VariantInput } from "./product-input";

/**
 * Who may change what on a product: the one server-side rule for the product form, the CSV import and the API.
 *
 * Regulated fields decide what a shopper pays, which taxes apply and how much of a purchase limit an item uses:
 * prices, a variant's weight, the product's category (its purchase-limit kind), its potency and whether it is
 * medically compliant. Changing them needs `prices.write` (owner, admin, manager). Everyone with
 * `catalog.write` (budtenders too) may change the rest: names, descriptions, strain, effects, photos, status.
 * A budtender therefore cannot turn a 1 g variant into a 28 g one at the same price, or move a concentrate
 * into a flower category.
 */
export const REGULATED_PRODUCT_FIELDS = ["categoryId", "thcBps", "thcMg", "medicalCompliant"] as const;
export const REGULATED_VARIANT_FIELDS = ["priceCents", "medicalPriceCents", "weightMg"] as const;

const FIELD_WORDS: Record<string, string> = {
  categoryId: "category",
  thcBps: "THC %",
  thcMg: "THC mg",
  medicalCompliant: "medical compliance",
  priceCents: "price",
  medicalPriceCents: "medical price",
  weightMg: "weight",
  newVariant: "a new variant's price and weight",
};

type ProductBefore = { [K in (typeof REGULATED_PRODUCT_FIELDS)[number]]: unknown };
type VariantBefore = { [K in (typeof REGULATED_VARIANT_FIELDS)[number]]: unknown };

/** The regulated fields `input` changes compared with what is stored (all of them for a new product). */
export function regulatedChanges(
  before: { product: ProductBefore; variants: ReadonlyMap<string, VariantBefore> } | null,
  input: Pick<ProductInput, (typeof REGULATED_PRODUCT_FIELDS)[number]> & { variants: VariantInput[] },
): string[] {
  if (!before) return ["newProduct"];
  const changed = new Set<string>();
  for (const field of REGULATED_PRODUCT_FIELDS) {
    const next = input[field];
    // An edit that leaves medical compliance out keeps the stored value.
    if (field === "medicalCompliant" && next === undefined) continue;
    if (next !== before.product[field]) changed.add(field);
  }
  for (const variant of input.variants) {
    const stored = variant.id ? before.variants.get(variant.id) : undefined;
    if (!stored) {
      changed.add("newVariant");
      continue;
    }
    for (const field of REGULATED_VARIANT_FIELDS) {
      if (variant[field] !== stored[field]) changed.add(field);
    }
  }
  return [...changed];
}

/** Refuses, naming the fields, when someone without the right changes a regulated field. */
export function assertMayChangeRegulated(canWriteRegulated: boolean, changes: readonly string[]): void {
  if (canWriteRegulated || changes.length === 0) return;
  if (changes.includes("newProduct")) {
    throw new DomainError(
      "FORBIDDEN",
      "Your role cannot create products, because that sets prices and weights. Ask a manager or the owner.",
    );
  }
  const words = changes.map((c) => FIELD_WORDS[c] ?? c).join(", ");
  throw new DomainError(
    "FORBIDDEN",
    `Your role cannot change ${words}: prices, weights, category, potency and medical compliance decide what shoppers pay, their taxes and purchase limits. Ask a manager or the owner.`,
    { fields: changes },
  );
}
