import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  smallint,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt } from "./_shared";
import { marketingAbMetricEnum, marketingChannelEnum } from "./enums";
import { users } from "./auth";
import { outboxMessages } from "./outbox";
import { customers, organizations } from "./tenancy";

const orgRef = () =>
  uuid()
    .notNull()
    .references(() => organizations.id, { onDelete: "cascade" });

/**
 * A segment's rules as saved (validated by core's `segmentRulesSchema`): groups joined by `match`, each group's
 * conditions joined by its own `match`. Compiled to a SQL where clause, never evaluated in memory.
 */
export type SegmentRules = {
  match: "all" | "any";
  groups: Array<{ match: "all" | "any"; conditions: Array<Record<string, unknown>> }>;
};

export type AbVariant = "a" | "b";
/** One variant's test results when the winner was chosen (messages sent, opened, clicked, attributed orders). */
export type AbTally = { sent: number; opened: number; clicked: number; orders: number };
export type AbDecision = { a: AbTally; b: AbTally };

export const marketingSegments = pgTable(
  "marketing_segments",
  {
    id: id(),
    organizationId: orgRef(),
    name: text().notNull(),
    rules: jsonb().$type<SegmentRules>().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [unique().on(t.organizationId, t.name)],
);

export const campaignStatusEnum = pgEnum("marketing_campaign_status", [
  "draft",
  "scheduled",
  "sending",
  "sent",
  "cancelled",
]);

/** A one-off email to a segment. The job walks the segment by customer id from `cursorCustomerId`. */
export const marketingCampaigns = pgTable(
  "marketing_campaigns",
  {
    id: id(),
    organizationId: orgRef(),
    segmentId: uuid()
      .notNull()
      .references(() => marketingSegments.id, { onDelete: "restrict" }),
    name: text().notNull(),
    /**
     * Email; SMS (the subject is then unused and the body is the text message); or web push (the subject is
     * the notification's title, the body its text).
     */
    channel: marketingChannelEnum().notNull().default("email"),
    subject: text().notNull(),
    body: text().notNull(),
    /** A coupon code of the promotions engine, printed in the email (checked when saved). */
    couponCode: text(),
    status: campaignStatusEnum().notNull().default("draft"),
    /** When the send may begin; the job also waits for the send window below. */
    scheduledAt: timestamp({ withTimezone: true, mode: "date" }),
    /** Minutes after midnight in the store's time zone: sends happen only from start until end. */
    windowStartMinute: smallint().notNull().default(540),
    windowEndMinute: smallint().notNull().default(1200),
    /** The storefront address links point to, from configuration when the campaign was scheduled. */
    storefrontOrigin: text(),
    /** The base URL of the tracking endpoints (open, click, unsubscribe), from configuration. */
    trackingBaseUrl: text(),
    /**
     * A/B test (all null without one). Variant B's subject (empty for SMS) and body; the share of the segment in
     * the test, split evenly between A and B (100 = everyone, a 50/50 split); the metric that picks the winner;
     * and how many hours after the test's messages are written the winner is chosen (and, below 100, goes to
     * the rest of the segment).
     */
    variantSubject: text(),
    variantBody: text(),
    abSharePercent: smallint(),
    abMetric: marketingAbMetricEnum(),
    abTestHours: smallint(),
    /** Set when the test's messages are all written: the winner is chosen at this time. */
    abTestEndsAt: timestamp({ withTimezone: true, mode: "date" }),
    abWinner: text().$type<AbVariant>(),
    abDecidedAt: timestamp({ withTimezone: true, mode: "date" }),
    /** The figures the winner was chosen from, kept as they were at that moment. */
    abDecision: jsonb().$type<AbDecision>(),
    /** The last customer id already expanded: a crashed run resumes after it (the remainder pass restarts it). */
    cursorCustomerId: uuid(),
    startedAt: timestamp({ withTimezone: true, mode: "date" }),
    finishedAt: timestamp({ withTimezone: true, mode: "date" }),
    createdByUserId: text().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index().on(t.organizationId, t.createdAt),
    index().on(t.status, t.scheduledAt),
    check(
      "marketing_campaigns_window",
      sql`${t.windowStartMinute} between 0 and 1439 and ${t.windowEndMinute} between 1 and 1440 and ${t.windowStartMinute} < ${t.windowEndMinute}`,
    ),
    check(
      "marketing_campaigns_ab",
      sql`num_nonnulls(${t.variantSubject}, ${t.variantBody}, ${t.abSharePercent}, ${t.abMetric}, ${t.abTestHours}) in (0, 5)
        and ${t.abSharePercent} between 2 and 100 and ${t.abTestHours} between 1 and 168
        and ${t.abWinner} in ('a', 'b')`,
    ),
  ],
);

export const automationKindEnum = pgEnum("marketing_automation_kind", [
  "abandoned_cart",
  "welcome",
  "win_back",
  "birthday",
  "review_request",
  "back_in_stock",
  "price_drop",
  "tier_up",
]);

/**
 * A triggered email flow, one per kind and store. `waitMinutes` is the delay after the trigger (the cart's last
 * change, sign-up, the last order, a completed order) or, for birthdays, the store-local minute of the day.
 */
export const marketingAutomations = pgTable(
  "marketing_automations",
  {
    id: id(),
    organizationId: orgRef(),
    kind: automationKindEnum().notNull(),
    enabled: boolean().notNull().default(false),
    channel: marketingChannelEnum().notNull().default("email"),
    subject: text().notNull(),
    body: text().notNull(),
    couponCode: text(),
    waitMinutes: integer().notNull(),
    /** From configuration when last saved, like a campaign's. */
    storefrontOrigin: text(),
    trackingBaseUrl: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique().on(t.organizationId, t.kind),
    index().on(t.enabled),
    check("marketing_automations_wait", sql`${t.waitMinutes} between 0 and 525600`),
  ],
);

export const marketingMessageStatusEnum = pgEnum("marketing_message_status", ["queued", "skipped"]);

/**
 * One row per (customer, campaign): the unique idempotency key is what makes a send happen once, however
 * many job runs race or restart. Delivery state (sent, bounced) is the outbox row's; engagement is stamped here.
 */
export const marketingMessages = pgTable(
  "marketing_messages",
  {
    id: id(),
    organizationId: orgRef(),
    /** The campaign or the automation that sent it (exactly one). */
    campaignId: uuid().references(() => marketingCampaigns.id, { onDelete: "cascade" }),
    automationId: uuid().references(() => marketingAutomations.id, { onDelete: "cascade" }),
    customerId: uuid()
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    channel: text().$type<"email" | "sms" | "push">().notNull().default("email"),
    /** The A/B variant the customer got (stable per campaign and customer), null outside a test. */
    variant: text().$type<AbVariant>(),
    idempotencyKey: text().notNull(),
    status: marketingMessageStatusEnum().notNull(),
    /**
     * Why a message was not sent: under_age, frequency_cap, plan_limit, no_consent; for SMS also no_phone,
     * invalid_phone (not a number that can be written in E.164) and too_long; for web push no_subscription
     * (no subscribed browser left when it was due) and too_long.
     */
    skipReason: text(),
    outboxId: uuid().references(() => outboxMessages.id, { onDelete: "set null" }),
    openedAt: timestamp({ withTimezone: true, mode: "date" }),
    clickedAt: timestamp({ withTimezone: true, mode: "date" }),
    clicks: integer().notNull().default(0),
    unsubscribedAt: timestamp({ withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
  },
  (t) => [
    unique("marketing_messages_idempotency").on(t.idempotencyKey),
    index().on(t.organizationId, t.campaignId, t.customerId),
    index().on(t.organizationId, t.customerId, t.createdAt),
    index().on(t.organizationId, t.createdAt),
    index().on(t.organizationId, t.automationId, t.createdAt),
    check("marketing_messages_source", sql`num_nonnulls(${t.campaignId}, ${t.automationId}) = 1`),
    check("marketing_messages_variant", sql`${t.variant} in ('a', 'b')`),
  ],
);
