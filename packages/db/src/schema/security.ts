import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { createdAt } from "./_shared";
import { apiKeys } from "./integrations";
import { organizations } from "./tenancy";

/**
 * A saved custom domain and the proof that the organization controls it. The storefront is served on the domain
 * only while `verifiedAt` is set for the domain currently saved; a re-check that fails clears it.
 */
export const customDomainVerifications = pgTable(
  "custom_domain_verifications",
  {
    organizationId: uuid()
      .primaryKey()
      .references(() => organizations.id, { onDelete: "cascade" }),
    domain: text().notNull(),
    /** The random value the owner publishes in a TXT record at `_cannasaas-verify.<domain>`. */
    token: text().notNull(),
    /** The storefront host a CNAME may point at instead (`<slug>.<root domain>` when the domain was saved). */
    cnameTarget: text().notNull(),
    verifiedAt: timestamp({ withTimezone: true, mode: "date" }),
    lastCheckedAt: timestamp({ withTimezone: true, mode: "date" }),
    /** Why the last check failed, in words for the owner; null after a success. */
    lastError: text(),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.domain), index().on(t.lastCheckedAt)],
);

/**
 * One `Idempotency-Key` per API key: the first request's fingerprint and the response it committed, replayed
 * to a retry with the same key and body until `expiresAt`.
 */
export const apiIdempotencyKeys = pgTable(
  "api_idempotency_keys",
  {
    apiKeyId: uuid()
      .notNull()
      .references(() => apiKeys.id, { onDelete: "cascade" }),
    key: text().notNull(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    /** SHA-256 of method, path and body: the same key with another request is refused. */
    requestHash: text().notNull(),
    status: integer().notNull(),
    response: jsonb().notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.apiKeyId, t.key] }), index().on(t.organizationId, t.expiresAt)],
);
