import { index, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { createdAt, id } from "./_shared";
import { customers, organizations } from "./tenancy";

/**
 * A shopper's browser that agreed to web push from one store. The endpoint is the push service's address for
 * that browser; it is unique per store, so subscribing again (a new key pair, another account on the same
 * browser) replaces the row. A push service answering 404/410 deletes it.
 */
export const pushSubscriptions = pgTable(
  "push_subscriptions",
  {
    id: id(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    customerId: uuid()
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    endpoint: text().notNull(),
    /** The browser's P-256 public key and auth secret (base64url), used to encrypt each payload. */
    p256dh: text().notNull(),
    auth: text().notNull(),
    createdAt: createdAt(),
    lastSuccessAt: timestamp({ withTimezone: true, mode: "date" }),
  },
  (t) => [unique().on(t.organizationId, t.endpoint), index().on(t.organizationId, t.customerId)],
);
