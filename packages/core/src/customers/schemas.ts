import { z } from "zod";

const text = (max: number, message: string) => z.string().trim().min(1, message).max(max, message);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => v || null);
const usState = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, "Use the two-letter state code, like CO.");
const isoDate = z.iso.date({ error: "Enter the date as YYYY-MM-DD." });

export const profileInput = z.object({ name: text(100, "Enter your name (up to 100 characters).") });
export type ProfileInput = z.output<typeof profileInput>;

export const addressInput = z.object({
  label: optionalText(40),
  line1: text(200, "Enter the street address."),
  line2: optionalText(200),
  city: text(100, "Enter the city."),
  state: usState,
  postalCode: z
    .string()
    .trim()
    .regex(/^\d{5}(-\d{4})?$/, "Enter a 5-digit ZIP code."),
  isDefault: z.boolean().optional(),
});
export type AddressInput = z.output<typeof addressInput>;

export const IDENTITY_DOCUMENT_KINDS = ["government_id", "medical_card"] as const;
export type IdentityDocumentKind = (typeof IDENTITY_DOCUMENT_KINDS)[number];

export const documentMetadataInput = z.object({
  kind: z.enum(IDENTITY_DOCUMENT_KINDS),
  documentNumber: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9 -]{3,40}$/, "Enter the document number (letters, digits, spaces and dashes)."),
  issuingState: usState,
  expiresOn: isoDate,
});
export type DocumentMetadataInput = z.output<typeof documentMetadataInput>;

export const rejectionInput = z.object({
  reason: text(500, "Tell the shopper why (up to 500 characters)."),
});

/** What the shopper must type to delete their account. */
export const DELETE_CONFIRMATION_PHRASE = "delete my account";
