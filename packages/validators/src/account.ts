import { z } from "zod";
import { usAddressSchema } from "./address";

/* A shopper's own account: what the account procedures accept and the account page's forms check. */

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => v || null);

export const shopperProfileSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Enter your name (up to 100 characters).")
    .max(100, "Enter your name (up to 100 characters)."),
});
export type ShopperProfile = z.output<typeof shopperProfileSchema>;

/** A saved delivery address, with an optional label ("Home") and whether it is the default. */
export const shopperAddressSchema = usAddressSchema.extend({
  label: optionalText(40),
  isDefault: z.boolean().optional(),
});
export type ShopperAddress = z.output<typeof shopperAddressSchema>;

/** What the shopper must type to delete their account. */
export const DELETE_CONFIRMATION_PHRASE = "delete my account";
export const deleteAccountInput = z.object({
  confirmation: z
    .string()
    .refine(
      (typed) => typed.trim().toLowerCase() === DELETE_CONFIRMATION_PHRASE,
      `Type "${DELETE_CONFIRMATION_PHRASE}" to confirm.`,
    ),
});
