import { date, integer, pgTable, unique, uuid } from "drizzle-orm/pg-core";
import { id } from "./_shared";
import { productVariants } from "./catalog";
import { organizations } from "./tenancy";

/**
 * Completed sales per week and variant, all locations together, with each week cut at the 1st of a month: a
 * bucket lies inside one calendar week (Monday to Sunday) and one calendar month, so whole months and whole weeks
 * are both exact unions of buckets. The item reports read these for the partial months at either end of a
 * period, which leaves at most six loose days each side for the daily item rollup. Kept by the order lifecycle
 * beside the daily and monthly item rollups, and rebuilt from the daily one.
 */
export const salesWeeklyItems = pgTable(
  "sales_weekly_items",
  {
    id: id(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    /**
     * The bucket's first day in the selling location's calendar: the week's Monday, or the 1st of the month when
     * the week began in the month before.
     */
    week: date({ mode: "string" }).notNull(),
    variantId: uuid()
      .notNull()
      .references(() => productVariants.id, { onDelete: "cascade" }),
    lines: integer().notNull().default(0),
    units: integer().notNull().default(0),
    subtotalCents: integer().notNull().default(0),
    totalCents: integer().notNull().default(0),
  },
  (t) => [unique("sales_weekly_items_grain").on(t.organizationId, t.week, t.variantId)],
);
