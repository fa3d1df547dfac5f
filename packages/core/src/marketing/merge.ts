import { DomainError } from "../errors";

/** The merge fields a subject or body may use, written `{{first_name}}`. */
export const MERGE_FIELDS = {
  first_name: 'The customer\'s first name ("there" when unknown)',
  points: "Their loyalty points balance",
  tier: 'Their loyalty tier ("Member" without one)',
  store: "The store's name",
  product: "The wishlisted product's name (back-in-stock and price-drop automations only)",
} as const;
export type MergeField = keyof typeof MERGE_FIELDS;
/** The fields a campaign (and any automation not about one product) may use: all but `product`. */
export const CAMPAIGN_MERGE_FIELDS = Object.fromEntries(
  Object.entries(MERGE_FIELDS).filter(([name]) => name !== "product"),
) as Omit<typeof MERGE_FIELDS, "product">;
/** `product` is filled only for the automations about one product (empty elsewhere). */
export type MergeValues = Record<Exclude<MergeField, "product">, string> & { product?: string };

const FIELD = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** Refuses a text with a merge field that does not exist (or a stray brace), naming it and the known ones. */
export function checkMergeFields(
  text: string,
  where: "subject" | "body",
  field: string = where,
  options: { product?: boolean } = {},
) {
  for (const match of text.matchAll(FIELD)) {
    const name = match[1] ?? "";
    if (name === "product" && !options.product) {
      throw new DomainError(
        "BAD_REQUEST",
        `The ${where} uses {{product}}, which only the back-in-stock and price-drop automations can fill in.`,
        { fields: { [field]: "{{product}} is only for back-in-stock and price-drop automations." } },
      );
    }
    if (!(name in MERGE_FIELDS)) {
      throw new DomainError(
        "BAD_REQUEST",
        `The ${where} uses {{${name}}}, which is not a merge field. Use ${Object.keys(
          options.product ? MERGE_FIELDS : CAMPAIGN_MERGE_FIELDS,
        )
          .map((f) => `{{${f}}}`)
          .join(", ")}.`,
        { fields: { [field]: `Unknown merge field {{${name}}}.` } },
      );
    }
  }
  if (/\{\{|\}\}/.test(text.replace(FIELD, ""))) {
    throw new DomainError("BAD_REQUEST", `The ${where} has an unclosed {{ or }}.`, {
      fields: { [field]: "Unclosed merge field." },
    });
  }
}

/** Fills the merge fields (checked before: an unknown one cannot reach here). */
export const fillMergeFields = (text: string, values: MergeValues) =>
  text.replace(FIELD, (_, name: string) => values[name as MergeField] ?? "");

/** The values for one recipient. */
export function mergeValuesFor(
  recipient: { name: string | null; points: number; tier: string | null },
  storeName: string,
  product: string | null = null,
): MergeValues {
  const first = recipient.name?.trim().split(/\s+/)[0];
  return {
    first_name: first || "there",
    points: String(recipient.points),
    tier: recipient.tier ?? "Member",
    store: storeName,
    product: product ?? "",
  };
}
