import { relations, sql } from "drizzle-orm";
import { check, date, index, integer, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt } from "./_shared";
import { productVariants } from "./catalog";
import { metrcUnitEnum } from "./enums";
import { locations, organizations } from "./tenancy";

/**
 * A received package of one variant at one location, as METRC tracks it: the package label (the tag printed on
 * the package) and what is left of it. Sales draw units from lots (oldest expiry first), so a sale can be reported
 * against the packages it came from.
 */
export const inventoryLots = pgTable(
  "inventory_lots",
  {
    id: id(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    locationId: uuid()
      .notNull()
      .references(() => locations.id, { onDelete: "cascade" }),
    variantId: uuid()
      .notNull()
      .references(() => productVariants.id, { onDelete: "cascade" }),
    /** METRC package label (24-character tag, e.g. 1A4FF0100000022000000123). */
    packageLabel: text().notNull(),
    /**
     * The unit METRC tracks the package in. Pre-packaged units are "Each"; a bulk package is tracked by weight,
     * and its sales are reported as the sold units' weight in this unit.
     */
    unitOfMeasure: metrcUnitEnum().notNull().default("Each"),
    /** Units received into this lot and units still in it. */
    initialQuantity: integer().notNull(),
    quantity: integer().notNull(),
    /** Calendar date printed on the package; null when the product does not expire. */
    expiresOn: date({ mode: "string" }),
    /**
     * What one unit of this lot cost, in cents, as recorded at receiving (a purchase order line's cost); null when
     * the units arrived without one. Markdown suggestions never price a lot below its cost plus the margin floor.
     */
    unitCostCents: integer(),
    receivedAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // A transfer moves a package's units to another location under the same label, so a label is unique per
    // location (and variant), not per organization.
    unique().on(t.organizationId, t.locationId, t.packageLabel),
    index().on(t.organizationId, t.locationId, t.variantId),
    index().on(t.organizationId, t.expiresOn),
    check(
      "inventory_lots_quantity_range",
      sql`${t.quantity} >= 0 and ${t.initialQuantity} >= 0 and ${t.quantity} <= ${t.initialQuantity}`,
    ),
    check("inventory_lots_unit_cost_range", sql`coalesce(${t.unitCostCents}, 0) >= 0`),
  ],
);

export const inventoryLotsRelations = relations(inventoryLots, ({ one }) => ({
  variant: one(productVariants, { fields: [inventoryLots.variantId], references: [productVariants.id] }),
  location: one(locations, { fields: [inventoryLots.locationId], references: [locations.id] }),
}));
