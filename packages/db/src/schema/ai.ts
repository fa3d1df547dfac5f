import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  date,
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
import { createdAt, id } from "./_shared";
import { users } from "./auth";
import { products } from "./catalog";
import { organizations } from "./tenancy";

const orgRef = () =>
  uuid()
    .notNull()
    .references(() => organizations.id, { onDelete: "cascade" });

export const aiFeatureEnum = pgEnum("ai_feature", ["assistant", "product_copy", "insights"]);
export const copyToneEnum = pgEnum("copy_tone", ["professional", "casual", "medical", "luxury"]);
export const copyDraftStatusEnum = pgEnum("copy_draft_status", ["pending", "accepted", "rejected"]);

/**
 * Model usage per organization, feature and UTC day: requests and tokens, for plan quotas and the usage page.
 * Rows are incremented with an upsert, so concurrent requests add up instead of overwriting each other.
 */
export const aiUsage = pgTable(
  "ai_usage",
  {
    organizationId: orgRef(),
    day: date({ mode: "string" }).notNull(),
    feature: aiFeatureEnum().notNull(),
    requests: integer().notNull().default(0),
    inputTokens: bigint({ mode: "number" }).notNull().default(0),
    outputTokens: bigint({ mode: "number" }).notNull().default(0),
    cacheReadTokens: bigint({ mode: "number" }).notNull().default(0),
    cacheWriteTokens: bigint({ mode: "number" }).notNull().default(0),
    /** Answers given by the local default (AI off or over quota): counted, but no tokens. */
    localAnswers: integer().notNull().default(0),
  },
  (t) => [unique().on(t.organizationId, t.day, t.feature)],
);

/**
 * Generated product copy waiting for a person: accepted drafts are written to the product, rejected ones kept
 * for the record. `baseDescription` is the product's description when the draft was made, so accepting never
 * overwrites a description someone changed (or approved) since without saying so.
 */
export const productCopyDrafts = pgTable(
  "product_copy_drafts",
  {
    id: id(),
    organizationId: orgRef(),
    productId: uuid()
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    tone: copyToneEnum().notNull(),
    /** "claude" or "template" (AI off): the review queue says which. */
    source: text().notNull(),
    model: text(),
    description: text().notNull(),
    tagline: text().notNull(),
    seoTitle: text().notNull(),
    seoDescription: text().notNull(),
    /** Compliance findings on the generated text (e.g. a medical claim), shown beside the draft. */
    flags: jsonb().$type<{ field: string; topic: string; sentence: string }[]>().notNull().default([]),
    baseDescription: text(),
    status: copyDraftStatusEnum().notNull().default("pending"),
    requestedBy: text().references(() => users.id, { onDelete: "set null" }),
    reviewedBy: text().references(() => users.id, { onDelete: "set null" }),
    reviewedAt: timestamp({ withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
  },
  (t) => [
    index().on(t.organizationId, t.status, t.createdAt),
    index().on(t.organizationId, t.productId),
    check("product_copy_drafts_source", sql`${t.source} in ('claude', 'template')`),
  ],
);

/** The accepted tagline and SEO texts of a product (its description lives on the product itself). */
export const productCopy = pgTable(
  "product_copy",
  {
    organizationId: orgRef(),
    productId: uuid()
      .primaryKey()
      .references(() => products.id, { onDelete: "cascade" }),
    tagline: text().notNull(),
    seoTitle: text().notNull(),
    seoDescription: text().notNull(),
    draftId: uuid().references(() => productCopyDrafts.id, { onDelete: "set null" }),
    approvedBy: text().references(() => users.id, { onDelete: "set null" }),
    approvedAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [index().on(t.organizationId)],
);

/**
 * A shopper asked the storefront assistant for a person: staff see these in the dashboard. The transcript is the
 * conversation up to the hand-off (the shopper's own words and the checked answers), nothing else.
 */
export const supportRequests = pgTable(
  "support_requests",
  {
    id: id(),
    organizationId: orgRef(),
    userId: text().references(() => users.id, { onDelete: "set null" }),
    contact: text(),
    message: text().notNull(),
    transcript: jsonb().$type<{ role: "shopper" | "assistant"; text: string }[]>().notNull().default([]),
    status: text().notNull().default("open"),
    createdAt: createdAt(),
  },
  (t) => [
    index().on(t.organizationId, t.status, t.createdAt),
    check("support_requests_status", sql`${t.status} in ('open', 'closed')`),
  ],
);
