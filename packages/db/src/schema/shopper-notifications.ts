import { index, pgTable, text, unique, uuid } from "drizzle-orm/pg-core";
import { createdAt, id } from "./_shared";
import { outboxMessages } from "./outbox";
import { orders } from "./orders";
import { organizations } from "./tenancy";

/**
 * One row per (order, step, channel) a shopper was told about. The unique key makes each status message
 * once-only: a retried or repeated status change finds its row and sends nothing again.
 */
export const shopperNotifications = pgTable(
  "shopper_notifications",
  {
    id: id(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    orderId: uuid()
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    /** The step told: an order status ("confirmed", "ready", ...) or "delivered". */
    step: text().notNull(),
    /** The channel it went through ("email" today). */
    channel: text().notNull(),
    outboxId: uuid().references(() => outboxMessages.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [unique().on(t.orderId, t.step, t.channel), index().on(t.organizationId, t.createdAt)],
);
