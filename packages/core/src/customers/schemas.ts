import { z } from "zod";
import { US_TIME_ZONES } from "../onboarding/us";
import {
  DELETE_CONFIRMATION_PHRASE,
  mobilePhoneSchema,
  shopperAddressSchema,
  shopperProfileSchema,
} from "@cannasaas/validators";

const text = (max: number, message: string) => z.string().trim().min(1, message).max(max, message);

/** The account page's forms check these too, so they live in validators. */
export const profileInput = shopperProfileSchema;
export type ProfileInput = z.output<typeof profileInput>;

export const marketingPreferencesInput = z.object({
  marketingEmailConsent: z.boolean().optional(),
  marketingSmsConsent: z.boolean().optional(),
  /** The mobile number texts go to, stored in E.164; empty removes it (and with it SMS consent). */
  phone: mobilePhoneSchema.optional(),
  /** The shopper's own time zone for text quiet hours; null follows the store's. */
  timeZone: z
    .string()
    .refine((zone) => zone in US_TIME_ZONES, { error: "Choose a time zone from the list." })
    .nullable()
    .optional(),
});
export type MarketingPreferencesInput = z.output<typeof marketingPreferencesInput>;

export const addressInput = shopperAddressSchema;
export type AddressInput = z.output<typeof addressInput>;

export { IDENTITY_DOCUMENT_KINDS, type IdentityDocumentKind } from "@cannasaas/db/enums";
/** The account page's upload form checks this too, so it lives in validators. */
export { documentMetadataInput, type DocumentMetadataInput } from "@cannasaas/validators";

export const rejectionInput = z.object({
  reason: text(500, "Tell the shopper why (up to 500 characters)."),
});

/** What the shopper must type to delete their account (the account page's form checks it too). */
export { DELETE_CONFIRMATION_PHRASE };
