import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt } from "./_shared";
import { users } from "./auth";
import { products } from "./catalog";
import { orders } from "./orders";
import { customers, organizations } from "./tenancy";

const orgRef = () =>
  uuid()
    .notNull()
    .references(() => organizations.id, { onDelete: "cascade" });

export const reviewStatusEnum = pgEnum("review_status", ["pending", "approved", "rejected"]);

/** A verified purchaser's review of a product: one per product per customer, published after moderation. */
export const productReviews = pgTable(
  "product_reviews",
  {
    id: id(),
    organizationId: orgRef(),
    productId: uuid()
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    customerId: uuid()
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    /** The completed order that proves the purchase. */
    orderId: uuid()
      .notNull()
      .references(() => orders.id, { onDelete: "restrict" }),
    rating: integer().notNull(),
    title: text(),
    body: text().notNull(),
    status: reviewStatusEnum().notNull().default("pending"),
    /** Words that read as medical claims, for the moderator; empty when none were found. */
    flaggedTerms: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    rejectionReason: text(),
    moderatedByUserId: text().references(() => users.id, { onDelete: "set null" }),
    moderatedAt: timestamp({ withTimezone: true, mode: "date" }),
    ownerReply: text(),
    ownerReplyAt: timestamp({ withTimezone: true, mode: "date" }),
    helpfulCount: integer().notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique().on(t.organizationId, t.productId, t.customerId),
    index().on(t.organizationId, t.productId, t.status),
    index().on(t.organizationId, t.status, t.createdAt),
    check("product_reviews_rating_range", sql`${t.rating} between 1 and 5`),
    check("product_reviews_helpful_non_negative", sql`${t.helpfulCount} >= 0`),
  ],
);

/** One "helpful" vote per shopper per review. */
export const reviewVotes = pgTable(
  "review_votes",
  {
    organizationId: orgRef(),
    reviewId: uuid()
      .notNull()
      .references(() => productReviews.id, { onDelete: "cascade" }),
    customerId: uuid()
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.reviewId, t.customerId] }), index().on(t.organizationId, t.reviewId)],
);

/** Saved products; the back-in-stock and price-drop automations read them (with `product_alert_events`). */
export const wishlistItems = pgTable(
  "wishlist_items",
  {
    id: id(),
    organizationId: orgRef(),
    customerId: uuid()
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    productId: uuid()
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [unique().on(t.customerId, t.productId), index().on(t.organizationId, t.customerId, t.createdAt)],
);

export const productAlertKindEnum = pgEnum("product_alert_kind", ["restocked", "price_dropped"]);

/**
 * What happened to a product that shoppers may have saved: it came back into stock (no sellable units across the
 * store's locations, then some) or its lowest variant price went down. Written in the transaction of the stock
 * movement or price change; the back-in-stock and price-drop automations read it.
 */
export const productAlertEvents = pgTable(
  "product_alert_events",
  {
    id: id(),
    organizationId: orgRef(),
    productId: uuid()
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    kind: productAlertKindEnum().notNull(),
    /** The lowest variant price before and after a price drop (null for a restock). */
    oldPriceCents: integer(),
    newPriceCents: integer(),
    occurredAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.organizationId, t.occurredAt),
    check(
      "product_alert_events_prices",
      sql`(${t.kind} = 'price_dropped') = (${t.oldPriceCents} is not null and ${t.newPriceCents} is not null)`,
    ),
  ],
);
