import { z } from "zod";
import {
  API_SCOPES,
  createApiKey,
  createWebhookEndpoint,
  DOMAIN_EVENT_TYPES,
  listApiKeys,
  listWebhookDeliveries,
  listWebhookEndpoints,
  MAX_KEY_RATE_LIMIT,
  redeliverWebhook,
  revealWebhookSecret,
  revokeApiKey,
  runWebhookDeliveries,
  sendTestWebhook,
  updateWebhookEndpoint,
  webhookDeps,
} from "@cannasaas/core";
import { apiKeyNameSchema, webhookUrlSchema } from "@cannasaas/validators/forms";
import { createTRPCRouter, staffProcedure } from "../trpc";

const manage = staffProcedure("integrations.manage");
const keyId = z.object({ keyId: z.uuid({ error: "Unknown API key." }) });
const endpointId = z.object({ endpointId: z.uuid({ error: "Unknown webhook endpoint." }) });
const events = z.array(z.enum(DOMAIN_EVENT_TYPES, { error: "Choose events from the list." }), {
  error: "Choose at least one event.",
});
const url = webhookUrlSchema;

/** API keys and webhook endpoints of the active organization (owners and admins). */
export const integrationsRouter = createTRPCRouter({
  listApiKeys: manage.query(({ ctx }) => listApiKeys(ctx.deps.db, ctx.organizationId)),

  /** Returns the whole key exactly once; afterwards only its prefix is ever shown. */
  createApiKey: manage
    .input(
      z.object({
        name: apiKeyNameSchema,
        scopes: z.array(z.enum(API_SCOPES)).min(1, { error: "Choose at least one permission." }),
        expiresAt: z.coerce.date({ error: "Enter a valid expiry date." }).nullable().default(null),
        rateLimit: z
          .number()
          .int()
          .min(1, { error: "The rate limit must be at least 1." })
          .max(MAX_KEY_RATE_LIMIT, { error: `The rate limit can be at most ${MAX_KEY_RATE_LIMIT}.` })
          .nullable()
          .default(null),
      }),
    )
    .mutation(({ ctx, input }) =>
      createApiKey(ctx.deps, ctx.organizationId, { ...input, createdBy: ctx.user.id }),
    ),

  revokeApiKey: manage
    .input(keyId)
    .mutation(({ ctx, input }) => revokeApiKey(ctx.deps, ctx.organizationId, input.keyId)),

  listWebhookEndpoints: manage.query(({ ctx }) => listWebhookEndpoints(ctx.deps, ctx.organizationId)),

  /** Returns the signing secret once; owners and admins can reveal it again later. */
  createWebhookEndpoint: manage
    .input(
      z.object({
        url,
        events: events.min(1, { error: "Choose at least one event." }),
        description: z.string().trim().max(200).nullable().default(null),
      }),
    )
    .mutation(({ ctx, input }) =>
      createWebhookEndpoint(webhookDeps(ctx.deps), ctx.organizationId, { ...input, createdBy: ctx.user.id }),
    ),

  updateWebhookEndpoint: manage
    .input(
      endpointId.extend({
        url: url.optional(),
        events: events.min(1, { error: "Choose at least one event." }).optional(),
        enabled: z.boolean().optional(),
        description: z.string().trim().max(200).nullable().optional(),
      }),
    )
    .mutation(({ ctx, input: { endpointId, ...changes } }) =>
      updateWebhookEndpoint(webhookDeps(ctx.deps), ctx.organizationId, endpointId, changes),
    ),

  /** A mutation, not a query, so every reveal of a secret is recorded in the audit trail. */
  revealWebhookSecret: manage
    .input(endpointId)
    .mutation(({ ctx, input }) =>
      revealWebhookSecret(webhookDeps(ctx.deps), ctx.organizationId, input.endpointId),
    ),

  sendTestWebhook: manage
    .input(endpointId)
    .mutation(({ ctx, input }) =>
      sendTestWebhook(webhookDeps(ctx.deps), ctx.organizationId, input.endpointId),
    ),

  listWebhookDeliveries: manage
    .input(z.object({ endpointId: z.uuid().optional(), limit: z.number().int().min(1).max(100).default(50) }))
    .query(({ ctx, input }) => listWebhookDeliveries(ctx.deps, ctx.organizationId, input)),

  /** "Deliver now": fans out and sends this organization's due events without waiting for the cron job. */
  deliverPendingWebhooks: manage.mutation(({ ctx }) =>
    runWebhookDeliveries(webhookDeps(ctx.deps), { organizationId: ctx.organizationId, limit: 100 }),
  ),

  redeliverWebhook: manage
    .input(z.object({ deliveryId: z.uuid({ error: "Unknown delivery." }) }))
    .mutation(({ ctx, input }) =>
      redeliverWebhook(webhookDeps(ctx.deps), ctx.organizationId, input.deliveryId),
    ),
});
