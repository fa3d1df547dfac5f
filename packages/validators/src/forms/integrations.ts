import { z } from "zod";

/** The API key's name, as the create form and the `integrations.createApiKey` procedure check it. */
export const apiKeyNameSchema = z
  .string()
  .trim()
  .min(1, { error: "Name the key after the system that uses it." })
  .max(80);

/** A webhook endpoint's URL, as the endpoint form and the webhook procedures check it. */
export const webhookUrlSchema = z
  .string()
  .trim()
  .min(1, { error: "Enter the URL that receives events." })
  .max(2000);

export const API_KEY_EXPIRY_DAYS = ["", "30", "90", "365"] as const;

/** Dashboard › Developers, new API key: the scopes come from the caller (they live in core). */
export const apiKeyFormSchema = <Scope extends string>(scopes: readonly [Scope, ...Scope[]]) =>
  z.object({
    name: apiKeyNameSchema,
    scopes: z.array(z.enum(scopes)).min(1, { error: "Choose at least one permission." }),
    /** Days from now, or "" for a key that never expires. */
    expiresInDays: z.enum(API_KEY_EXPIRY_DAYS),
  });

/** Dashboard › Developers, new webhook endpoint. */
export const webhookEndpointFormSchema = <Event extends string>(events: readonly [Event, ...Event[]]) =>
  z.object({
    url: webhookUrlSchema,
    description: z.string().trim().max(200),
    events: z.array(z.enum(events)).min(1, { error: "Choose at least one event." }),
  });
