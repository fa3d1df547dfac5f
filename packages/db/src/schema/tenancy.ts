import { relations, sql } from "drizzle-orm";
import {
  boolean,
  char,
  date,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt } from "./_shared";
import { users } from "./auth";
import { identityDocumentKindEnum, staffRoleEnum } from "./enums";

export const planEnum = pgEnum("plan", ["starter", "professional", "enterprise"]);
export const subscriptionStatusEnum = pgEnum("subscription_status", [
  "trialing",
  "active",
  "past_due",
  "canceled",
  "unpaid",
]);
export type Branding = {
  primaryColor: string;
  accentColor: string;
  logoUrl?: string | null;
  faviconUrl?: string | null;
  tagline?: string | null;
};

export type ComplianceSettings = {
  idVerificationRequired: boolean;
  medicalEnabled: boolean;
  adultUseEnabled: boolean;
  /** Days an approved ID stays valid (SPEC: 90 by default). */
  idVerificationValidDays: number;
  /** Storefront orders one shopper may have open (holding stock) at once; unset means the default (5). */
  openOrdersPerShopper?: number;
  /** Units one shopper may hold reserved across open storefront orders; unset means the default (50). */
  reservedUnitsPerShopper?: number;
};

/** The onboarding wizard's progress, so it resumes where the owner left it. */
export type OnboardingProgress = {
  currentStep: string;
  completedSteps: string[];
};

/** How shoppers may pay at handover; checkout offers only these. */
export const ACCEPTED_PAYMENT_METHODS = ["cash", "debit"] as const;
export type AcceptedPaymentMethod = (typeof ACCEPTED_PAYMENT_METHODS)[number];

export const organizations = pgTable(
  "organizations",
  {
    id: id(),
    slug: text().notNull().unique(),
    name: text().notNull(),
    legalName: text(),
    licenseNumber: text(),
    licenseType: text(),
    /** Two-letter US state code; drives purchase limits and taxes. */
    state: char({ length: 2 }).notNull(),
    timeZone: text().notNull(),
    branding: jsonb().$type<Branding>().notNull(),
    customDomain: text(),
    /**
     * The store's own SMS sending number (E.164). Replies to it belong to this store alone; stores without one
     * send from the platform's number (TWILIO_FROM).
     */
    smsFromNumber: text(),
    plan: planEnum().notNull().default("starter"),
    subscriptionStatus: subscriptionStatusEnum().notNull().default("trialing"),
    trialEndsAt: timestamp({ withTimezone: true, mode: "date" }),
    compliance: jsonb().$type<ComplianceSettings>().notNull(),
    /** Payment methods taken at handover; checkout refuses the others. */
    paymentMethods: text()
      .array()
      .$type<AcceptedPaymentMethod[]>()
      .notNull()
      .default(sql`'{cash,debit}'::text[]`),
    /** Wizard progress; null for organizations created before the wizard (nothing to resume). */
    onboarding: jsonb().$type<OnboardingProgress>(),
    /** Null until the owner launches the storefront; the storefront 404s until then. */
    launchedAt: timestamp({ withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("organizations_custom_domain_key").on(t.customDomain),
    uniqueIndex("organizations_sms_from_number_key").on(t.smsFromNumber),
    check("organizations_slug_format", sql`${t.slug} ~ '^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$'`),
  ],
);

export type DeliveryZone =
  | {
      id: string;
      name: string;
      kind: "radius";
      radiusMeters: number;
      feeCents: number;
      minimumOrderCents: number;
    }
  | {
      id: string;
      name: string;
      kind: "postal_codes";
      postalCodes: string[];
      feeCents: number;
      minimumOrderCents: number;
    };

/** Location tax rates in basis points of percent; null on a location means the state's defaults apply. */
/**
 * A location's own local rates, laid over its state's rules: the combined state + local sales tax at its
 * address and the local cannabis tax. The excise, exemptions and tax bases are always the state's (rows from
 * before this rule may still hold those keys; they are ignored).
 */
export type LocationTaxRates = {
  salesBps?: number | null;
  localCannabisBps?: number | null;
};

export type OpeningHours = Record<
  "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun",
  { open: string; close: string } | null
>;

/** A calendar day (YYYY-MM-DD, the store's day) the location is closed all day, with the reason shoppers see. */
export type ClosedDay = { date: string; name: string };

export const locations = pgTable(
  "locations",
  {
    id: id(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    slug: text().notNull(),
    name: text().notNull(),
    addressLine1: text().notNull(),
    city: text().notNull(),
    state: char({ length: 2 }).notNull(),
    postalCode: text().notNull(),
    latitude: doublePrecision(),
    longitude: doublePrecision(),
    phone: text(),
    timeZone: text().notNull(),
    hours: jsonb().$type<OpeningHours>().notNull(),
    /** Holidays and other whole days closed, overriding `hours`: no pickup times or delivery windows. */
    closedDays: jsonb().$type<ClosedDay[]>().notNull().default([]),
    pickupEnabled: boolean().notNull().default(true),
    deliveryEnabled: boolean().notNull().default(false),
    /** Minutes the store needs to prepare a pickup order: the earliest pickup time is at least this far ahead. */
    pickupLeadMinutes: integer().notNull().default(15),
    /** Minutes from order to the start of the earliest delivery window. */
    deliveryLeadMinutes: integer().notNull().default(60),
    metrcLicenseNumber: text(),
    /** Washington: the store's license carries the medical cannabis endorsement (RCW 69.50.375). */
    medicalEndorsed: boolean().notNull().default(false),
    deliveryZones: jsonb().$type<DeliveryZone[]>().notNull().default([]),
    taxRates: jsonb().$type<LocationTaxRates>(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique().on(t.organizationId, t.slug),
    check(
      "locations_lead_minutes_range",
      sql`${t.pickupLeadMinutes} between 0 and 1440 and ${t.deliveryLeadMinutes} between 0 and 1440`,
    ),
  ],
);

export const memberships = pgTable(
  "memberships",
  {
    id: id(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: staffRoleEnum().notNull(),
    createdAt: createdAt(),
  },
  (t) => [unique().on(t.organizationId, t.userId), index().on(t.userId)],
);

/** A tenant's shopper: one row per (organization, user). */
export const customers = pgTable(
  "customers",
  {
    id: id(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    userId: text().references(() => users.id, { onDelete: "set null" }),
    isMedicalPatient: boolean().notNull().default(false),
    /** Kept separate from loyalty membership on purpose (SPEC 2). */
    marketingEmailConsent: boolean().notNull().default(false),
    marketingSmsConsent: boolean().notNull().default(false),
    /**
     * Deals and news by web push. Separate from a browser's subscription, which alone only brings order
     * notifications; a marketing push needs this and at least one subscribed browser.
     */
    marketingPushConsent: boolean().notNull().default(false),
    /** The shopper's mobile number for SMS, in E.164 when they saved it here (other sources may differ). */
    phone: text(),
    /** The shopper's own IANA time zone for SMS quiet hours; the store location's when null. */
    timeZone: text(),
    loyaltyMember: boolean().notNull().default(false),
    /** Set when the shopper deleted their account here: personal data is gone, orders stay (retention). */
    erasedAt: timestamp({ withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique().on(t.organizationId, t.userId),
    index().on(t.userId),
    index("customers_organization_phone_idx").on(t.organizationId, t.phone),
  ],
);

export const customerAddresses = pgTable(
  "customer_addresses",
  {
    id: id(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    customerId: uuid()
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    label: text(),
    line1: text().notNull(),
    line2: text(),
    city: text().notNull(),
    state: char({ length: 2 }).notNull(),
    postalCode: text().notNull(),
    latitude: doublePrecision(),
    longitude: doublePrecision(),
    isDefault: boolean().notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.organizationId, t.customerId)],
);

export const identityDocumentStatusEnum = pgEnum("identity_document_status", [
  "pending",
  "approved",
  "rejected",
]);

/** An uploaded ID or medical card, reviewed by staff. The file itself lives in private storage under `fileKey`. */
export const identityDocuments = pgTable(
  "identity_documents",
  {
    id: id(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    customerId: uuid()
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    kind: identityDocumentKindEnum().notNull(),
    status: identityDocumentStatusEnum().notNull().default("pending"),
    documentNumber: text(),
    issuingState: char({ length: 2 }),
    /**
     * The state of the home address printed on the ID, confirmed by staff when they approve it. It decides
     * residency where limits depend on it (Illinois residents may buy twice what visitors may).
     */
    residentState: char({ length: 2 }),
    expiresOn: date({ mode: "string" }),
    fileKey: text(),
    fileContentType: text(),
    reviewedByUserId: text().references(() => users.id, { onDelete: "set null" }),
    reviewedAt: timestamp({ withTimezone: true, mode: "date" }),
    rejectionReason: text(),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.organizationId, t.status, t.createdAt), index().on(t.organizationId, t.customerId)],
);

export const invitations = pgTable(
  "invitations",
  {
    id: id(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    email: text().notNull(),
    role: staffRoleEnum().notNull(),
    tokenHash: text().notNull().unique(),
    invitedByUserId: text().references(() => users.id, { onDelete: "set null" }),
    expiresAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
    acceptedAt: timestamp({ withTimezone: true, mode: "date" }),
    revokedAt: timestamp({ withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.organizationId, t.email)],
);

export const organizationsRelations = relations(organizations, ({ many }) => ({
  locations: many(locations),
  memberships: many(memberships),
  customers: many(customers),
}));

export const locationsRelations = relations(locations, ({ one }) => ({
  organization: one(organizations, { fields: [locations.organizationId], references: [organizations.id] }),
}));

export const membershipsRelations = relations(memberships, ({ one }) => ({
  organization: one(organizations, { fields: [memberships.organizationId], references: [organizations.id] }),
  user: one(users, { fields: [memberships.userId], references: [users.id] }),
}));

export const customersRelations = relations(customers, ({ one }) => ({
  organization: one(organizations, { fields: [customers.organizationId], references: [organizations.id] }),
  user: one(users, { fields: [customers.userId], references: [users.id] }),
}));
