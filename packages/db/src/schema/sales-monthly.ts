import { date, integer, pgTable, unique, uuid } from "drizzle-orm/pg-core";
import { id } from "./_shared";
import { productVariants } from "./catalog";
import { organizations } from "./tenancy";

/**
 * Completed sales per calendar month and variant, all locations together: what the item reports (by category,
 * brand and product; top and slow movers) read for the whole months of a period, so a year is twelve rows per
 * variant instead of 365 per location. The partial months at either end of a period come from the weekly item
 * rollup and the daily one. Kept by the order lifecycle beside the daily rollup, and rebuilt from it.
 */
export const salesMonthlyItems = pgTable(
  "sales_monthly_items",
  {
    id: id(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    /** The first day of the month, in the selling location's calendar. */
    month: date({ mode: "string" }).notNull(),
    variantId: uuid()
      .notNull()
      .references(() => productVariants.id, { onDelete: "cascade" }),
    lines: integer().notNull().default(0),
    units: integer().notNull().default(0),
    subtotalCents: integer().notNull().default(0),
    totalCents: integer().notNull().default(0),
  },
  (t) => [unique("sales_monthly_items_grain").on(t.organizationId, t.month, t.variantId)],
);
