import { DomainError } from "../errors";

/** The merge fields a subject or body may use, written `{{first_name}}`. */
export const MERGE_FIELDS = {
  first_name: 'The customer\'s first name ("there" when unknown)',
  points: "Their loyalty points balance",
  tier: 'Their loyalty tier ("Member" without one)',
  store: "The store's name",
} as const;
export type MergeField = keyof typeof MERGE_FIELDS;
export type MergeValues = Record<MergeField, string>;

const FIELD = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** Refuses a text with a merge field that does not exist (or a stray brace), naming it and the known ones. */
export function checkMergeFields(text: string, where: "subject" | "body", field: string = where) {
  for (const match of text.matchAll(FIELD)) {
    const name = match[1] ?? "";
    if (!(name in MERGE_FIELDS)) {
      throw new DomainError(
        "BAD_REQUEST",
        `The ${where} uses {{${name}}}, which is not a merge field. Use ${Object.keys(MERGE_FIELDS)
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
): MergeValues {
  const first = recipient.name?.trim().split(/\s+/)[0];
  return {
    first_name: first || "there",
    points: String(recipient.points),
    tier: recipient.tier ?? "Member",
    store: storeName,
  };
}
