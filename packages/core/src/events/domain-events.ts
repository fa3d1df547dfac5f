import type { DbOrTx } from "@cannasaas/db/client";
import { outboxMessages } from "@cannasaas/db/schema";
import { enqueueMany } from "../queue/enqueue";

/** The queue that fans events out to webhook endpoints (its handler lives in webhooks/drain). */
export const WEBHOOK_EVENT_QUEUE = "webhook-events";

/** Events integrations can subscribe to through outbound webhooks. */
export const DOMAIN_EVENT_TYPES = [
  "order.created",
  "order.status_changed",
  "inventory.low_stock",
  "product.updated",
  "promotion.redeemed",
  "loyalty.tier_changed",
  "review.submitted",
] as const;
export type DomainEventType = (typeof DOMAIN_EVENT_TYPES)[number];

/**
 * Records that something happened to an organization's data, in the transaction that made it happen: the event
 * waits in the outbox (channel "webhook", topic = event type), queued, until the webhook drain fans it out to the
 * endpoints subscribed to it. Data must be the public shape of the resource (ids, numbers, statuses; no PII
 * beyond what the integration's scopes allow).
 */
export async function recordDomainEvent(db: DbOrTx, event: DomainEvent) {
  const [id] = await recordDomainEvents(db, [event]);
  return id!;
}

export type DomainEvent = {
  organizationId: string;
  type: DomainEventType;
  data: Record<string, unknown>;
  occurredAt?: Date;
};

/** Many events in one statement (a bulk import records one per product). */
export async function recordDomainEvents(db: DbOrTx, events: DomainEvent[]) {
  if (events.length === 0) return [];
  const rows = await db
    .insert(outboxMessages)
    .values(
      events.map((event) => ({
        organizationId: event.organizationId,
        channel: "webhook" as const,
        topic: event.type,
        payload: {
          type: event.type,
          occurredAt: (event.occurredAt ?? new Date()).toISOString(),
          data: event.data,
        },
      })),
    )
    .returning({ id: outboxMessages.id, organizationId: outboxMessages.organizationId });
  await enqueueMany(
    db,
    WEBHOOK_EVENT_QUEUE,
    rows.map((r) => ({ organizationId: r.organizationId, payload: { eventId: r.id }, dedupeKey: r.id })),
  );
  return rows.map((r) => r.id);
}
