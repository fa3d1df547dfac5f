import { relations, sql } from "drizzle-orm";
import {
  check,
  doublePrecision,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt } from "./_shared";
import { users } from "./auth";
import { orders } from "./orders";
import { organizations } from "./tenancy";

/** Only ever moves forward, one step at a time (see packages/core/src/deliveries/flow.ts). */
export const deliveryStatusEnum = pgEnum("delivery_status", [
  "pending",
  "assigned",
  "picked_up",
  "in_transit",
  "arriving",
  "delivered",
]);

const at = () => timestamp({ withTimezone: true, mode: "date" });

/** The trip of one delivery order: who drives it, how far it got, where the driver was last seen. */
export const deliveries = pgTable(
  "deliveries",
  {
    id: id(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    orderId: uuid()
      .notNull()
      .unique()
      .references(() => orders.id, { onDelete: "cascade" }),
    driverUserId: text().references(() => users.id, { onDelete: "set null" }),
    status: deliveryStatusEnum().notNull().default("pending"),
    assignedAt: at(),
    pickedUpAt: at(),
    inTransitAt: at(),
    arrivingAt: at(),
    deliveredAt: at(),
    /** Copied from the order's address when it has coordinates; null means no ETA can be computed. */
    destinationLatitude: doublePrecision(),
    destinationLongitude: doublePrecision(),
    lastLatitude: doublePrecision(),
    lastLongitude: doublePrecision(),
    /** Radius of the device's 68% confidence circle, whole metres. */
    lastAccuracyM: integer(),
    lastPositionAt: at(),
    /** Straight-line metres left and the expected arrival, recomputed on every position and step. */
    remainingMeters: integer(),
    etaAt: at(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index().on(t.organizationId, t.status),
    index().on(t.organizationId, t.driverUserId, t.status),
    check("deliveries_driver_when_assigned", sql`${t.status} = 'pending' or ${t.driverUserId} is not null`),
  ],
);

/** Recent positions of a delivery for the trail on the map; pruned to the newest few on every report. */
export const deliveryPositions = pgTable(
  "delivery_positions",
  {
    id: id(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    deliveryId: uuid()
      .notNull()
      .references(() => deliveries.id, { onDelete: "cascade" }),
    latitude: doublePrecision().notNull(),
    longitude: doublePrecision().notNull(),
    accuracyM: integer(),
    recordedAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [index().on(t.organizationId, t.deliveryId, t.recordedAt)],
);

export const deliveriesRelations = relations(deliveries, ({ one, many }) => ({
  order: one(orders, { fields: [deliveries.orderId], references: [orders.id] }),
  driver: one(users, { fields: [deliveries.driverUserId], references: [users.id] }),
  positions: many(deliveryPositions),
}));
export const deliveryPositionsRelations = relations(deliveryPositions, ({ one }) => ({
  delivery: one(deliveries, { fields: [deliveryPositions.deliveryId], references: [deliveries.id] }),
}));
