import { z } from "zod";

/** A US ZIP code: five digits, optionally ZIP+4. */
export const zipCodeSchema = z
  .string({ error: "Enter a 5-digit ZIP code." })
  .trim()
  .regex(/^\d{5}(-\d{4})?$/, { error: "Enter a 5-digit ZIP code." });

/** A two-letter US state (or DC) code, upper-cased. */
export const usStateCodeSchema = z
  .string({ error: "Use the two-letter state code, like CO." })
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, { error: "Use the two-letter state code, like CO." });

const required = (max: number, message: string) =>
  z.string({ error: message }).trim().min(1, { error: message }).max(max, { error: message });

/** A US street address. Line 2 is optional and empty becomes null. */
export const usAddressSchema = z.object({
  line1: required(200, "Enter the street address."),
  line2: z
    .string()
    .trim()
    .max(200, { error: "Keep the second address line under 200 characters." })
    .nullish()
    .transform((v) => v || null),
  city: required(100, "Enter the city."),
  state: usStateCodeSchema,
  postalCode: zipCodeSchema,
});
export type UsAddress = z.output<typeof usAddressSchema>;
