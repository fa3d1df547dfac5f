import { sql } from "drizzle-orm";
import {
  boolean,
  check,
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
import { carts, orders } from "./orders";
import { customers, organizations } from "./tenancy";

const orgRef = () =>
  uuid()
    .notNull()
    .references(() => organizations.id, { onDelete: "cascade" });
const customerRef = () =>
  uuid()
    .notNull()
    .references(() => customers.id, { onDelete: "cascade" });

/** What a store's program gives; one row per organization, created with defaults the first time it is read. */
export const loyaltyPrograms = pgTable(
  "loyalty_programs",
  {
    organizationId: uuid()
      .primaryKey()
      .references(() => organizations.id, { onDelete: "cascade" }),
    enabled: boolean().notNull().default(true),
    /** Points per whole dollar spent after discounts, before the tier multiplier. */
    pointsPerDollar: integer().notNull().default(1),
    signupBonusPoints: integer().notNull().default(0),
    birthdayBonusPoints: integer().notNull().default(0),
    referrerRewardPoints: integer().notNull().default(0),
    refereeRewardPoints: integer().notNull().default(0),
    /** Rewarded referrals per referrer over a rolling 12 months. */
    referralCapPerYear: integer().notNull().default(10),
    /**
     * Points expire this many months after they were earned, oldest first (the points-expiry job writes an
     * `expire` entry); null: they never do.
     */
    pointsExpireMonths: integer(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check(
      "loyalty_programs_expiry_range",
      sql`${t.pointsExpireMonths} is null or ${t.pointsExpireMonths} between 1 and 120`,
    ),
    check(
      "loyalty_programs_non_negative",
      sql`${t.pointsPerDollar} between 0 and 100 and ${t.signupBonusPoints} >= 0 and ${t.birthdayBonusPoints} >= 0 and ${t.referrerRewardPoints} >= 0 and ${t.refereeRewardPoints} >= 0 and ${t.referralCapPerYear} >= 0`,
    ),
  ],
);

/** Tiers by points earned from orders over a rolling 12 months; the lowest tier has threshold 0. */
export const loyaltyTiers = pgTable(
  "loyalty_tiers",
  {
    id: id(),
    organizationId: orgRef(),
    name: text().notNull(),
    thresholdPoints: integer().notNull(),
    /** Earn multiplier in basis points: 10000 = 1x, 12500 = 1.25x. */
    multiplierBps: integer().notNull().default(10000),
    perks: text(),
    createdAt: createdAt(),
  },
  (t) => [
    unique().on(t.organizationId, t.thresholdPoints),
    unique().on(t.organizationId, t.name),
    check(
      "loyalty_tiers_ranges",
      sql`${t.thresholdPoints} >= 0 and ${t.multiplierBps} between 10000 and 50000`,
    ),
  ],
);

export const loyaltyRewardKindEnum = pgEnum("loyalty_reward_kind", ["amount_off", "free_item"]);

/** The rewards catalog: what points buy at checkout. */
export const loyaltyRewards = pgTable(
  "loyalty_rewards",
  {
    id: id(),
    organizationId: orgRef(),
    name: text().notNull(),
    kind: loyaltyRewardKindEnum().notNull(),
    pointsCost: integer().notNull(),
    /** For amount_off: the discount, capped at the order's subtotal. */
    amountOffCents: integer(),
    /** For free_item: one unit of this variant, when it is in the cart. */
    variantId: uuid().references(() => productVariants.id, { onDelete: "cascade" }),
    active: boolean().notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [
    index().on(t.organizationId, t.active),
    check(
      "loyalty_rewards_shape",
      sql`${t.pointsCost} > 0 and ((${t.kind} = 'amount_off' and ${t.amountOffCents} > 0) or (${t.kind} = 'free_item' and ${t.variantId} is not null))`,
    ),
  ],
);

/** A shopper's place in the program: tier (set by the tier job), referral code, birthday bonus bookkeeping. */
export const loyaltyAccounts = pgTable(
  "loyalty_accounts",
  {
    customerId: uuid()
      .primaryKey()
      .references(() => customers.id, { onDelete: "cascade" }),
    organizationId: orgRef(),
    tierId: uuid().references(() => loyaltyTiers.id, { onDelete: "set null" }),
    tierComputedAt: timestamp({ withTimezone: true, mode: "date" }),
    referralCode: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [unique().on(t.organizationId, t.referralCode), index().on(t.organizationId, t.tierId)],
);

/** Every tier change of a shopper, written with the change (the tier-up automation reads the upward ones). */
export const loyaltyTierChanges = pgTable(
  "loyalty_tier_changes",
  {
    id: id(),
    organizationId: orgRef(),
    customerId: customerRef(),
    fromTierId: uuid().references(() => loyaltyTiers.id, { onDelete: "set null" }),
    toTierId: uuid().references(() => loyaltyTiers.id, { onDelete: "set null" }),
    direction: text({ enum: ["up", "down"] }).notNull(),
    occurredAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [
    index().on(t.organizationId, t.occurredAt),
    check("loyalty_tier_changes_direction", sql`${t.direction} in ('up', 'down')`),
  ],
);

export const loyaltyEntryKindEnum = pgEnum("loyalty_entry_kind", [
  "earn",
  "redeem",
  "expire",
  "adjust",
  "reverse",
]);
export const loyaltyEntrySourceEnum = pgEnum("loyalty_entry_source", [
  "order",
  "signup",
  "birthday",
  "referral",
  "staff",
  "checkout",
  "expiry",
]);

/**
 * The points ledger, append-only (a trigger refuses updates): a balance is the sum of a customer's entries.
 * Every write goes through core's `appendLedgerEntry`, which locks the customer's account row first.
 */
export const loyaltyLedger = pgTable(
  "loyalty_ledger",
  {
    id: id(),
    organizationId: orgRef(),
    customerId: customerRef(),
    kind: loyaltyEntryKindEnum().notNull(),
    source: loyaltyEntrySourceEnum().notNull(),
    /** Signed: earnings positive, redemptions and reversals of earnings negative. */
    points: integer().notNull(),
    orderId: uuid().references(() => orders.id, { onDelete: "restrict" }),
    rewardId: uuid().references(() => loyaltyRewards.id, { onDelete: "set null" }),
    /** What a redemption took off the order, in cents. */
    discountCents: integer(),
    /** The entry this one reverses. */
    reversesEntryId: uuid(),
    reason: text(),
    actorUserId: text().references(() => users.id, { onDelete: "set null" }),
    /** Makes one-off entries idempotent: "earn:<orderId>", "signup", "birthday:2026"... */
    dedupeKey: text(),
    createdAt: createdAt(),
  },
  (t) => [
    unique().on(t.organizationId, t.customerId, t.dedupeKey),
    index().on(t.organizationId, t.customerId, t.createdAt),
    index().on(t.organizationId, t.orderId),
    check("loyalty_ledger_points_non_zero", sql`${t.points} <> 0`),
  ],
);

/** The reward a shopper chose for a cart; checkout spends it with the order. */
export const loyaltyCartRewards = pgTable("loyalty_cart_rewards", {
  cartId: uuid()
    .primaryKey()
    .references(() => carts.id, { onDelete: "cascade" }),
  organizationId: orgRef(),
  rewardId: uuid()
    .notNull()
    .references(() => loyaltyRewards.id, { onDelete: "cascade" }),
  createdAt: createdAt(),
});

export const referralStatusEnum = pgEnum("referral_status", ["pending", "rewarded", "refused"]);

/** A referee accepted a referrer's code; both are rewarded after the referee's first completed order. */
export const referrals = pgTable(
  "referrals",
  {
    id: id(),
    organizationId: orgRef(),
    referrerCustomerId: customerRef(),
    refereeCustomerId: customerRef(),
    status: referralStatusEnum().notNull().default("pending"),
    refusedReason: text(),
    orderId: uuid().references(() => orders.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    settledAt: timestamp({ withTimezone: true, mode: "date" }),
  },
  (t) => [
    unique().on(t.organizationId, t.refereeCustomerId),
    index().on(t.organizationId, t.referrerCustomerId, t.status),
  ],
);
