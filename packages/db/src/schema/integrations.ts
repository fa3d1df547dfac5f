import { relations, sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt } from "./_shared";
import { users } from "./auth";
import { outboxMessages } from "./outbox";
import { organizations } from "./tenancy";

const orgRef = () =>
  uuid()
    .notNull()
    .references(() => organizations.id, { onDelete: "cascade" });

/**
 * Keys for the public REST API. The full key (`<prefix>_<secret>`) is shown once at creation; only its SHA-256
 * is stored. The prefix (e.g. `cs_live_ab12cd34`) is unique, visible in the dashboard and used to find the row.
 */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: id(),
    organizationId: orgRef(),
    name: text().notNull(),
    prefix: text().notNull().unique(),
    /** Hex SHA-256 of the whole key; compared in constant time. */
    secretHash: text().notNull(),
    scopes: text().array().notNull(),
    /** Requests allowed per window; null means the plan's default. */
    rateLimit: integer(),
    expiresAt: timestamp({ withTimezone: true, mode: "date" }),
    revokedAt: timestamp({ withTimezone: true, mode: "date" }),
    lastUsedAt: timestamp({ withTimezone: true, mode: "date" }),
    requestCount: integer().notNull().default(0),
    createdBy: text().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    index().on(t.organizationId, t.createdAt),
    check("api_keys_rate_limit_positive", sql`coalesce(${t.rateLimit}, 1) > 0`),
  ],
);

/**
 * One row per authenticated REST request, appended instead of updating the key's row, so concurrent requests with
 * one key do not queue on its row lock. A key's shown totals are `request_count + count(uses)` and
 * `greatest(last_used_at, max(used_at))`; the api-key-usage job folds the uses into those columns and deletes them
 * in one statement.
 */
export const apiKeyUses = pgTable(
  "api_key_uses",
  {
    id: id(),
    organizationId: orgRef(),
    apiKeyId: uuid()
      .notNull()
      .references(() => apiKeys.id, { onDelete: "cascade" }),
    usedAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [index().on(t.apiKeyId)],
);

/** Where an organization wants its events POSTed. The signing secret is sealed (AES-256-GCM), never stored plain. */
export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    id: id(),
    organizationId: orgRef(),
    url: text().notNull(),
    description: text(),
    events: text().array().notNull(),
    secretSealed: text().notNull(),
    enabled: boolean().notNull().default(true),
    createdBy: text().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index().on(t.organizationId, t.createdAt)],
);

export const webhookDeliveryStatusEnum = pgEnum("webhook_delivery_status", [
  "pending",
  "succeeded",
  "failed",
  "dead",
]);

/**
 * One event for one endpoint. `eventId` is the outbox message the event came from (or a fresh id for a test
 * event); unique per endpoint, so fanning an event out twice creates no second delivery. The payload is copied
 * so redelivery sends exactly what was sent before. Its schedule and lease are a job in the `webhooks` queue.
 */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: id(),
    organizationId: orgRef(),
    endpointId: uuid()
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    eventId: uuid().notNull(),
    outboxMessageId: uuid().references(() => outboxMessages.id, { onDelete: "set null" }),
    eventType: text().notNull(),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    status: webhookDeliveryStatusEnum().notNull().default("pending"),
    /** Attempts in the current round; a manual redelivery starts a new round. */
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
    lastResponseCode: integer(),
    lastError: text(),
    deliveredAt: timestamp({ withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique().on(t.endpointId, t.eventId),
    index().on(t.status, t.nextAttemptAt),
    index().on(t.organizationId, t.createdAt),
  ],
);

/** Every HTTP attempt of a delivery: the delivery log the dashboard shows. */
export const webhookDeliveryAttempts = pgTable(
  "webhook_delivery_attempts",
  {
    id: id(),
    organizationId: orgRef(),
    deliveryId: uuid()
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: "cascade" }),
    /** Null when no response came (time-out, refused connection). */
    responseCode: integer(),
    /** The first characters of the response body. */
    responseBody: text(),
    error: text(),
    durationMs: integer().notNull(),
    manual: boolean().notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.organizationId, t.deliveryId, t.createdAt)],
);

export const webhookEndpointsRelations = relations(webhookEndpoints, ({ many }) => ({
  deliveries: many(webhookDeliveries),
}));
export const webhookDeliveriesRelations = relations(webhookDeliveries, ({ one, many }) => ({
  endpoint: one(webhookEndpoints, {
    fields: [webhookDeliveries.endpointId],
    references: [webhookEndpoints.id],
  }),
  attemptLog: many(webhookDeliveryAttempts),
}));
export const webhookDeliveryAttemptsRelations = relations(webhookDeliveryAttempts, ({ one }) => ({
  delivery: one(webhookDeliveries, {
    fields: [webhookDeliveryAttempts.deliveryId],
    references: [webhookDeliveries.id],
  }),
}));
