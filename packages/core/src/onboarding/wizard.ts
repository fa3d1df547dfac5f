import { and, count, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import {
  invitations,
  locations,
  memberships,
  organizations,
  products,
  type AcceptedPaymentMethod,
  type ComplianceSettings,
  type OpeningHours,
  type OnboardingProgress,
} from "@cannasaas/db/schema";
import { slugify } from "@cannasaas/validators";
import { STATE_LIMITS } from "../compliance/limits-table";
import { onHandle, type CoreDeps, type ReadStep } from "../deps";
import { DomainError } from "../errors";
import { assertWithinPlanLimit } from "../plans/features";
import { invalidateMenu } from "../catalog/menu-cache";
import { createGeocoder } from "@cannasaas/integrations/geocoder";
import { locateAddress, type Coordinates } from "../locations/settings";
import { invalidateTenantCache } from "../tenancy/tenants";
import { contrastRatio, MIN_CONTRAST } from "./contrast";
import { nextStep, ONBOARDING_STEPS, REQUIRED_FOR_LAUNCH, STEP_LABELS, type OnboardingStep } from "./steps";
import { US_STATES, US_TIME_ZONES } from "./us";

type Deps = Pick<CoreDeps, "db" | "kv" | "clock" | "geocoder">;
type Org = typeof organizations.$inferSelect;

async function loadOrg(db: DbOrTx, organizationId: string, lock = false): Promise<Org> {
  const query = db.select().from(organizations).where(eq(organizations.id, organizationId));
  const [org] = lock ? await query.for("update") : await query;
  if (!org) throw new DomainError("NOT_FOUND", "That organization does not exist.");
  return org;
}

const progressOf = (org: Org): OnboardingProgress =>
  org.onboarding ?? {
    // Organizations from before the wizard: everything they already have counts as done.
    currentStep: "review",
    completedSteps: org.launchedAt ? [...ONBOARDING_STEPS] : [],
  };

/** Marks `step` done and moves the wizard on to the next step (the resume point). */
function advance(org: Org, step: OnboardingStep): OnboardingProgress {
  const progress = progressOf(org);
  const completedSteps = progress.completedSteps.includes(step)
    ? progress.completedSteps
    : [...progress.completedSteps, step];
  return { completedSteps, currentStep: nextStep(step) };
}

/**
 * Applies a change to the organization under a row lock, advances the wizard, and drops the cached tenant so
 * the storefront and checkout see the change at once.
 */
async function saveStep(
  deps: Deps,
  organizationId: string,
  step: OnboardingStep,
  change: (org: Org, tx: DbOrTx) => Promise<Partial<Org>> | Partial<Org>,
) {
  const updated = await deps.db.transaction(async (tx) => {
    const org = await loadOrg(tx, organizationId, true);
    const patch = await change(org, tx);
    const [row] = await tx
      .update(organizations)
      .set({ ...patch, onboarding: advance(org, step) })
      .where(eq(organizations.id, organizationId))
      .returning();
    return row!;
  });
  await invalidateTenantCache(deps.kv, updated);
  return updated;
}

async function counts(db: DbOrTx, organizationId: string) {
  const n = async (query: Promise<{ n: number }[]>) => (await query)[0]?.n ?? 0;
  const [locationCount, productCount, memberCount, pendingInvites] = await Promise.all([
    n(db.select({ n: count() }).from(locations).where(eq(locations.organizationId, organizationId))),
    n(
      db
        .select({ n: count() })
        .from(products)
        .where(and(eq(products.organizationId, organizationId), eq(products.status, "active"))),
    ),
    n(db.select({ n: count() }).from(memberships).where(eq(memberships.organizationId, organizationId))),
    n(
      db
        .select({ n: count() })
        .from(invitations)
        .where(
          and(
            eq(invitations.organizationId, organizationId),
            isNull(invitations.acceptedAt),
            isNull(invitations.revokedAt),
          ),
        ),
    ),
  ]);
  return { locationCount, productCount, memberCount, pendingInvites };
}

/** Whether each step is done: data-backed steps (locations, products) are judged by the data itself. */
function stepStatus(org: Org, c: Awaited<ReturnType<typeof counts>>) {
  const done = new Set(progressOf(org).completedSteps);
  const complete: Record<OnboardingStep, boolean> = {
    business: done.has("business") && Boolean(org.legalName && org.licenseNumber && org.licenseType),
    branding: done.has("branding"),
    locations: c.locationCount > 0,
    payments: done.has("payments") && org.paymentMethods.length > 0,
    products: c.productCount > 0,
    staff: done.has("staff") || c.memberCount > 1 || c.pendingInvites > 0,
    compliance: done.has("compliance"),
    review: org.launchedAt !== null,
  };
  return complete;
}

const MISSING: Record<OnboardingStep, string> = {
  business: "Business info: legal name, license number and license type",
  branding: "Branding",
  locations: "At least one location",
  payments: "At least one accepted payment method",
  products: "At least one active product on the menu",
  staff: "Staff invites",
  compliance: "Compliance settings (review and save them)",
  review: "Launch",
};

/** Everything the wizard shows: settings, what is done, what launch still needs, and the state's limits. */
export async function getOnboarding(deps: Pick<CoreDeps, "db">, organizationId: string) {
  const org = await loadOrg(deps.db, organizationId);
  const c = await counts(deps.db, organizationId);
  const complete = stepStatus(org, c);
  const progress = progressOf(org);
  const limits = STATE_LIMITS[org.state];
  return {
    organization: {
      id: org.id,
      slug: org.slug,
      name: org.name,
      legalName: org.legalName,
      licenseNumber: org.licenseNumber,
      licenseType: org.licenseType,
      state: org.state,
      timeZone: org.timeZone,
      branding: org.branding,
      paymentMethods: org.paymentMethods,
      compliance: org.compliance,
      launchedAt: org.launchedAt,
      plan: org.plan,
    },
    currentStep: (ONBOARDING_STEPS as readonly string[]).includes(progress.currentStep)
      ? (progress.currentStep as OnboardingStep)
      : "business",
    steps: ONBOARDING_STEPS.map((id) => ({ id, label: STEP_LABELS[id], complete: complete[id] })),
    missing: REQUIRED_FOR_LAUNCH.filter((s) => !complete[s]).map((s) => ({ step: s, label: MISSING[s] })),
    counts: c,
    stateLimits: limits
      ? {
          stateName: limits.name,
          adultUse: limits.adultUse.rules.map((r) => `${r.allowedText} of ${r.label} per ${r.scope}`),
          medical: limits.medical.rules.map((r) => `${r.allowedText} of ${r.label} per ${r.scope}`),
        }
      : null,
  };
}

/** Moves the resume point (the owner clicked a step); does not mark anything done. */
export async function goToOnboardingStep(
  deps: Pick<CoreDeps, "db">,
  organizationId: string,
  step: OnboardingStep,
) {
  return deps.db.transaction(async (tx) => {
    const org = await loadOrg(tx, organizationId, true);
    const onboarding = { ...progressOf(org), currentStep: step };
    await tx.update(organizations).set({ onboarding }).where(eq(organizations.id, organizationId));
    return { currentStep: step };
  });
}

export type BusinessInfo = {
  name: string;
  legalName: string;
  licenseNumber: string;
  licenseType: string;
  state: string;
  timeZone: string;
};

export async function saveBusinessInfo(deps: Deps, organizationId: string, input: BusinessInfo) {
  if (!US_STATES[input.state]) {
    throw new DomainError("BAD_REQUEST", "Choose the US state you are licensed in.", { field: "state" });
  }
  if (!US_TIME_ZONES[input.timeZone]) {
    throw new DomainError("BAD_REQUEST", "Choose a US time zone.", { field: "timeZone" });
  }
  return saveStep(deps, organizationId, "business", (org) => {
    if (org.launchedAt && input.state !== org.state) {
      throw new DomainError(
        "BAD_REQUEST",
        "A launched store cannot move to another state: limits and taxes of past orders depend on it.",
        { field: "state" },
      );
    }
    return input;
  });
}

export async function saveBranding(
  deps: Deps,
  organizationId: string,
  input: { primaryColor: string; accentColor: string; logoUrl: string | null },
) {
  const ratio = contrastRatio(input.primaryColor, "#ffffff");
  if (ratio < MIN_CONTRAST) {
    throw new DomainError(
      "BAD_REQUEST",
      `White text on ${input.primaryColor} has a contrast of ${ratio.toFixed(2)}:1; buttons need at least ${MIN_CONTRAST}:1. Choose a darker primary colour.`,
      { field: "primaryColor", ratio },
    );
  }
  return saveStep(deps, organizationId, "branding", (org) => ({
    branding: {
      ...org.branding,
      primaryColor: input.primaryColor,
      accentColor: input.accentColor,
      logoUrl: input.logoUrl,
    },
  }));
}

export type NewLocation = {
  name: string;
  addressLine1: string;
  city: string;
  postalCode: string;
  phone: string | null;
  hours: OpeningHours;
  pickupEnabled: boolean;
  deliveryEnabled: boolean;
};

/** Location slugs: at most 50 characters, "store" for a name with no letters or digits. */
const locationSlug = (name: string) => slugify(name, { maxLength: 50, fallback: "store" });

/**
 * Where a new location goes on the map, found before any transaction: a slow geocoder must hold neither the
 * organization's row nor a connection. The organization's state is read through `read`.
 */
export async function locateNewLocation(
  deps: Pick<Deps, "geocoder"> & { read: ReadStep },
  organizationId: string,
  input: NewLocation,
): Promise<Coordinates> {
  if (!input.pickupEnabled && !input.deliveryEnabled) {
    throw new DomainError("BAD_REQUEST", "Offer pickup, delivery or both at this location.");
  }
  const [org] = await deps.read((db) =>
    db.select({ state: organizations.state }).from(organizations).where(eq(organizations.id, organizationId)),
  );
  if (!org) throw new DomainError("NOT_FOUND", "That organization does not exist.");
  return locateAddress(deps.geocoder ?? createGeocoder(), { ...input, state: org.state });
}

/**
 * Inserts a location located by `locateNewLocation` in the organization's state and time zone, within the
 * plan's location limit. The menu's `locations` tag is renewed by the caller once this has committed.
 */
export async function insertLocation(
  db: Deps["db"],
  organizationId: string,
  input: NewLocation,
  coordinates: Coordinates,
) {
  return db.transaction(async (tx) => {
    const org = await loadOrg(tx, organizationId, true);
    await assertWithinPlanLimit({ db, tx }, organizationId, "locations");
    const base = locationSlug(input.name);
    const taken = await tx
      .select({ slug: locations.slug })
      .from(locations)
      .where(eq(locations.organizationId, organizationId));
    let slug = base;
    for (let i = 2; taken.some((t) => t.slug === slug); i++) slug = `${base}-${i}`;
    const [row] = await tx
      .insert(locations)
      .values({ ...input, ...coordinates, organizationId, slug, state: org.state, timeZone: org.timeZone })
      .returning();
    return row!;
  });
}

/** Adds a location on one handle (see locateNewLocation and insertLocation) and renews the menu's tag. */
export async function addLocation(deps: Deps, organizationId: string, input: NewLocation) {
  const coordinates = await locateNewLocation({ ...deps, read: onHandle(deps.db) }, organizationId, input);
  const added = await insertLocation(deps.db, organizationId, input, coordinates);
  await invalidateMenu(deps.kv, organizationId, "locations");
  return added;
}

export async function removeLocation(deps: Deps, organizationId: string, locationId: string) {
  const org = await loadOrg(deps.db, organizationId);
  if (org.launchedAt) {
    throw new DomainError(
      "BAD_REQUEST",
      "Locations of a launched store keep their order history; edit them instead.",
    );
  }
  const [row] = await deps.db
    .delete(locations)
    .where(and(eq(locations.id, locationId), eq(locations.organizationId, organizationId)))
    .returning({ id: locations.id });
  if (!row) throw new DomainError("NOT_FOUND", "That location does not exist.");
  await invalidateMenu(deps.kv, organizationId, "locations");
  return row;
}

export async function savePaymentMethods(
  deps: Deps,
  organizationId: string,
  methods: AcceptedPaymentMethod[],
) {
  const unique = [...new Set(methods)];
  if (unique.length === 0) {
    throw new DomainError("BAD_REQUEST", "Accept at least one payment method, or shoppers cannot order.");
  }
  return saveStep(deps, organizationId, "payments", () => ({ paymentMethods: unique }));
}

export async function saveComplianceSettings(deps: Deps, organizationId: string, input: ComplianceSettings) {
  if (!input.adultUseEnabled && !input.medicalEnabled) {
    throw new DomainError("BAD_REQUEST", "Serve adult-use shoppers, medical patients or both.");
  }
  return saveStep(deps, organizationId, "compliance", () => ({ compliance: input }));
}

/** Continues past a step whose data lives elsewhere (locations, products) or that may be skipped (staff). */
export async function continueOnboarding(
  deps: Deps,
  organizationId: string,
  step: "locations" | "products" | "staff" | "branding",
) {
  const c = await counts(deps.db, organizationId);
  if (step === "locations" && c.locationCount === 0) {
    throw new DomainError("BAD_REQUEST", "Add at least one location first.");
  }
  if (step === "products" && c.productCount === 0) {
    throw new DomainError("BAD_REQUEST", "Add or import at least one active product first.");
  }
  return saveStep(deps, organizationId, step, () => ({}));
}

/**
 * Opens the storefront. Refused with the list of what is missing; once launched, the cached "not found" for the
 * slug is dropped so the store is public at once. Launching twice keeps the first launch time.
 */
export async function launchStorefront(deps: Deps, organizationId: string) {
  const { missing } = await getOnboarding(deps, organizationId);
  if (missing.length) {
    throw new DomainError(
      "PRECONDITION_FAILED",
      `Before launch, finish: ${missing.map((m) => m.label).join("; ")}.`,
      { missing: missing.map((m) => m.step) },
    );
  }
  const now = deps.clock();
  const updated = await deps.db.transaction(async (tx) => {
    const org = await loadOrg(tx, organizationId, true);
    const [row] = await tx
      .update(organizations)
      .set({
        launchedAt: org.launchedAt ?? now,
        onboarding: { ...advance(org, "review"), currentStep: "review" },
      })
      .where(eq(organizations.id, organizationId))
      .returning();
    return row!;
  });
  await invalidateTenantCache(deps.kv, updated);
  return { id: updated.id, slug: updated.slug, launchedAt: updated.launchedAt };
}
