import { and, arrayContains, eq, inArray, isNull, lte, or, sql } from "drizzle-orm";
import {
  outboxMessages,
  webhookDeliveries,
  webhookDeliveryAttempts,
  webhookEndpoints,
} from "@cannasaas/db/schema";
import { retryDelayMs } from "../outbox/email";
import type { WebhookDeps } from "./endpoints";
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signWebhook } from "./signature";

export const MAX_WEBHOOK_ATTEMPTS = 8;
export const WEBHOOK_TIMEOUT_MS = 10_000;
const LEASE_MS = 60_000;
const BODY_EXCERPT = 1_000;

/** The body receivers get: the event id (stable across retries and redeliveries), its type, time and data. */
export type WebhookPayload = {
  id: string;
  type: string;
  occurredAt: string;
  organizationId: string;
  data: Record<string, unknown>;
};

/**
 * Turns pending `webhook` outbox events into one delivery per subscribed, enabled endpoint of the same
 * organization. The (endpoint, event) pair is unique, so a fan-out that runs twice creates nothing new.
 */
export async function fanOutWebhookEvents(
  deps: WebhookDeps,
  options: { limit?: number; organizationId?: string } = {},
) {
  const now = deps.clock();
  const due = and(
    eq(outboxMessages.channel, "webhook"),
    options.organizationId ? eq(outboxMessages.organizationId, options.organizationId) : undefined,
    inArray(outboxMessages.status, ["pending", "failed"]),
    lte(outboxMessages.nextAttemptAt, now),
    or(isNull(outboxMessages.lockedUntil), lte(outboxMessages.lockedUntil, now)),
  );
  const events = await deps.db
    .select({ id: outboxMessages.id })
    .from(outboxMessages)
    .where(due)
    .orderBy(outboxMessages.createdAt)
    .limit(options.limit ?? 200);
  let deliveries = 0;
  for (const { id } of events) {
    deliveries += await deps.db.transaction(async (tx) => {
      const [event] = await tx
        .update(outboxMessages)
        .set({
          lockedUntil: new Date(now.getTime() + LEASE_MS),
          attempts: sql`${outboxMessages.attempts} + 1`,
        })
        .where(and(eq(outboxMessages.id, id), due))
        .returning();
      if (!event?.organizationId) return 0;
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
      await tx
        .update(outboxMessages)
        .set({
          status: "sent",
          sentAt: now,
          deliveredVia: "webhook-fanout",
          lockedUntil: null,
          lastError: null,
        })
        .where(eq(outboxMessages.id, event.id));
      return inserted.length;
    });
  }
  return { events: events.length, deliveries };
}

async function attempt(
  deps: WebhookDeps,
  delivery: typeof webhookDeliveries.$inferSelect,
  endpoint: { url: string; secretSealed: string },
) {
  const body = JSON.stringify(delivery.payload);
  const timeoutMs = deps.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
  const timestamp = Math.floor(deps.clock().getTime() / 1000);
  const started = performance.now();
  try {
    const response = await (deps.fetch ?? fetch)(endpoint.url, {
      method: "POST",
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
      headers: {
        "content-type": "application/json",
        "user-agent": "CannaSaaS-Webhooks/1.0",
        [SIGNATURE_HEADER]: signWebhook(deps.secrets.open(endpoint.secretSealed), body, timestamp),
        [EVENT_HEADER]: delivery.eventType,
        [DELIVERY_HEADER]: delivery.id,
      },
      body,
    });
    const text = await response.text().catch(() => "");
    return {
      ok: response.status >= 200 && response.status < 300,
      responseCode: response.status,
      responseBody: text.slice(0, BODY_EXCERPT),
      error: response.status >= 200 && response.status < 300 ? null : `HTTP ${response.status}`,
      durationMs: Math.round(performance.now() - started),
    };
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : "";
    return {
      ok: false,
      responseCode: null,
      responseBody: null,
      error: timedOut
        ? `No response within ${timeoutMs / 1000} s`
        : `${error instanceof Error ? error.message : String(error)}${cause}`.slice(0, 500),
      durationMs: Math.round(performance.now() - started),
    };
  }
}

/**
 * POSTs due deliveries. Each is claimed with a lease by a conditional update (two drains never send the same
 * attempt), every attempt is logged, failures retry with exponential backoff and jitter, and after
 * MAX_WEBHOOK_ATTEMPTS a delivery is dead until someone redelivers it.
 */
export async function deliverDueWebhooks(
  deps: WebhookDeps,
  options: { limit?: number; ids?: string[]; manual?: boolean; organizationId?: string } = {},
) {
  const now = deps.clock();
  const due = and(
    options.organizationId ? eq(webhookDeliveries.organizationId, options.organizationId) : undefined,
    inArray(webhookDeliveries.status, ["pending", "failed"]),
    lte(webhookDeliveries.nextAttemptAt, now),
    or(isNull(webhookDeliveries.lockedUntil), lte(webhookDeliveries.lockedUntil, now)),
    options.ids?.length ? inArray(webhookDeliveries.id, options.ids) : undefined,
  );
  const candidates = await deps.db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .where(and(due, eq(webhookEndpoints.enabled, true)))
    .orderBy(webhookDeliveries.nextAttemptAt)
    .limit(options.limit ?? 100);
  let succeeded = 0;
  let failed = 0;
  let dead = 0;
  for (const { id } of candidates) {
    const [claimed] = await deps.db
      .update(webhookDeliveries)
      .set({
        lockedUntil: new Date(now.getTime() + LEASE_MS),
        attempts: sql`${webhookDeliveries.attempts} + 1`,
      })
      .where(and(eq(webhookDeliveries.id, id), due))
      .returning();
    if (!claimed) continue;
    const [endpoint] = await deps.db
      .select({ url: webhookEndpoints.url, secretSealed: webhookEndpoints.secretSealed })
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.id, claimed.endpointId));
    if (!endpoint) continue;
    const result = await attempt(deps, claimed, endpoint);
    const isDead = !result.ok && claimed.attempts >= MAX_WEBHOOK_ATTEMPTS;
    await deps.db.transaction(async (tx) => {
      await tx.insert(webhookDeliveryAttempts).values({
        organizationId: claimed.organizationId,
        deliveryId: claimed.id,
        responseCode: result.responseCode,
        responseBody: result.responseBody,
        error: result.error,
        durationMs: result.durationMs,
        manual: options.manual ?? false,
      });
      await tx
        .update(webhookDeliveries)
        .set({
          status: result.ok ? "succeeded" : isDead ? "dead" : "failed",
          lockedUntil: null,
          lastResponseCode: result.responseCode,
          lastError: result.error,
          ...(result.ok
            ? { deliveredAt: deps.clock() }
            : { nextAttemptAt: new Date(deps.clock().getTime() + retryDelayMs(claimed.attempts)) }),
        })
        .where(eq(webhookDeliveries.id, claimed.id));
    });
    if (result.ok) succeeded++;
    else if (isDead) dead++;
    else failed++;
    if (!result.ok)
      deps.log?.warn(
        { deliveryId: claimed.id, attempts: claimed.attempts, dead: isDead, err: result.error },
        "webhook delivery failed",
      );
  }
  return { succeeded, failed, dead, examined: candidates.length };
}

/** The cron job (and the dashboard's "deliver now" for one organization): fan new events out, then deliver what is due. */
export async function runWebhookDeliveries(
  deps: WebhookDeps,
  options: { limit?: number; organizationId?: string } = {},
) {
  const fanOut = await fanOutWebhookEvents(deps, options);
  const delivered = await deliverDueWebhooks(deps, options);
  return { fannedOut: fanOut, ...delivered };
}
