import { bigint, index, jsonb, pgEnum, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { id } from "./_shared";

export const auditActorKindEnum = pgEnum("audit_actor_kind", [
  "user",
  "api_key",
  "job",
  "system",
  "anonymous",
]);

/**
 * The audit trail: one row per mutation, append-only (a trigger refuses UPDATE, DELETE and TRUNCATE) and
 * hash-chained per organization: `hash` = SHA-256 of the row's canonical fields and `prev_hash`, `seq` counts
 * 1, 2, 3... within the chain. `organization_id` null is the platform chain (sign-ups, platform sign-in mail,
 * scheduled jobs that span tenants). No foreign key: the trail outlives what it describes.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: id(),
    organizationId: uuid(),
    seq: bigint({ mode: "number" }).notNull(),
    actorKind: auditActorKindEnum().notNull(),
    /** User id, API key id or job name; null for anonymous callers. */
    actorId: text(),
    /** Readable actor: an email, a key's name, "job:outbox". */
    actorLabel: text(),
    /** What happened, e.g. the procedure path "organization.updateProfile" or "job.reservations". */
    action: text().notNull(),
    resourceType: text(),
    resourceId: text(),
    /** Redacted request input, resource before and after (secrets and identity numbers removed). */
    input: jsonb(),
    before: jsonb(),
    after: jsonb(),
    ip: text(),
    requestId: text(),
    createdAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
    prevHash: text(),
    hash: text().notNull(),
  },
  (t) => [
    unique("audit_events_chain_seq").on(t.organizationId, t.seq).nullsNotDistinct(),
    index().on(t.organizationId, t.createdAt),
    index().on(t.organizationId, t.action),
  ],
);

/**
 * The newest link of each chain ("platform" or the organization id). Appends lock this row, so concurrent
 * appends queue instead of forking the chain, and verification compares it with the last row to notice
 * records removed from the end.
 */
export const auditChainHeads = pgTable("audit_chain_heads", {
  chain: text().primaryKey(),
  organizationId: uuid(),
  lastSeq: bigint({ mode: "number" }).notNull().default(0),
  lastHash: text(),
});

/**
 * A record on its way into its chain. The transaction that makes a change writes its record here, with the
 * record's canonical text in three pieces around the sequence number and previous hash, which only the head
 * knows; the deferred trigger `audit_appends_link` (migration 0045) links it at COMMIT: it locks the chain's
 * head, hashes, appends to `audit_events` and deletes this row. A busy chain's head is so locked only while a
 * COMMIT runs, never across round trips to the app, and a record still commits or rolls back with its change.
 * Empty outside an open transaction.
 */
export const auditAppends = pgTable("audit_appends", {
  id: id(),
  /** Its chain: the organization's, or the platform's when null (the trigger derives it from this alone). */
  organizationId: uuid(),
  actorKind: auditActorKindEnum().notNull(),
  actorId: text(),
  actorLabel: text(),
  action: text().notNull(),
  resourceType: text(),
  resourceId: text(),
  input: jsonb(),
  before: jsonb(),
  after: jsonb(),
  ip: text(),
  requestId: text(),
  createdAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
  /** The canonical text before the previous hash, between it and the sequence number, and after that. */
  canonicalHead: text().notNull(),
  canonicalMiddle: text().notNull(),
  canonicalTail: text().notNull(),
});
