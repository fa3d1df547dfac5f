import { relations, sql } from "drizzle-orm";
import {
  check,
  date,
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
import {
  fulfillmentEnum,
  limitKindEnum,
  orderStatusEnum,
  paymentMethodEnum,
  purchaserTypeEnum,
} from "./enums";
import { users } from "./auth";
import { productVariants } from "./catalog";
import { inventoryLots } from "./inventory";
import { customers, locations, organizations } from "./tenancy";

const orgRef = () =>
  uuid()
    .notNull()
    .references(() => organizations.id, { onDelete: "cascade" });

export const paymentStatusEnum = pgEnum("payment_status", [
  "due_at_handover",
  "authorized",
  "paid",
  "refunded",
]);

export type DeliveryAddress = {
  line1: string;
  line2?: string | null;
  city: string;
  state: string;
  postalCode: string;
  latitude?: number | null;
  longitude?: number | null;
};

/** A shopper's cart: a guest's (by a hashed cookie token) or a customer's; kept for abandoned-cart marketing. */
export const carts = pgTable(
  "carts",
  {
    id: id(),
    organizationId: orgRef(),
    customerId: uuid().references(() => customers.id, { onDelete: "cascade" }),
    guestTokenHash: text(),
    locationId: uuid().references(() => locations.id, { onDelete: "set null" }),
    fulfillment: fulfillmentEnum().notNull().default("pickup"),
    deliveryAddress: jsonb().$type<DeliveryAddress>(),
    /** Set when checkout turns the cart into an order; an ordered cart is never reused. */
    orderedAt: timestamp({ withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique().on(t.organizationId, t.guestTokenHash),
    index().on(t.organizationId, t.customerId),
    index().on(t.organizationId, t.updatedAt),
  ],
);

export const cartItems = pgTable(
  "cart_items",
  {
    id: id(),
    organizationId: orgRef(),
    cartId: uuid()
      .notNull()
      .references(() => carts.id, { onDelete: "cascade" }),
    variantId: uuid()
      .notNull()
      .references(() => productVariants.id, { onDelete: "cascade" }),
    quantity: integer().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique().on(t.cartId, t.variantId),
    index().on(t.organizationId, t.cartId),
    check("cart_items_quantity_range", sql`${t.quantity} between 1 and 99`),
  ],
);

export const orders = pgTable(
  "orders",
  {
    id: id(),
    organizationId: orgRef(),
    /** Per-tenant, sequential, shown to shoppers and reported to METRC. */
    orderNumber: integer().notNull(),
    customerId: uuid()
      .notNull()
      .references(() => customers.id, { onDelete: "restrict" }),
    locationId: uuid()
      .notNull()
      .references(() => locations.id, { onDelete: "restrict" }),
    status: orderStatusEnum().notNull().default("pending"),
    fulfillment: fulfillmentEnum().notNull(),
    purchaserType: purchaserTypeEnum().notNull(),
    paymentMethod: paymentMethodEnum().notNull(),
    paymentStatus: paymentStatusEnum().notNull().default("due_at_handover"),
    /**
     * The debit card staff took at handover, when they recorded it: a keyed HMAC of the store, brand, last four
     * digits and the cardholder's normalized name (`cardFingerprint` in core). Never the digits or the name.
     * Compared, not shown: the same card on a referrer's and a referee's orders refuses the referral reward.
     */
    paymentFingerprint: text(),
    subtotalCents: integer().notNull(),
    discountCents: integer().notNull().default(0),
    deliveryFeeCents: integer().notNull().default(0),
    exciseCents: integer().notNull().default(0),
    localCannabisCents: integer().notNull().default(0),
    salesTaxCents: integer().notNull().default(0),
    totalCents: integer().notNull(),
    deliveryAddress: jsonb().$type<DeliveryAddress>(),
    /** The calendar day of the order in the location's time zone: daily purchase limits are summed over it. */
    localDay: date({ mode: "string" }).notNull(),
    notes: text(),
    placedAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
    /**
     * The pickup time or delivery window the order was placed for, on the location's hours: the order is
     * expected ready (pickup) or on its way (delivery) from `slotStartsAt`. Null on orders from before slots.
     */
    slotStartsAt: timestamp({ withTimezone: true, mode: "date" }),
    slotEndsAt: timestamp({ withTimezone: true, mode: "date" }),
    /** Unconfirmed orders release their reserved stock after this moment. */
    reservationExpiresAt: timestamp({ withTimezone: true, mode: "date" }),
    completedAt: timestamp({ withTimezone: true, mode: "date" }),
    /** Who handed the order over (budtender or driver), for sales by staff member. */
    completedByUserId: text().references(() => users.id, { onDelete: "set null" }),
    cancelledAt: timestamp({ withTimezone: true, mode: "date" }),
    cancelReason: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique().on(t.organizationId, t.orderNumber),
    index().on(t.organizationId, t.customerId, t.localDay),
    index().on(t.organizationId, t.paymentFingerprint),
    index().on(t.organizationId, t.status, t.placedAt),
    // Order history: newest first with a keyset on (placed_at, id).
    index("orders_history").on(t.organizationId, t.placedAt.desc(), t.id.desc()),
    check(
      "orders_money_non_negative",
      sql`${t.subtotalCents} >= 0 and ${t.discountCents} >= 0 and ${t.totalCents} >= 0 and ${t.deliveryFeeCents} >= 0`,
    ),
  ],
);

/** Order lines keep a snapshot of what was sold (names, prices, taxes, limit quantities). */
export const orderItems = pgTable(
  "order_items",
  {
    id: id(),
    organizationId: orgRef(),
    orderId: uuid()
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    variantId: uuid()
      .notNull()
      .references(() => productVariants.id, { onDelete: "restrict" }),
    productName: text().notNull(),
    variantName: text().notNull(),
    sku: text().notNull(),
    category: text().notNull(),
    /** How purchase limits counted the line when it was sold (its category's kind then). */
    limitKind: limitKindEnum(),
    quantity: integer().notNull(),
    unitPriceCents: integer().notNull(),
    subtotalCents: integer().notNull(),
    /** What promotions took off this line; taxes are computed on subtotal minus this, per the state's rule. */
    discountCents: integer().notNull().default(0),
    exciseCents: integer().notNull().default(0),
    localCannabisCents: integer().notNull().default(0),
    salesTaxCents: integer().notNull().default(0),
    totalCents: integer().notNull(),
    cannabisWeightMg: integer(),
    thcMg: integer(),
    netWeightMg: integer(),
    netVolumeMl: integer(),
  },
  (t) => [
    index().on(t.organizationId, t.orderId),
    check("order_items_quantity_positive", sql`${t.quantity} > 0`),
  ],
);

export const orderStatusEvents = pgTable(
  "order_status_events",
  {
    id: id(),
    organizationId: orgRef(),
    orderId: uuid()
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    fromStatus: orderStatusEnum(),
    toStatus: orderStatusEnum().notNull(),
    actorUserId: text().references(() => users.id, { onDelete: "set null" }),
    note: text(),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.organizationId, t.orderId, t.createdAt)],
);

export const stockMovementKindEnum = pgEnum("stock_movement_kind", [
  "receive",
  "sell",
  "adjust",
  "return",
  "damage",
  "transfer_in",
  "transfer_out",
]);

/** Every change to on-hand stock, with who and why. Reservations change `reserved`, not on-hand, and are not movements. */
export const stockMovements = pgTable(
  "stock_movements",
  {
    id: id(),
    organizationId: orgRef(),
    locationId: uuid()
      .notNull()
      .references(() => locations.id, { onDelete: "cascade" }),
    variantId: uuid()
      .notNull()
      .references(() => productVariants.id, { onDelete: "cascade" }),
    kind: stockMovementKindEnum().notNull(),
    /** Signed change to on-hand units. */
    quantity: integer().notNull(),
    reason: text(),
    actorUserId: text().references(() => users.id, { onDelete: "set null" }),
    orderId: uuid().references(() => orders.id, { onDelete: "set null" }),
    /** The lot (METRC package) the units came from or went to, when known. */
    lotId: uuid().references(() => inventoryLots.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.organizationId, t.variantId, t.createdAt), index().on(t.organizationId, t.locationId)],
);

export const cartsRelations = relations(carts, ({ many, one }) => ({
  items: many(cartItems),
  customer: one(customers, { fields: [carts.customerId], references: [customers.id] }),
}));
export const cartItemsRelations = relations(cartItems, ({ one }) => ({
  cart: one(carts, { fields: [cartItems.cartId], references: [carts.id] }),
  variant: one(productVariants, { fields: [cartItems.variantId], references: [productVariants.id] }),
}));
export const ordersRelations = relations(orders, ({ many, one }) => ({
  items: many(orderItems),
  events: many(orderStatusEvents),
  customer: one(customers, { fields: [orders.customerId], references: [customers.id] }),
  location: one(locations, { fields: [orders.locationId], references: [locations.id] }),
}));
export const orderItemsRelations = relations(orderItems, ({ one }) => ({
  order: one(orders, { fields: [orderItems.orderId], references: [orders.id] }),
}));
export const orderStatusEventsRelations = relations(orderStatusEvents, ({ one }) => ({
  order: one(orders, { fields: [orderStatusEvents.orderId], references: [orders.id] }),
}));
