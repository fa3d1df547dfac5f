import { z } from "zod";
import { zipCodeSchema } from "./address";
import { emailSchema, passwordSchema } from "./credentials";
import { staffRoleSchema } from "./lists";
import { slugSchema } from "./slug";

const text = (label: string, max = 120) =>
  z
    .string({ error: `Enter ${label}.` })
    .trim()
    .min(1, { error: `Enter ${label}.` })
    .max(max, { error: `That ${label.replace(/^(the|your|a) /, "")} is too long.` });

export const stateCodeSchema = z
  .string({ error: "Choose your state." })
  .regex(/^[A-Z]{2}$/, { error: "Choose your state." });

export const dispensarySignUpSchema = z.object({
  ownerName: text("your name"),
  email: emailSchema,
  password: passwordSchema,
  dispensaryName: text("the dispensary's name", 80),
  slug: slugSchema,
  state: stateCodeSchema,
});

export const inviteSchema = z.object({
  email: emailSchema,
  role: staffRoleSchema,
});

export const invitationTokenSchema = z.object({
  token: z
    .string({ error: "This invitation link is incomplete." })
    .regex(/^[A-Za-z0-9_-]{20,100}$/, { error: "This invitation link is incomplete." }),
});

export const acceptAsNewUserSchema = invitationTokenSchema.extend({
  name: text("your name"),
  password: passwordSchema,
});

const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, { error: "Use a hex colour like #1f7a4d." });

export const businessInfoSchema = z.object({
  name: text("the dispensary's name", 80),
  legalName: text("the legal business name", 160),
  licenseNumber: text("the license number", 60),
  licenseType: z.enum(
    ["adult_use_retail", "medical_retail", "combined_retail", "microbusiness", "delivery"],
    {
      error: "Choose the license type.",
    },
  ),
  state: stateCodeSchema,
  timeZone: z.string({ error: "Choose a time zone." }).min(1, { error: "Choose a time zone." }),
});

export const brandingSchema = z.object({
  primaryColor: hexColor,
  accentColor: hexColor,
  logoUrl: z
    .union([
      z.literal(""),
      z.url({ protocol: /^https$/, error: "Use an https:// address for the logo." }),
      z.string().regex(/^\/api\/media\/[a-z0-9/_-]+$/, { error: "Use an https:// address for the logo." }),
    ])
    .transform((v) => v || null),
});

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: "Use a time like 09:00." });
const dayHours = z.object({ open: time, close: time }).nullable();

export const locationSchema = z.object({
  name: text("the location's name", 80),
  addressLine1: text("the street address", 160),
  city: text("the city", 80),
  postalCode: zipCodeSchema,
  phone: z
    .string()
    .trim()
    .max(30)
    .transform((v) => v || null)
    .nullable()
    .default(null),
  hours: z.object({
    mon: dayHours,
    tue: dayHours,
    wed: dayHours,
    thu: dayHours,
    fri: dayHours,
    sat: dayHours,
    sun: dayHours,
  }),
  pickupEnabled: z.boolean(),
  deliveryEnabled: z.boolean(),
});

export const paymentsSchema = z.object({
  methods: z.array(z.enum(["cash", "debit"])).min(1, { error: "Accept at least one payment method." }),
});

/**
 * What one shopper may hold reserved at once through the storefront, so nobody can tie up a store's stock of an
 * item for the two hours a pickup reservation lasts. Stores that never chose get these.
 */
export const SHOPPER_RESERVATION_DEFAULTS = { openOrdersPerShopper: 5, reservedUnitsPerShopper: 50 } as const;

export const complianceSchema = z.object({
  idVerificationRequired: z.boolean(),
  medicalEnabled: z.boolean(),
  adultUseEnabled: z.boolean(),
  idVerificationValidDays: z
    .number({ error: "Enter a number of days." })
    .int({ error: "Enter a whole number of days." })
    .min(1, { error: "IDs must stay valid for at least 1 day." })
    .max(365, { error: "IDs can stay valid for at most 365 days." }),
  openOrdersPerShopper: z
    .number({ error: "Enter a number of orders." })
    .int({ error: "Enter a whole number of orders." })
    .min(1, { error: "Allow at least 1 open order per shopper." })
    .max(50, { error: "Allow at most 50 open orders per shopper." })
    .default(SHOPPER_RESERVATION_DEFAULTS.openOrdersPerShopper),
  reservedUnitsPerShopper: z
    .number({ error: "Enter a number of items." })
    .int({ error: "Enter a whole number of items." })
    .min(1, { error: "Allow at least 1 reserved item per shopper." })
    .max(1000, { error: "Allow at most 1,000 reserved items per shopper." })
    .default(SHOPPER_RESERVATION_DEFAULTS.reservedUnitsPerShopper),
});
