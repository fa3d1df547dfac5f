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
import { orders } from "./orders";
import { locations, organizations } from "./tenancy";

const orgRef = () =>
  uuid()
    .notNull()
    .references(() => organizations.id, { onDelete: "cascade" });
const locationRef = () =>
  uuid()
    .notNull()
    .references(() => locations.id, { onDelete: "cascade" });

/**
 * A location's METRC user key, sealed with the platform's data key (AES-256-GCM). The key is never read back to
 * a screen: only its last four characters and when it was set.
 */
export const metrcCredentials = pgTable(
  "metrc_credentials",
  {
    id: id(),
    organizationId: orgRef(),
    locationId: locationRef(),
    sealedUserKey: text().notNull(),
    userKeyLastFour: text().notNull(),
    /** The facility license the calls are made for (`licenseNumber` query parameter). */
    licenseNumber: text().notNull(),
    /** Calls go to the state's sandbox instead of production. */
    sandbox: boolean().notNull().default(false),
    setAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
    setByUserId: text().references(() => users.id, { onDelete: "set null" }),
    /** Last time METRC accepted these credentials, and the last refusal (401/403) if any since. */
    lastVerifiedAt: timestamp({ withTimezone: true, mode: "date" }),
    lastAuthError: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [unique().on(t.locationId), index().on(t.organizationId)],
);

export const metrcSyncKindEnum = pgEnum("metrc_sync_kind", ["receipt", "void", "adjustment"]);
export const metrcSyncStatusEnum = pgEnum("metrc_sync_status", [
  "pending",
  "in_flight",
  "sent",
  "failed",
  "dead",
  "cancelled",
]);

/**
 * What must be reported to METRC, written in the same transaction as the sale, refund or stock change. One row per
 * (facility, kind, external number): enqueueing the same report twice is impossible. Each row has a job in the
 * `metrc` queue (keyed by facility) that holds its lease and schedule; a row whose last attempt may have reached
 * METRC (time-out, 5xx, dropped connection, expired lease) is `ambiguous`: a receipt is then looked up by its
 * external number before it is posted again.
 */
export const metrcSyncItems = pgTable(
  "metrc_sync_items",
  {
    id: id(),
    organizationId: orgRef(),
    locationId: locationRef(),
    kind: metrcSyncKindEnum().notNull(),
    orderId: uuid().references(() => orders.id, { onDelete: "set null" }),
    /** Receipts and voids: the order number (ExternalReceiptNumber). Adjustments: the stock movement id. */
    externalNumber: text().notNull(),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    status: metrcSyncStatusEnum().notNull().default("pending"),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
    ambiguous: boolean().notNull().default(false),
    /** Something that must be fixed locally before this can be reported (e.g. units sold without a package). */
    problem: text(),
    lastError: text(),
    lastAttemptAt: timestamp({ withTimezone: true, mode: "date" }),
    /** METRC's id for the receipt, when known (needed to void it). */
    metrcId: text(),
    sentAt: timestamp({ withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique().on(t.locationId, t.kind, t.externalNumber),
    index().on(t.organizationId, t.status, t.createdAt),
    index().on(t.status, t.nextAttemptAt),
    index().on(t.orderId),
    check("metrc_sync_items_attempts", sql`${t.attempts} >= 0`),
  ],
);

export const metrcReconciliationStatusEnum = pgEnum("metrc_reconciliation_status", [
  "running",
  "completed",
  "failed",
]);

/** One comparison of a facility's active packages in METRC with the local lots. */
export const metrcReconciliations = pgTable(
  "metrc_reconciliations",
  {
    id: id(),
    organizationId: orgRef(),
    locationId: locationRef(),
    status: metrcReconciliationStatusEnum().notNull().default("running"),
    startedAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
    finishedAt: timestamp({ withTimezone: true, mode: "date" }),
    packagesInMetrc: integer().notNull().default(0),
    lotsLocal: integer().notNull().default(0),
    discrepancyCount: integer().notNull().default(0),
    /** Reports still waiting in the sync queue when the comparison ran; they explain some differences. */
    unsentItems: integer().notNull().default(0),
    error: text(),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.organizationId, t.locationId, t.startedAt)],
);

export const metrcDiscrepancyKindEnum = pgEnum("metrc_discrepancy_kind", [
  "missing_locally",
  "missing_in_metrc",
  "quantity_mismatch",
]);

export const metrcDiscrepancies = pgTable(
  "metrc_discrepancies",
  {
    id: id(),
    organizationId: orgRef(),
    reconciliationId: uuid()
      .notNull()
      .references(() => metrcReconciliations.id, { onDelete: "cascade" }),
    locationId: locationRef(),
    kind: metrcDiscrepancyKindEnum().notNull(),
    packageLabel: text().notNull(),
    localQuantity: integer(),
    /** METRC quantities can be fractional (grams); kept as METRC sent them. */
    metrcQuantity: text(),
    metrcUnit: text(),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.organizationId, t.reconciliationId)],
);

export const metrcSyncItemsRelations = relations(metrcSyncItems, ({ one }) => ({
  location: one(locations, { fields: [metrcSyncItems.locationId], references: [locations.id] }),
  order: one(orders, { fields: [metrcSyncItems.orderId], references: [orders.id] }),
}));
