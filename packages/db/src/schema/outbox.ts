import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { createdAt, id } from "./_shared";
import { organizations } from "./tenancy";

export const outboxChannelEnum = pgEnum("outbox_channel", ["email", "sms", "webhook", "metrc", "push"]);
export const outboxStatusEnum = pgEnum("outbox_status", ["pending", "sent", "failed", "dead"]);

export type EmailPayload = {
  to: string;
  subject: string;
  text: string;
  html?: string;
  from?: string;
  /** Extra header lines, e.g. List-Unsubscribe (RFC 8058) on marketing mail. */
  headers?: Record<string, string>;
  /** Files sent with the message, kept in the outbox row so a retry sends exactly what was written. */
  attachments?: EmailAttachment[];
};

export type EmailAttachment = { filename: string; contentType: string; contentBase64: string };

/**
 * Side effects written in the same transaction as the business change and delivered by a drain: the record of
 * the message (status, attempts, last error); its schedule and lease are a job in `queue_jobs`.
 * `organizationId` is null only for platform mail (for example a staff password reset).
 */
export const outboxMessages = pgTable(
  "outbox_messages",
  {
    id: id(),
    organizationId: uuid().references(() => organizations.id, { onDelete: "cascade" }),
    channel: outboxChannelEnum().notNull(),
    /** What the message is about, e.g. "auth.verify_email"; used by the dev mailbox and the send log. */
    topic: text().notNull(),
    payload: jsonb().$type<EmailPayload | Record<string, unknown>>().notNull(),
    status: outboxStatusEnum().notNull().default("pending"),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
    lastError: text(),
    /** Which transport delivered it ("smtp", "dev-mailbox"). */
    deliveredVia: text(),
    sentAt: timestamp({ withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.status, t.nextAttemptAt), index().on(t.organizationId, t.createdAt)],
);
