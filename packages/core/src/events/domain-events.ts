import type { DbOrTx } from "@cannasaas/db/client";
import { outboxMessages } from "@cannasaas/db/schema";
import { enqueueMany } from "../queue/enqueue";
import { together } from "../together";

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
  // The ids are chosen here, so the events and their jobs need not wait for each other (see `together`).
  const rows = events.map((event) => ({ id: crypto.randomUUID(), event }));
  await together(
    db,
    () =>
      db.insert(outboxMessages).values(
        rows.map(({ id, event }) => ({
          id,
          organizationId: event.organizationId,
          channel: "webhook" as const,
          topic: event.type,
          payload: {
            type: event.type,
            occurredAt: (event.occurredAt ?? new Date()).toISOString(),
            data: event.data,
          },
        })),
      ),
    () =>
      enqueueMany(
        db,
        WEBHOOK_EVENT_QUEUE,
        rows.map(({ id, event }) => ({
          organizationId: event.organizationId,
          payload: { eventId: id },
          dedupeKey: id,
        })),
      ),
  );
  return rows.map((r) => r.id);
}
