import { and, arrayContains, eq } from "drizzle-orm";
import {
  outboxMessages,
  webhookDeliveries,
  webhookDeliveryAttempts,
  webhookEndpoints,
} from "@cannasaas/db/schema";
import { createSafeHttpClient, type SafeHttpClient } from "@cannasaas/integrations/http";
import { WEBHOOK_EVENT_QUEUE } from "../events/domain-events";
import { RetryLater, retryAfterAt } from "../queue/backoff";
import { defineQueue } from "../queue/define";
import { drainQueue } from "../queue/drain";
import { enqueueMany } from "../queue/enqueue";
import { markOutboxFailed, markOutboxSent } from "../outbox/status";
import { validateWebhookUrl, type WebhookDeps } from "./endpoints";
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signWebhook } from "./signature";

export const MAX_WEBHOOK_ATTEMPTS = 8;
export const WEBHOOK_TIMEOUT_MS = 10_000;
const BODY_EXCERPT = 1_000;
/** A delivery to a disabled endpoint waits this long before looking again (it is sent once re-enabled). */
const DISABLED_RECHECK_MS = 15 * 60_000;

/** The body receivers get: the event id (stable across retries and redeliveries), its type, time and data. */
export type WebhookPayload = {
  id: string;
  type: string;
  occurredAt: string;
  organizationId: string;
  data: Record<string, unknown>;
};

type DeliveryDeps = WebhookDeps & { manualAttempt?: boolean };

/**
 * Turns a `webhook` outbox event into one delivery per subscribed, enabled endpoint of the same organization, and
 * queues each delivery, in one transaction. The (endpoint, event) pair is unique, so a fan-out that runs twice
 * creates nothing new.
 */
export const webhookEventQueue = defineQueue<{ eventId: string }, WebhookDeps>({
  name: WEBHOOK_EVENT_QUEUE,
  description: "Domain events fanned out to the organization's subscribed webhook endpoints.",
  concurrency: 2,
  maxAttempts: MAX_WEBHOOK_ATTEMPTS,
  leaseMs: 60_000,
  handle: async (deps, job) =>
    deps.db.transaction(async (tx) => {
      const [event] = await tx
        .select()
        .from(outboxMessages)
        .where(eq(outboxMessages.id, job.payload.eventId))
        .for("update");
      if (!event?.organizationId || event.status === "sent") return;
      const now = deps.clock();
      const stored = event.payload as { type?: string; occurredAt?: string; data?: Record<string, unknown> };
      const payload: WebhookPayload = {
        id: event.id,
        type: event.topic,
        occurredAt: stored.occurredAt ?? event.createdAt.toISOString(),
        organizationId: event.organizationId,
        data: stored.data ?? {},
      };
      const endpoints = await tx
        .select({ id: webhookEndpoints.id })
        .from(webhookEndpoints)
        .where(
          and(
            eq(webhookEndpoints.organizationId, event.organizationId),
            eq(webhookEndpoints.enabled, true),
            arrayContains(webhookEndpoints.events, [event.topic]),
          ),
        );
      const inserted = endpoints.length
        ? await tx
            .insert(webhookDeliveries)
            .values(
              endpoints.map((e) => ({
                organizationId: event.organizationId!,
                endpointId: e.id,
                eventId: event.id,
                outboxMessageId: event.id,
                eventType: event.topic,
                payload,
                nextAttemptAt: now,
              })),
            )
            .onConflictDoNothing()
            .returning({ id: webhookDeliveries.id })
        : [];
      await enqueueMany(
        tx,
        webhookDeliveryQueue.name,
        inserted.map((d) => ({
          organizationId: event.organizationId,
          payload: { deliveryId: d.id },
          dedupeKey: d.id,
        })),
      );
      await markOutboxSent(tx, event.id, { at: now, via: "webhook-fanout", attempts: job.attempts });
      return { counts: { deliveries: inserted.length } };
    }),
  onFailure: (deps, job, outcome) => markOutboxFailed(deps.db, job.payload.eventId, job.attempts, outcome),
});

/**
 * POSTs one delivery. Every attempt is written to the delivery log; a receiver that answers 429 or 503 with
 * Retry-After is tried again when it asked, other failures back off with jitter, and after MAX_WEBHOOK_ATTEMPTS
 * the delivery is dead until someone redelivers it.
 */
export const webhookDeliveryQueue = defineQueue<{ deliveryId: string }, DeliveryDeps>({
  name: "webhooks",
  description: "Signed POSTs of events to webhook endpoints, one job per delivery.",
  concurrency: 8,
  maxAttempts: MAX_WEBHOOK_ATTEMPTS,
  // Longer than a receiver may take to answer.
  leaseMs: 60_000,
  handle: async (deps, job) => {
    const [row] = await deps.db
      .select({ delivery: webhookDeliveries, endpoint: webhookEndpoints })
      .from(webhookDeliveries)
      .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
      .where(eq(webhookDeliveries.id, job.payload.deliveryId));
    if (!row || row.delivery.status === "succeeded") return;
    if (!row.endpoint.enabled) {
      return {
        retryAt: new Date(deps.clock().getTime() + DISABLED_RECHECK_MS),
        reason: "The endpoint is disabled.",
      };
    }
    const { delivery } = row;
    const result = await attempt(deps, delivery, row.endpoint);
    await deps.db.transaction(async (tx) => {
      await tx.insert(webhookDeliveryAttempts).values({
        organizationId: delivery.organizationId,
        deliveryId: delivery.id,
        responseCode: result.responseCode,
        responseBody: result.responseBody,
        error: result.error,
        durationMs: result.durationMs,
        manual: deps.manualAttempt ?? false,
      });
      await tx
        .update(webhookDeliveries)
        .set({
          attempts: job.attempts,
          lastResponseCode: result.responseCode,
          lastError: result.error,
          ...(result.ok ? { status: "succeeded", deliveredAt: deps.clock() } : {}),
        })
        .where(eq(webhookDeliveries.id, delivery.id));
    });
    if (result.ok) return;
    const error = result.error ?? "Delivery failed";
    const retryAt =
      result.responseCode === 429 || result.responseCode === 503
        ? retryAfterAt(result.retryAfter, deps.clock())
        : null;
    throw retryAt ? new RetryLater(error, retryAt) : new Error(error);
  },
  onFailure: async (deps, job, outcome) => {
    await deps.db
      .update(webhookDeliveries)
      .set({ status: outcome.dead ? "dead" : "failed", nextAttemptAt: outcome.runAt })
      .where(eq(webhookDeliveries.id, job.payload.deliveryId));
  },
});

/** Fans due events out to deliveries (optionally one organization's). */
export async function fanOutWebhookEvents(
  deps: WebhookDeps,
  options: { limit?: number; organizationId?: string; deadline?: Date } = {},
) {
  const result = await drainQueue(deps, webhookEventQueue, {
    limit: options.limit ?? 200,
    organizationId: options.organizationId,
    deadline: options.deadline,
  });
  return { events: result.examined, deliveries: result.counts.deliveries ?? 0 };
}

/** What the delivery log stores for a failed attempt: no socket errors or timings that would map a network. */
export const WEBHOOK_UNREACHABLE = "The endpoint could not be reached.";
export const WEBHOOK_REFUSED_PRIVATE = "Refused: the endpoint resolves to a private address.";
export const WEBHOOK_REFUSED_URL = "Refused: the endpoint URL is not allowed.";

/** The client deliveries use unless deps give one: system DNS, loopback only when configuration allows it. */
function webhookHttp(deps: WebhookDeps): SafeHttpClient {
  return deps.http ?? createSafeHttpClient({ allowLoopback: deps.allowInsecureWebhookUrls === true });
}

async function attempt(
  deps: WebhookDeps,
  delivery: typeof webhookDeliveries.$inferSelect,
  endpoint: { url: string; secretSealed: string },
) {
  const failed = (error: string) => ({
    ok: false,
    responseCode: null,
    responseBody: null,
    error,
    // A duration would tell a closed port from a filtered one.
    durationMs: 0,
    retryAfter: null,
  });
  // Stored URLs are checked again: rows saved under older rules, or copied between environments.
  try {
    validateWebhookUrl(endpoint.url, { allowInsecureLoopback: deps.allowInsecureWebhookUrls });
  } catch {
    return failed(WEBHOOK_REFUSED_URL);
  }
  const body = JSON.stringify(delivery.payload);
  const timestamp = Math.floor(deps.clock().getTime() / 1000);
  const started = performance.now();
  const response = await webhookHttp(deps).post(endpoint.url, {
    timeoutMs: deps.timeoutMs ?? WEBHOOK_TIMEOUT_MS,
    headers: {
      "content-type": "application/json",
      "user-agent": "CannaSaaS-Webhooks/1.0",
      [SIGNATURE_HEADER]: signWebhook(deps.secrets.open(endpoint.secretSealed), body, timestamp),
      [EVENT_HEADER]: delivery.eventType,
      [DELIVERY_HEADER]: delivery.id,
    },
    body,
  });
  if (!response.ok)
    return failed(response.reason === "refused" ? WEBHOOK_REFUSED_PRIVATE : WEBHOOK_UNREACHABLE);
  // Redirects are not followed: a 3xx is a failed attempt like any other non-2xx answer.
  const ok = response.status >= 200 && response.status < 300;
  return {
    ok,
    responseCode: response.status,
    responseBody: response.body.slice(0, BODY_EXCERPT),
    error: ok ? null : `HTTP ${response.status}`,
    durationMs: Math.round(performance.now() - started),
    retryAfter: response.headers["retry-after"] ?? null,
  };
}

/** POSTs due deliveries (all, one organization's, or the given ones: "redeliver" and "send test" pass theirs). */
export async function deliverDueWebhooks(
  deps: WebhookDeps,
  options: {
    limit?: number;
    ids?: string[];
    manual?: boolean;
    organizationId?: string;
    deadline?: Date;
  } = {},
) {
  const result = await drainQueue({ ...deps, manualAttempt: options.manual }, webhookDeliveryQueue, {
    limit: options.limit ?? 100,
    organizationId: options.organizationId,
    dedupeKeys: options.ids,
    deadline: options.deadline,
  });
  return { succeeded: result.succeeded, failed: result.failed, dead: result.dead, examined: result.examined };
}

/** The cron job (and the dashboard's "deliver now" for one organization): fan new events out, then deliver what is due. */
export async function runWebhookDeliveries(
  deps: WebhookDeps,
  options: { limit?: number; organizationId?: string; deadline?: Date } = {},
) {
  const fanOut = await fanOutWebhookEvents(deps, options);
  const delivered = await deliverDueWebhooks(deps, options);
  return { fannedOut: fanOut, ...delivered };
}
