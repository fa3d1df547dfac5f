import type { DbOrTx } from "@cannasaas/db/client";
import { outboxMessages } from "@cannasaas/db/schema";

/** Events integrations can subscribe to through outbound webhooks. */
export const DOMAIN_EVENT_TYPES = [
  "order.created",
  "order.status_changed",
  "inventory.low_stock",
  "product.updated",
] as const;
export type DomainEventType = (typeof DOMAIN_EVENT_TYPES)[number];

/**
 * Records that something happened to an organization's data, in the transaction that made it happen: the event
 * waits in the outbox (channel "webhook", topic = event type) until the webhook drain fans it out to the
 * endpoints subscribed to it. Data must be the public shape of the resource (ids, numbers, statuses; no PII
 * beyond what the integration's scopes allow).
 */
export async function recordDomainEvent(
  db: DbOrTx,
  event: { organizationId: string; type: DomainEventType; data: Record<string, unknown>; occurredAt?: Date },
) {
  const occurredAt = (event.occurredAt ?? new Date()).toISOString();
  const [row] = await db
    .insert(outboxMessages)
    .values({
      organizationId: event.organizationId,
      channel: "webhook",
      topic: event.type,
      payload: { type: event.type, occurredAt, data: event.data },
    })
    .returning({ id: outboxMessages.id });
  return row!.id;
}
