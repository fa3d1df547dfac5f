import { relations, sql } from "drizzle-orm";
import {
  check,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt } from "./_shared";
import { users } from "./auth";
import { productVariants } from "./catalog";
import { inventoryLots } from "./inventory";
import { locations, organizations } from "./tenancy";

const orgRef = () =>
  uuid()
    .notNull()
    .references(() => organizations.id, { onDelete: "cascade" });

/** A licensed supplier (grower, processor, distributor) the dispensary buys from. */
export const suppliers = pgTable(
  "suppliers",
  {
    id: id(),
    organizationId: orgRef(),
    name: text().notNull(),
    contactName: text(),
    email: text(),
    phone: text(),
    /** Days from sending an order to receiving it; null when unknown (reorder math then assumes a week). */
    leadTimeDays: integer(),
    /** The supplier's minimum order value in cents; 0 when there is none. */
    minimumOrderCents: integer().notNull().default(0),
    notes: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique().on(t.organizationId, t.name),
    check(
      "suppliers_numbers_range",
      sql`${t.minimumOrderCents} >= 0 and coalesce(${t.leadTimeDays}, 0) between 0 and 365`,
    ),
  ],
);

/** What a supplier sells of the catalog, at what cost per unit and in packs of how many. */
export const supplierItems = pgTable(
  "supplier_items",
  {
    id: id(),
    organizationId: orgRef(),
    supplierId: uuid()
      .notNull()
      .references(() => suppliers.id, { onDelete: "cascade" }),
    variantId: uuid()
      .notNull()
      .references(() => productVariants.id, { onDelete: "cascade" }),
    unitCostCents: integer().notNull(),
    /** Orders are rounded up to whole packs (a case of 10 pre-rolls). */
    packSize: integer().notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique().on(t.organizationId, t.supplierId, t.variantId),
    index().on(t.organizationId, t.variantId),
    check("supplier_items_numbers_range", sql`${t.unitCostCents} >= 0 and ${t.packSize} >= 1`),
  ],
);

export const purchaseOrderStatusEnum = pgEnum("purchase_order_status", [
  "draft",
  "sent",
  "partially_received",
  "received",
  "cancelled",
]);
export const PURCHASE_ORDER_STATUSES = purchaseOrderStatusEnum.enumValues;

/** An order to one supplier for one location: drafted (often from reorder suggestions), sent, then received. */
export const purchaseOrders = pgTable(
  "purchase_orders",
  {
    id: id(),
    organizationId: orgRef(),
    /** Per-tenant sequential number printed on the order (PO-1001). */
    number: integer().notNull(),
    supplierId: uuid()
      .notNull()
      .references(() => suppliers.id, { onDelete: "restrict" }),
    locationId: uuid()
      .notNull()
      .references(() => locations.id, { onDelete: "restrict" }),
    status: purchaseOrderStatusEnum().notNull().default("draft"),
    notes: text(),
    createdByUserId: text().references(() => users.id, { onDelete: "set null" }),
    sentAt: timestamp({ withTimezone: true, mode: "date" }),
    receivedAt: timestamp({ withTimezone: true, mode: "date" }),
    cancelledAt: timestamp({ withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique().on(t.organizationId, t.number),
    index().on(t.organizationId, t.status, t.createdAt),
    index().on(t.organizationId, t.supplierId),
  ],
);

export const purchaseOrderLines = pgTable(
  "purchase_order_lines",
  {
    id: id(),
    organizationId: orgRef(),
    purchaseOrderId: uuid()
      .notNull()
      .references(() => purchaseOrders.id, { onDelete: "cascade" }),
    variantId: uuid()
      .notNull()
      .references(() => productVariants.id, { onDelete: "restrict" }),
    quantityOrdered: integer().notNull(),
    quantityReceived: integer().notNull().default(0),
    unitCostCents: integer().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique().on(t.organizationId, t.purchaseOrderId, t.variantId),
    check(
      "purchase_order_lines_quantity_range",
      sql`${t.quantityOrdered} >= 1 and ${t.quantityReceived} >= 0 and ${t.quantityReceived} <= ${t.quantityOrdered} and ${t.unitCostCents} >= 0`,
    ),
  ],
);

/** One delivery of units against a line, into a lot (METRC package) through the inventory service. */
export const purchaseOrderReceipts = pgTable(
  "purchase_order_receipts",
  {
    id: id(),
    organizationId: orgRef(),
    lineId: uuid()
      .notNull()
      .references(() => purchaseOrderLines.id, { onDelete: "cascade" }),
    lotId: uuid().references(() => inventoryLots.id, { onDelete: "set null" }),
    packageLabel: text().notNull(),
    expiresOn: date({ mode: "string" }),
    quantity: integer().notNull(),
    /** Cost per unit as received, kept for margin floors on later price suggestions. */
    unitCostCents: integer().notNull(),
    actorUserId: text().references(() => users.id, { onDelete: "set null" }),
    receivedAt: createdAt(),
  },
  (t) => [
    index().on(t.organizationId, t.lineId),
    check("purchase_order_receipts_quantity_positive", sql`${t.quantity} >= 1`),
  ],
);

export const purchaseOrdersRelations = relations(purchaseOrders, ({ one, many }) => ({
  supplier: one(suppliers, { fields: [purchaseOrders.supplierId], references: [suppliers.id] }),
  location: one(locations, { fields: [purchaseOrders.locationId], references: [locations.id] }),
  lines: many(purchaseOrderLines),
}));
export const purchaseOrderLinesRelations = relations(purchaseOrderLines, ({ one, many }) => ({
  purchaseOrder: one(purchaseOrders, {
    fields: [purchaseOrderLines.purchaseOrderId],
    references: [purchaseOrders.id],
  }),
  variant: one(productVariants, { fields: [purchaseOrderLines.variantId], references: [productVariants.id] }),
  receipts: many(purchaseOrderReceipts),
}));
export const purchaseOrderReceiptsRelations = relations(purchaseOrderReceipts, ({ one }) => ({
  line: one(purchaseOrderLines, {
    fields: [purchaseOrderReceipts.lineId],
    references: [purchaseOrderLines.id],
  }),
}));
