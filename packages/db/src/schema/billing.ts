import { boolean, index, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { createdAt, updatedAt } from "./_shared";
import { organizations } from "./tenancy";

/**
 * An operator's per-organization exception to the plan's feature matrix: `enabled` true grants a feature the
 * plan lacks, false withholds one it has. Feature names are checked in core (FEATURES), not by the database.
 */
export const featureOverrides = pgTable(
  "feature_overrides",
  {
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    feature: text().notNull(),
    enabled: boolean().notNull(),
    /** Why, in the operator's words ("pilot for METRC until June"). */
    note: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.feature] })],
);

/** The organization's own SaaS subscription with the billing provider (Stripe). One row per organization. */
export const billingAccounts = pgTable("billing_accounts", {
  organizationId: uuid()
    .primaryKey()
    .references(() => organizations.id, { onDelete: "cascade" }),
  stripeCustomerId: text().unique(),
  stripeSubscriptionId: text().unique(),
  stripePriceId: text(),
  /** Stripe's own status word (may be finer than organizations.subscription_status, e.g. "incomplete"). */
  stripeStatus: text(),
  currentPeriodEnd: timestamp({ withTimezone: true, mode: "date" }),
  cancelAtPeriodEnd: boolean().notNull().default(false),
  /**
   * Creation time of the newest subscription event applied. Stripe does not deliver in order, so an event older
   * than this is recorded (exactly once) but does not overwrite newer state.
   */
  lastEventAt: timestamp({ withTimezone: true, mode: "date" }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** Every Stripe webhook event id ever processed, inserted in the transaction of its effects (exactly once). */
export const stripeEvents = pgTable(
  "stripe_events",
  {
    id: text().primaryKey(),
    type: text().notNull(),
    organizationId: uuid().references(() => organizations.id, { onDelete: "set null" }),
    /** The event's own `created` time at Stripe. */
    createdAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
    processedAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
    /** What processing did: "applied", "stale" (older than the state we hold), "ignored" (unknown org/type). */
    outcome: text().notNull(),
  },
  (t) => [index().on(t.organizationId, t.processedAt)],
);
