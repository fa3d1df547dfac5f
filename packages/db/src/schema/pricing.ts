import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt } from "./_shared";
import { users } from "./auth";
import { productVariants } from "./catalog";
import { inventoryLots } from "./inventory";
import { organizations } from "./tenancy";

const orgRef = () =>
  uuid()
    .notNull()
    .references(() => organizations.id, { onDelete: "cascade" });

/**
 * The owner's rules for markdown suggestions. Without a row the defaults below apply, so a new store gets
 * suggestions that never sell under a 30% margin.
 */
export const pricingPolicies = pgTable(
  "pricing_policies",
  {
    organizationId: orgRef().primaryKey(),
    /** The lowest margin a suggested price may leave over the unit cost, in basis points of the price. */
    marginFloorBp: integer().notNull().default(3000),
    /** A lot expiring within this many days is suggested for a markdown. */
    expiryWindowDays: integer().notNull().default(30),
    /** A variant whose stock would last longer than this many days at its recent rate of sale is a slow mover. */
    slowMoverCoverDays: integer().notNull().default(90),
    updatedAt: updatedAt(),
  },
  (t) => [
    check(
      "pricing_policies_range",
      sql`${t.marginFloorBp} between 0 and 9500 and ${t.expiryWindowDays} between 1 and 180 and ${t.slowMoverCoverDays} between 14 and 730`,
    ),
  ],
);

export const PRICE_SUGGESTION_REASONS = ["near_expiry", "slow_mover"] as const;
export const priceSuggestionReasonEnum = pgEnum("price_suggestion_reason", PRICE_SUGGESTION_REASONS);
export const PRICE_SUGGESTION_STATUSES = ["open", "approved", "dismissed", "superseded"] as const;
export const priceSuggestionStatusEnum = pgEnum("price_suggestion_status", PRICE_SUGGESTION_STATUSES);

/**
 * A suggested markdown of one variant's shelf price, with the reason in words and the figures it rests on. Only
 * an owner's approval changes the price (through the catalog); refreshing replaces the open ones.
 */
export const priceSuggestions = pgTable(
  "price_suggestions",
  {
    id: id(),
    organizationId: orgRef(),
    variantId: uuid()
      .notNull()
      .references(() => productVariants.id, { onDelete: "cascade" }),
    /** The lot near expiry that prompted it; null for a slow mover. */
    lotId: uuid().references(() => inventoryLots.id, { onDelete: "set null" }),
    reason: priceSuggestionReasonEnum().notNull(),
    /** The reason as the owner reads it, e.g. "Lot 1A4F… (12 units) expires in 9 days". */
    explanation: text().notNull(),
    currentPriceCents: integer().notNull(),
    suggestedPriceCents: integer().notNull(),
    /** The unit cost it was checked against and the lowest price the margin floor allows. */
    unitCostCents: integer().notNull(),
    floorPriceCents: integer().notNull(),
    status: priceSuggestionStatusEnum().notNull().default("open"),
    decidedByUserId: text().references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp({ withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
  },
  (t) => [
    index().on(t.organizationId, t.status, t.createdAt),
    // One open suggestion per variant: refreshing supersedes the old one before adding the new.
    uniqueIndex("price_suggestions_one_open")
      .on(t.organizationId, t.variantId)
      .where(sql`${t.status} = 'open'`),
    check(
      "price_suggestions_prices",
      sql`${t.suggestedPriceCents} > 0 and ${t.suggestedPriceCents} < ${t.currentPriceCents} and ${t.suggestedPriceCents} >= ${t.floorPriceCents} and ${t.unitCostCents} >= 0`,
    ),
  ],
);
