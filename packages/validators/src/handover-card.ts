import { z } from "zod";

/** The card brands staff pick from when they record a debit card at handover. */
export const CARD_BRANDS = ["visa", "mastercard", "discover", "amex", "other"] as const;
export type CardBrand = (typeof CARD_BRANDS)[number];
export const CARD_BRAND_LABELS: Record<CardBrand, string> = {
  visa: "Visa",
  mastercard: "Mastercard",
  discover: "Discover",
  amex: "American Express",
  other: "Other",
};

/**
 * A debit card as staff read it at handover: brand, the last four digits and the name on it, never the full
 * number. Only a keyed fingerprint of them is stored, to refuse referral rewards paid with the referrer's card.
 */
export const handoverCardSchema = z.object({
  brand: z.enum(CARD_BRANDS, { error: "Choose the card's brand." }),
  last4: z
    .string()
    .trim()
    .regex(/^\d{4}$/, { error: "Enter the card's last four digits." }),
  cardholderName: z
    .string()
    .trim()
    .min(1, { error: "Enter the name on the card." })
    .max(100, { error: "Keep the name under 100 characters." }),
});
export type HandoverCardInput = z.infer<typeof handoverCardSchema>;
