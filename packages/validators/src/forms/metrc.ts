import { z } from "zod";

/** A location's METRC user key, as the credentials form and `metrc.setCredentials` check it. */
export const metrcUserKeySchema = z
  .string()
  .trim()
  .min(8, { error: "That does not look like a METRC user key." })
  .max(200, { error: "That does not look like a METRC user key." });

/** The facility's METRC license number. */
export const metrcLicenseNumberSchema = z
  .string()
  .trim()
  .min(3, { error: "Enter the facility's METRC license number." })
  .max(60);

/** Dashboard › Compliance › METRC, a location's credentials. An empty license number is left unchanged. */
export const metrcCredentialsFormSchema = z.object({
  userKey: metrcUserKeySchema,
  licenseNumber: z.union([z.literal(""), metrcLicenseNumberSchema], {
    error: "Enter the facility's METRC license number.",
  }),
  sandbox: z.boolean(),
});
