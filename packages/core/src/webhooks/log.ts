import { randomUUID } from "node:crypto";
import { and, desc, eq, inArray } from "drizzle-orm";
import { webhookDeliveries, webhookDeliveryAttempts, webhookEndpoints } from "@cannasaas/db/schema";
import type { CoreDeps } from "../deps";
import { DomainError } from "../errors";
import { enqueue } from "../queue/enqueue";
import { requeueJob } from "../queue/manage";
import { deliverDueWebhooks, webhookDeliveryQueue, type WebhookPayload } from "./drain";
import { getWebhookEndpointRow, type WebhookDeps } from "./endpoints";

/** The delivery log: newest first, each delivery with its attempts (response codes, durations, errors). */
export async function listWebhookDeliveries(
  deps: Pick<CoreDeps, "db">,
  organizationId: string,
  options: { endpointId?: string; limit?: number } = {},
) {
  const deliveries = await deps.db
    .select({
      id: webhookDeliveries.id,
      endpointId: webhookDeliveries.endpointId,
      endpointUrl: webhookEndpoints.url,
      eventId: webhookDeliveries.eventId,
      eventType: webhookDeliveries.eventType,
      status: webhookDeliveries.status,
      attempts: webhookDeliveries.attempts,
      lastResponseCode: webhookDeliveries.lastResponseCode,
      lastError: webhookDeliveries.lastError,
      nextAttemptAt: webhookDeliveries.nextAttemptAt,
      deliveredAt: webhookDeliveries.deliveredAt,
      createdAt: webhookDeliveries.createdAt,
    })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .where(
      and(
        eq(webhookDeliveries.organizationId, organizationId),
        options.endpointId ? eq(webhookDeliveries.endpointId, options.endpointId) : undefined,
      ),
    )
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(options.limit ?? 50);
  const attempts = deliveries.length
    ? await deps.db
        .select()
        .from(webhookDeliveryAttempts)
        .where(
          and(
            eq(webhookDeliveryAttempts.organizationId, organizationId),
            inArray(
              webhookDeliveryAttempts.deliveryId,
              deliveries.map((d) => d.id),
            ),
          ),
        )
        .orderBy(desc(webhookDeliveryAttempts.createdAt))
    : [];
  return deliveries.map((d) => ({
    ...d,
    attemptLog: attempts
      .filter((a) => a.deliveryId === d.id)
      .map((a) => ({
        id: a.id,
        responseCode: a.responseCode,
        responseBody: a.responseBody,
        error: a.error,
        durationMs: a.durationMs,
        manual: a.manual,
        createdAt: a.createdAt,
      })),
  }));
}

async function deliveryRow(deps: Pick<CoreDeps, "db">, organizationId: string, deliveryId: string) {
  const [row] = await deps.db
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.organizationId, organizationId)));
  if (!row) throw new DomainError("NOT_FOUND", "That delivery does not exist.");
  return row;
}

/**
 * Sends a delivery again now, with the same event id and payload (receivers dedupe on X-CannaSaaS-Delivery).
 * Starts a new round of retries if this attempt fails too.
 */
export async function redeliverWebhook(deps: WebhookDeps, organizationId: string, deliveryId: string) {
  const row = await deliveryRow(deps, organizationId, deliveryId);
  const endpoint = await getWebhookEndpointRow(deps, organizationId, row.endpointId);
  if (!endpoint.enabled)
    throw new DomainError("CONFLICT", "That endpoint is disabled. Enable it before redelivering.");
  const [reset] = await deps.db
    .update(webhookDeliveries)
    .set({ status: "pending", attempts: 0, nextAttemptAt: deps.clock() })
    .where(and(eq(webhookDeliveries.id, row.id), eq(webhookDeliveries.organizationId, organizationId)))
    .returning({ id: webhookDeliveries.id });
  if (!reset) throw new DomainError("NOT_FOUND", "That delivery does not exist.");
  await requeueJob(
    deps.db,
    webhookDeliveryQueue.name,
    { organizationId, dedupeKey: row.id, payload: { deliveryId: row.id } },
    deps.clock(),
  );
  await deliverDueWebhooks(deps, { ids: [row.id], manual: true });
  return deliveryRow(deps, organizationId, row.id);
}

/** Sends a `webhook.test` event to one endpoint now, through the same delivery path as real events. */
export async function sendTestWebhook(deps: WebhookDeps, organizationId: string, endpointId: string) {
  const endpoint = await getWebhookEndpointRow(deps, organizationId, endpointId);
  if (!endpoint.enabled)
    throw new DomainError("CONFLICT", "That endpoint is disabled. Enable it to test it.");
  const eventId = randomUUID();
  const now = deps.clock();
  const payload: WebhookPayload = {
    id: eventId,
    type: "webhook.test",
    occurredAt: now.toISOString(),
    organizationId,
    data: { message: "A test event from CannaSaaS. Your endpoint receives signed events." },
  };
  const [delivery] = await deps.db
    .insert(webhookDeliveries)
    .values({
      organizationId,
      endpointId: endpoint.id,
      eventId,
      eventType: "webhook.test",
      payload,
      nextAttemptAt: now,
    })
    .returning({ id: webhookDeliveries.id });
  await enqueue(
    deps.db,
    webhookDeliveryQueue.name,
    { deliveryId: delivery!.id },
    { organizationId, dedupeKey: delivery!.id },
  );
  await deliverDueWebhooks(deps, { ids: [delivery!.id], manual: true });
  return deliveryRow(deps, organizationId, delivery!.id);
}
