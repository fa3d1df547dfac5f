import { z } from "zod";

// Slug columns are filled by the demo seed too, which cannot depend on this package, so the rule lives with them.
export { slugify } from "@cannasaas/db/slug";

/** A dispensary's web address (its subdomain): 3 to 63 characters, DNS-label safe. */
export const slugSchema = z
  .string({ error: "Choose a web address." })
  .trim()
  .toLowerCase()
  .min(3, { error: "Use at least 3 characters for the web address." })
  .max(63, { error: "Use at most 63 characters for the web address." })
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, {
    error: "Use lower-case letters, digits and hyphens, starting and ending with a letter or digit.",
  });
