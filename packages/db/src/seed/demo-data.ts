/**
 * Fixed demo tenants, locations and people. Addresses are real streets with plausible numbers;
 * phone numbers use the fictional 555-01xx range; license numbers follow each state's format but
 * are made up. Dates are fixed so the demo never changes with the clock.
 */
import { type Branding, type ComplianceSettings, type OpeningHours, staffRoleEnum } from "../schema";

export type StaffRole = (typeof staffRoleEnum.enumValues)[number];
export const STAFF_ROLES: readonly StaffRole[] = staffRoleEnum.enumValues;

/** Reference "today" for ages in the demo (dates of birth are computed from it, not from the clock). */
export const DEMO_REFERENCE_DATE = "2026-01-01";
/** When the demo staff confirmed their email addresses. */
export const DEMO_EMAIL_VERIFIED_AT = new Date("2025-01-15T17:00:00Z");

export type DemoLocation = {
  slug: string;
  name: string;
  addressLine1: string;
  city: string;
  postalCode: string;
  latitude: number;
  longitude: number;
  phone: string;
  hours: OpeningHours;
  deliveryEnabled: boolean;
  metrcLicenseNumber: string;
};

export type DemoPerson = { email: string; name: string };
export type DemoShopper = DemoPerson & {
  /** Age in whole years on DEMO_REFERENCE_DATE, plus days before that birthday. */
  age: { years: number; days: number };
  isMedicalPatient: boolean;
  marketingEmailConsent: boolean;
  marketingSmsConsent: boolean;
  /** A mobile number (E.164, the 555-01xx range reserved for fiction) for shoppers who take texts. */
  phone?: string;
  loyaltyMember: boolean;
  note: string;
};

export type DemoOrg = {
  slug: string;
  name: string;
  legalName: string;
  licenseNumber: string;
  licenseType: string;
  state: string;
  timeZone: string;
  branding: Branding;
  plan: "starter" | "professional" | "enterprise";
  compliance: ComplianceSettings;
  launchedAt: Date | null;
  /** SKU prefix, e.g. "GL" in GL-000123-35. */
  skuPrefix: string;
  /** Brand used for items without one (the flower built from Kushy strains, accessories). */
  houseBrand: string;
  /** Multiplier on derived prices for this market (see pricing.ts). */
  priceIndex: number;
  /** Share of the Kushy pool (per mille) this organization's menu takes. */
  /** Which half of the product pool the store sells (0 or 1); null for a store with no products yet. */
  menuHalf: 0 | 1 | null;
  locations: DemoLocation[];
  staff: Partial<Record<StaffRole, DemoPerson>>;
  shoppers: DemoShopper[];
};

function hours(open: string, close: string, sunday: { open: string; close: string } | null): OpeningHours {
  const day = { open, close };
  return { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: sunday };
}

export const DEMO_ORGS: readonly DemoOrg[] = [
  {
    slug: "greenleaf",
    name: "Greenleaf Dispensary",
    legalName: "Greenleaf Wellness Group, LLC",
    licenseNumber: "C10-0000482-LIC",
    licenseType: "Type 10 Retailer (Adult-Use and Medicinal)",
    state: "CA",
    timeZone: "America/Los_Angeles",
    branding: {
      primaryColor: "#1F7A4D",
      accentColor: "#F2C14E",
      logoUrl: null,
      faviconUrl: null,
      tagline: "Neighborhood cannabis, grown with care.",
    },
    plan: "professional",
    compliance: {
      idVerificationRequired: true,
      medicalEnabled: true,
      adultUseEnabled: true,
      idVerificationValidDays: 90,
    },
    launchedAt: new Date("2025-03-01T17:00:00Z"),
    skuPrefix: "GL",
    houseBrand: "Greenleaf Farms",
    priceIndex: 1,
    menuHalf: 0,
    locations: [
      {
        slug: "mission-district",
        name: "Greenleaf Mission District",
        addressLine1: "2150 Mission St",
        city: "San Francisco",
        postalCode: "94110",
        latitude: 37.7626,
        longitude: -122.4194,
        phone: "+1 415-555-0142",
        hours: hours("09:00", "21:00", { open: "10:00", close: "20:00" }),
        deliveryEnabled: true,
        metrcLicenseNumber: "C10-0000482-LIC",
      },
      {
        slug: "oakland-uptown",
        name: "Greenleaf Oakland Uptown",
        addressLine1: "1817 Telegraph Ave",
        city: "Oakland",
        postalCode: "94612",
        latitude: 37.8085,
        longitude: -122.2698,
        phone: "+1 510-555-0178",
        hours: hours("10:00", "21:00", { open: "10:00", close: "18:00" }),
        deliveryEnabled: false,
        metrcLicenseNumber: "C10-0000917-LIC",
      },
    ],
    staff: {
      owner: { email: "owner@greenleaf.test", name: "Maya Thompson" },
      admin: { email: "admin@greenleaf.test", name: "Daniel Reyes" },
      manager: { email: "manager@greenleaf.test", name: "Priya Natarajan" },
      budtender: { email: "budtender@greenleaf.test", name: "Jordan Ellis" },
      driver: { email: "driver@greenleaf.test", name: "Luis Ortega" },
      viewer: { email: "viewer@greenleaf.test", name: "Hannah Brooks" },
    },
    shoppers: [
      {
        email: "shopper@greenleaf.test",
        name: "Alex Carter",
        age: { years: 30, days: 140 },
        isMedicalPatient: false,
        marketingEmailConsent: true,
        marketingSmsConsent: false,
        loyaltyMember: true,
        note: "adult-use shopper, 30",
      },
      {
        email: "patient@greenleaf.test",
        name: "Rosa Delgado",
        age: { years: 52, days: 61 },
        isMedicalPatient: true,
        marketingEmailConsent: false,
        marketingSmsConsent: false,
        loyaltyMember: true,
        note: "medical patient, 52",
      },
      {
        email: "under21@greenleaf.test",
        name: "Tyler Nguyen",
        age: { years: 19, days: 200 },
        isMedicalPatient: false,
        marketingEmailConsent: false,
        marketingSmsConsent: false,
        loyaltyMember: false,
        note: "under 21 (19): must be refused",
      },
    ],
  },
  {
    slug: "mile-high",
    name: "Mile High Cannabis Co.",
    legalName: "Mile High Cannabis Company, LLC",
    licenseNumber: "402R-00804",
    licenseType: "Retail Marijuana Store",
    state: "CO",
    timeZone: "America/Denver",
    branding: {
      primaryColor: "#3B2A6B",
      accentColor: "#F28C28",
      logoUrl: null,
      faviconUrl: null,
      tagline: "Elevated cannabis since 2014.",
    },
    plan: "enterprise",
    compliance: {
      idVerificationRequired: true,
      medicalEnabled: true,
      adultUseEnabled: true,
      idVerificationValidDays: 90,
    },
    launchedAt: new Date("2024-11-15T16:00:00Z"),
    skuPrefix: "MH",
    houseBrand: "Mile High Reserve",
    priceIndex: 0.9,
    menuHalf: 1,
    locations: [
      {
        slug: "rino",
        name: "Mile High RiNo",
        addressLine1: "2845 Larimer St",
        city: "Denver",
        postalCode: "80205",
        latitude: 39.7599,
        longitude: -104.9832,
        phone: "+1 303-555-0126",
        hours: hours("08:00", "22:00", { open: "09:00", close: "21:00" }),
        deliveryEnabled: true,
        metrcLicenseNumber: "402R-00804",
      },
      {
        slug: "boulder-pearl",
        name: "Mile High Boulder",
        addressLine1: "1720 Pearl St",
        city: "Boulder",
        postalCode: "80302",
        latitude: 40.0189,
        longitude: -105.2747,
        phone: "+1 720-555-0163",
        hours: hours("09:00", "21:00", { open: "10:00", close: "19:00" }),
        deliveryEnabled: false,
        metrcLicenseNumber: "402R-01127",
      },
    ],
    staff: {
      owner: { email: "owner@mile-high.test", name: "Grace Whitaker" },
      admin: { email: "admin@mile-high.test", name: "Marcus Bell" },
      manager: { email: "manager@mile-high.test", name: "Elena Sokolova" },
      budtender: { email: "budtender@mile-high.test", name: "Kai Morgan" },
      driver: { email: "driver@mile-high.test", name: "Andre Jackson" },
      viewer: { email: "viewer@mile-high.test", name: "Sophie Lambert" },
    },
    shoppers: [
      {
        email: "shopper@mile-high.test",
        name: "Chris Walker",
        age: { years: 34, days: 75 },
        isMedicalPatient: false,
        marketingEmailConsent: true,
        marketingSmsConsent: true,
        phone: "+13035550134",
        loyaltyMember: true,
        note: "adult-use shopper, 34",
      },
      {
        email: "patient@mile-high.test",
        name: "Dana Fischer",
        age: { years: 41, days: 300 },
        isMedicalPatient: true,
        marketingEmailConsent: false,
        marketingSmsConsent: false,
        loyaltyMember: false,
        note: "medical patient, 41",
      },
      {
        email: "under21@mile-high.test",
        name: "Riley Parker",
        age: { years: 19, days: 45 },
        isMedicalPatient: false,
        marketingEmailConsent: false,
        marketingSmsConsent: false,
        loyaltyMember: false,
        note: "under 21 (19): must be refused",
      },
    ],
  },
  {
    slug: "dormant",
    name: "Pioneer Valley Provisions",
    legalName: "Pioneer Valley Provisions, Inc.",
    licenseNumber: "MR282301",
    licenseType: "Marijuana Retailer",
    state: "MA",
    timeZone: "America/New_York",
    branding: {
      primaryColor: "#0E4D64",
      accentColor: "#E0A458",
      logoUrl: null,
      faviconUrl: null,
      tagline: null,
    },
    plan: "starter",
    compliance: {
      idVerificationRequired: true,
      medicalEnabled: false,
      adultUseEnabled: true,
      idVerificationValidDays: 90,
    },
    launchedAt: null,
    skuPrefix: "PV",
    houseBrand: "Pioneer Valley",
    priceIndex: 1,
    menuHalf: null,
    locations: [
      {
        slug: "northampton",
        name: "Pioneer Valley Northampton",
        addressLine1: "118 Pleasant St",
        city: "Northampton",
        postalCode: "01060",
        latitude: 42.3179,
        longitude: -72.6301,
        phone: "+1 413-555-0117",
        hours: hours("10:00", "20:00", { open: "12:00", close: "17:00" }),
        deliveryEnabled: false,
        metrcLicenseNumber: "MR282301",
      },
    ],
    staff: { owner: { email: "owner@dormant.test", name: "Nora Kelleher" } },
    shoppers: [],
  },
];

/** Manager at both live dispensaries, for the organization switcher. */
export const MULTI_ORG_USER = {
  email: "multi@cannasaas.test",
  name: "Sam Rivera",
  role: "manager" as StaffRole,
  orgs: ["greenleaf", "mile-high"],
};

/** 'YYYY-MM-DD' for someone who is `years` old plus `days` on DEMO_REFERENCE_DATE. */
export function dateOfBirth(age: { years: number; days: number }, reference = DEMO_REFERENCE_DATE): string {
  const ref = new Date(`${reference}T00:00:00Z`);
  const birthday = new Date(Date.UTC(ref.getUTCFullYear() - age.years, ref.getUTCMonth(), ref.getUTCDate()));
  birthday.setUTCDate(birthday.getUTCDate() - age.days);
  return birthday.toISOString().slice(0, 10);
}

export type DemoAccount = {
  /** Organization slug the sign-in is for. */
  org: string;
  role: StaffRole | "shopper";
  email: string;
  note?: string;
};

/** Every demo sign-in (all share DEMO_PASSWORD), for the README and the seed command's output. */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = DEMO_ORGS.flatMap((org): DemoAccount[] => [
  ...STAFF_ROLES.flatMap((role): DemoAccount[] => {
    const person = org.staff[role];
    return person
      ? [{ org: org.slug, role, email: person.email, ...(org.launchedAt ? {} : { note: "not launched" }) }]
      : [];
  }),
  ...(MULTI_ORG_USER.orgs.includes(org.slug)
    ? [
        {
          org: org.slug,
          role: MULTI_ORG_USER.role,
          email: MULTI_ORG_USER.email,
          note: "manager at greenleaf and mile-high (org switcher)",
        },
      ]
    : []),
  ...org.shoppers.map((s): DemoAccount => ({ org: org.slug, role: "shopper", email: s.email, note: s.note })),
]);
