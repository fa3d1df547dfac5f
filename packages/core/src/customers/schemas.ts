import { z } from "zod";
import { identityDocumentKindEnum } from "@cannasaas/db/schema";
import {
  DELETE_CONFIRMATION_PHRASE,
  mobilePhoneSchema,
  shopperAddressSchema,
  shopperProfileSchema,
  usStateCodeSchema,
} from "@cannasaas/validators";

const text = (max: number, message: string) => z.string().trim().min(1, message).max(max, message);
const isoDate = z.iso.date({ error: "Enter the date as YYYY-MM-DD." });

/** The account page's forms check these too, so they live in validators. */
export const profileInput = shopperProfileSchema;
export type ProfileInput = z.output<typeof profileInput>;

export const marketingPreferencesInput = z.object({
  marketingEmailConsent: z.boolean().optional(),
  marketingSmsConsent: z.boolean().optional(),
  /** The mobile number texts go to, stored in E.164; empty removes it (and with it SMS consent). */
  phone: mobilePhoneSchema.optional(),
});
export type MarketingPreferencesInput = z.output<typeof marketingPreferencesInput>;

export const addressInput = shopperAddressSchema;
export type AddressInput = z.output<typeof addressInput>;

export const IDENTITY_DOCUMENT_KINDS = identityDocumentKindEnum.enumValues;
export type IdentityDocumentKind = (typeof IDENTITY_DOCUMENT_KINDS)[number];

export const documentMetadataInput = z.object({
  kind: z.enum(IDENTITY_DOCUMENT_KINDS),
  documentNumber: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9 -]{3,40}$/, "Enter the document number (letters, digits, spaces and dashes)."),
  issuingState: usStateCodeSchema,
  expiresOn: isoDate,
});
export type DocumentMetadataInput = z.output<typeof documentMetadataInput>;

export const rejectionInput = z.object({
  reason: text(500, "Tell the shopper why (up to 500 characters)."),
});

/** What the shopper must type to delete their account (the account page's form checks it too). */
export { DELETE_CONFIRMATION_PHRASE };
