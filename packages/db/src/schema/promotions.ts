import { relations, sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt } from "./_shared";
import { promotionKindEnum, promotionStackingEnum, promotionStatusEnum } from "./enums";
import { carts, orderItems, orders } from "./orders";
import { customers, organizations } from "./tenancy";

const orgRef = () =>
  uuid()
    .notNull()
    .references(() => organizations.id, { onDelete: "cascade" });

/** What a promotion gives, per kind. Money in cents, percentages in basis points (20% = 2000). */
export type PromotionRule =
  | { kind: "percent_off"; percentBps: number }
  | { kind: "amount_off"; amountCents: number }
  | { kind: "fixed_price"; priceCents: number }
  | { kind: "buy_x_get_y"; buyQuantity: number; getQuantity: number; getPercentBps: number }
  | { kind: "bundle"; quantity: number; priceCents: number }
  | {
      kind: "spend_threshold";
      thresholdCents: number;
      rewardCents: number | null;
      rewardVariantId: string | null;
    }
  | { kind: "free_delivery" };

/** Which lines a promotion reaches; an empty or missing list does not narrow. Lists are ORed, fields ANDed. */
export type PromotionTarget = {
  productIds?: string[];
  variantIds?: string[];
  categorySlugs?: string[];
  brandIds?: string[];
  strainTypes?: string[];
};

/** Who and where a promotion is for; an empty or missing list does not narrow. */
export type PromotionAudience = {
  locationIds?: string[];
  menus?: Array<"adult_use" | "medical">;
  customerSegments?: string[];
  /** Loyalty tiers (ids) whose members get it; a shopper outside the program or below them does not. */
  tierIds?: string[];
};

export const promotions = pgTable(
  "promotions",
  {
    id: id(),
    organizationId: orgRef(),
    name: text().notNull(),
    /** Shown to shoppers under the name (the deal's terms, in the store's words). */
    description: text(),
    kind: promotionKindEnum().notNull(),
    rule: jsonb().$type<PromotionRule>().notNull(),
    target: jsonb().$type<PromotionTarget>().notNull().default({}),
    audience: jsonb().$type<PromotionAudience>().notNull().default({}),
    status: promotionStatusEnum().notNull().default("active"),
    stacking: promotionStackingEnum().notNull().default("stackable"),
    /** Higher first when two exclusive deals both apply, and the order stackable deals are applied in. */
    priority: integer().notNull().default(0),
    requiresCode: boolean().notNull().default(false),
    firstOrderOnly: boolean().notNull().default(false),
    startsAt: timestamp({ withTimezone: true, mode: "date" }),
    endsAt: timestamp({ withTimezone: true, mode: "date" }),
    /** ISO days of week (1 = Monday ... 7 = Sunday) in the store's time zone; null = every day. */
    daysOfWeek: smallint().array(),
    /** Minutes after local midnight, [start, end); null = all day. End before start runs past midnight. */
    startMinute: smallint(),
    endMinute: smallint(),
    /** For units-based kinds: how many units (or bundles, or free-item groups) one order may discount. */
    perOrderLimit: integer(),
    perCustomerLimit: integer(),
    totalLimit: integer(),
    minSubtotalCents: integer(),
    /** Orders holding a live redemption; raised and checked in one conditional update so limits cannot race. */
    redemptionCount: integer().notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    endedAt: timestamp({ withTimezone: true, mode: "date" }),
  },
  (t) => [
    index().on(t.organizationId, t.status),
    check(
      "promotions_limits_positive",
      sql`coalesce(${t.perOrderLimit}, 1) > 0 and coalesce(${t.perCustomerLimit}, 1) > 0 and coalesce(${t.totalLimit}, 1) > 0 and coalesce(${t.minSubtotalCents}, 0) >= 0`,
    ),
    check(
      "promotions_redemptions_within_limit",
      sql`${t.redemptionCount} >= 0 and (${t.totalLimit} is null or ${t.redemptionCount} <= ${t.totalLimit})`,
    ),
    check(
      "promotions_minutes_of_day",
      sql`coalesce(${t.startMinute}, 0) between 0 and 1440 and coalesce(${t.endMinute}, 0) between 0 and 1440`,
    ),
  ],
);

/** Coupon codes, stored upper-case; unique per store. A code unlocks a promotion that `requiresCode`. */
export const promotionCodes = pgTable(
  "promotion_codes",
  {
    id: id(),
    organizationId: orgRef(),
    promotionId: uuid()
      .notNull()
      .references(() => promotions.id, { onDelete: "cascade" }),
    code: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [unique().on(t.organizationId, t.code), index().on(t.organizationId, t.promotionId)],
);

/** The coupon a shopper entered on a cart (one per cart); checked again when the cart is priced. */
export const cartPromotionCodes = pgTable(
  "cart_promotion_codes",
  {
    id: id(),
    organizationId: orgRef(),
    cartId: uuid()
      .notNull()
      .references(() => carts.id, { onDelete: "cascade" }),
    codeId: uuid()
      .notNull()
      .references(() => promotionCodes.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [unique().on(t.cartId), index().on(t.organizationId, t.cartId)],
);

/**
 * What a promotion took off one order line (or, without a line, the delivery fee), written in the order's
 * transaction. Cancelling or refunding the order sets `reversedAt` and gives the redemption back to the limit.
 */
export const promotionRedemptions = pgTable(
  "promotion_redemptions",
  {
    id: id(),
    organizationId: orgRef(),
    promotionId: uuid()
      .notNull()
      .references(() => promotions.id, { onDelete: "restrict" }),
    orderId: uuid()
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    orderItemId: uuid().references(() => orderItems.id, { onDelete: "cascade" }),
    customerId: uuid()
      .notNull()
      .references(() => customers.id, { onDelete: "restrict" }),
    codeId: uuid().references(() => promotionCodes.id, { onDelete: "set null" }),
    discountCents: integer().notNull(),
    reversedAt: timestamp({ withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
  },
  (t) => [
    index().on(t.organizationId, t.orderId),
    index().on(t.organizationId, t.promotionId, t.customerId),
    check("promotion_redemptions_discount_positive", sql`${t.discountCents} > 0`),
  ],
);

/**
 * A redemption a checkout takes from a promotion as it commits. The order's transaction writes one row per
 * promotion applied (in promotion order, before its stock claims); the deferred trigger
 * `promotion_claims_take` (migration 0044) raises each promotion's `redemption_count` at COMMIT and deletes the
 * row, or aborts the commit when the promotion has ended or its total limit is used up. A popular deal's row is
 * so locked only while a COMMIT runs. Empty outside an open transaction.
 */
export const promotionClaims = pgTable("promotion_claims", {
  id: id(),
  organizationId: orgRef(),
  promotionId: uuid().notNull(),
});

export const promotionsRelations = relations(promotions, ({ many }) => ({
  codes: many(promotionCodes),
  redemptions: many(promotionRedemptions),
}));
export const promotionCodesRelations = relations(promotionCodes, ({ one }) => ({
  promotion: one(promotions, { fields: [promotionCodes.promotionId], references: [promotions.id] }),
}));
export const promotionRedemptionsRelations = relations(promotionRedemptions, ({ one }) => ({
  promotion: one(promotions, { fields: [promotionRedemptions.promotionId], references: [promotions.id] }),
  order: one(orders, { fields: [promotionRedemptions.orderId], references: [orders.id] }),
}));
