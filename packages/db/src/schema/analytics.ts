import { date, index, integer, pgEnum, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { createdAt, id } from "./_shared";
import { fulfillmentEnum } from "./enums";
import { productVariants } from "./catalog";
import { customers, locations, organizations } from "./tenancy";

/**
 * Rollups the reports read instead of scanning orders. A sale is an order in status `completed`, counted on the
 * calendar day it was completed in its location's time zone; a refund takes it back out of that same day. The
 * order lifecycle keeps these rows current in the transaction that changes the order, and a rebuild (seed,
 * repair) derives them from the orders with the same definitions. No CHECK keeps figures non-negative: Postgres
 * checks the proposed row of an upsert before it merges, and a refund proposes a negative one.
 */
const orgRef = () =>
  uuid()
    .notNull()
    .references(() => organizations.id, { onDelete: "cascade" });

/** Completed sales per day, location, fulfilment and the staff member who handed the order over. */
export const salesDaily = pgTable(
  "sales_daily",
  {
    id: id(),
    organizationId: orgRef(),
    day: date({ mode: "string" }).notNull(),
    locationId: uuid()
      .notNull()
      .references(() => locations.id, { onDelete: "cascade" }),
    fulfillment: fulfillmentEnum().notNull(),
    /** Who completed the order (a user id, no foreign key: the figures outlive a departed employee). */
    completedByUserId: text(),
    orders: integer().notNull().default(0),
    units: integer().notNull().default(0),
    subtotalCents: integer().notNull().default(0),
    discountCents: integer().notNull().default(0),
    deliveryFeeCents: integer().notNull().default(0),
    exciseCents: integer().notNull().default(0),
    localCannabisCents: integer().notNull().default(0),
    salesTaxCents: integer().notNull().default(0),
    totalCents: integer().notNull().default(0),
  },
  (t) => [
    unique("sales_daily_grain")
      .on(t.organizationId, t.day, t.locationId, t.fulfillment, t.completedByUserId)
      .nullsNotDistinct(),
  ],
);

/** Completed units and revenue per day, location and product variant. */
export const salesDailyItems = pgTable(
  "sales_daily_items",
  {
    id: id(),
    organizationId: orgRef(),
    day: date({ mode: "string" }).notNull(),
    locationId: uuid()
      .notNull()
      .references(() => locations.id, { onDelete: "cascade" }),
    variantId: uuid()
      .notNull()
      .references(() => productVariants.id, { onDelete: "cascade" }),
    /** Order lines (one per order), so "in how many orders" needs no scan either. */
    lines: integer().notNull().default(0),
    units: integer().notNull().default(0),
    subtotalCents: integer().notNull().default(0),
    totalCents: integer().notNull().default(0),
  },
  (t) => [
    unique("sales_daily_items_grain").on(t.organizationId, t.day, t.locationId, t.variantId),
    index().on(t.organizationId, t.variantId, t.day),
  ],
);

/** Each customer's completed purchases: first and last, count and value (lifetime value, churn risk). */
export const customerSales = pgTable(
  "customer_sales",
  {
    organizationId: orgRef(),
    customerId: uuid()
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    /** The month (first day, store time zone) of the first completed order: the customer's cohort. */
    firstMonth: date({ mode: "string" }),
    firstOrderAt: timestamp({ withTimezone: true, mode: "date" }),
    lastOrderAt: timestamp({ withTimezone: true, mode: "date" }),
    orders: integer().notNull().default(0),
    totalCents: integer().notNull().default(0),
    /**
     * When a repeat customer counts as at risk of churning: the last order plus 1.95 of their usual gaps (at least
     * a day each). Null under two orders. Stored so churn risk reads a range of an index, not a score per customer.
     */
    atRiskFrom: timestamp({ withTimezone: true, mode: "date" }),
  },
  (t) => [
    unique("customer_sales_customer").on(t.organizationId, t.customerId),
    index().on(t.organizationId, t.firstMonth),
    index().on(t.organizationId, t.atRiskFrom),
  ],
);

/** Completed orders per customer and month (store time zone): cohort retention reads this. */
export const customerMonthlySales = pgTable(
  "customer_monthly_sales",
  {
    organizationId: orgRef(),
    customerId: uuid()
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    month: date({ mode: "string" }).notNull(),
    orders: integer().notNull(),
    totalCents: integer().notNull(),
  },
  (t) => [
    unique("customer_monthly_sales_grain").on(t.organizationId, t.customerId, t.month),
    index().on(t.organizationId, t.month),
  ],
);

export const analyticsEventTypeEnum = pgEnum("analytics_event_type", [
  "page_view",
  "product_view",
  "add_to_cart",
  "checkout_started",
  "order_placed",
]);
export const ANALYTICS_EVENT_TYPES = analyticsEventTypeEnum.enumValues;
export type AnalyticsEventType = (typeof ANALYTICS_EVENT_TYPES)[number];

/**
 * Storefront events, first-party and anonymous: a random per-tab session id, the page path without its query
 * and, for product events, the product. No user, customer, address or client IP is ever stored here.
 */
export const analyticsEvents = pgTable(
  "analytics_events",
  {
    id: id(),
    organizationId: orgRef(),
    sessionId: uuid().notNull(),
    type: analyticsEventTypeEnum().notNull(),
    path: text(),
    productId: uuid(),
    occurredAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.organizationId, t.occurredAt)],
);

/** Events and distinct sessions per day (organization time zone) and type, written by the rollup job. */
export const analyticsDaily = pgTable(
  "analytics_daily",
  {
    organizationId: orgRef(),
    day: date({ mode: "string" }).notNull(),
    type: analyticsEventTypeEnum().notNull(),
    events: integer().notNull(),
    sessions: integer().notNull(),
  },
  (t) => [unique("analytics_daily_grain").on(t.organizationId, t.day, t.type)],
);
