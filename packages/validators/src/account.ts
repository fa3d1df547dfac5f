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
