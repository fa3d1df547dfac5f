import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import type { DatabaseHandle } from "@cannasaas/db/client";
import { categories, memberships, organizations, products, users } from "@cannasaas/db/schema";
import { createTestDatabase } from "@cannasaas/db/testing";
import {
  addLocation,
  contrastRatio,
  continueOnboarding,
  DomainError,
  getOnboarding,
  goToOnboardingStep,
  launchStorefront,
  placeOrder,
  resolvePublicTenant,
  resolveTenant,
  saveBranding,
  saveBusinessInfo,
  saveComplianceSettings,
  savePaymentMethods,
  signUpDispensary,
} from "../src";
import { createFixtureTenant, createTestKv } from "../src/testing";

let handle: DatabaseHandle;
let kv: Awaited<ReturnType<typeof createTestKv>>;
const now = new Date("2026-04-01T15:00:00Z");
const deps = () => ({ db: handle.db, kv: kv.kv, clock: () => now });

beforeAll(async () => {
  handle = await createTestDatabase();
  kv = await createTestKv();
  await createFixtureTenant(handle.db, { tag: "taken", passwordHash: "x" });
});
afterAll(async () => {
  await kv?.close();
  await handle?.close();
});

async function failure(promise: Promise<unknown>) {
  const error = await promise.then(
    () => new Error("expected a failure"),
    (e: unknown) => e,
  );
  if (!(error instanceof DomainError)) throw error;
  return error;
}

async function rowCounts() {
  const n = async (t: typeof users | typeof organizations | typeof memberships) =>
    (await handle.db.select({ n: count() }).from(t))[0]!.n;
  return { users: await n(users), organizations: await n(organizations), memberships: await n(memberships) };
}

/** Who the sign-up asked to email, and whether as a new owner (with the organization) or an existing one. */
const notices: { email: string; userId: string | null; organizationId: string | null }[] = [];
const attempt = (overrides: Partial<Parameters<typeof signUpDispensary>[1]> = {}) =>
  signUpDispensary(
    deps(),
    {
      ownerName: "Olive Owner",
      email: "olive@new-store.test",
      passwordHash: "hash",
      dispensaryName: "Olive Branch",
      slug: "olive-branch",
      state: "CO",
      ...overrides,
    },
    async (_tx, owner) => {
      notices.push(owner);
      return [];
    },
  );
/** A sign-up expected to open a dispensary. */
const signUp = async (overrides: Partial<Parameters<typeof signUpDispensary>[1]> = {}) => {
  const { created } = await attempt(overrides);
  if (!created) throw new Error("expected a new dispensary");
  return created;
};

const hours = {
  mon: { open: "09:00", close: "21:00" },
  tue: { open: "09:00", close: "21:00" },
  wed: { open: "09:00", close: "21:00" },
  thu: { open: "09:00", close: "21:00" },
  fri: { open: "09:00", close: "21:00" },
  sat: { open: "10:00", close: "20:00" },
  sun: null,
};

describe("dispensary sign-up", () => {
  it("refuses taken, reserved and malformed addresses, writing nothing", async () => {
    const before = await rowCounts();
    expect((await failure(attempt({ slug: "taken" }))).code).toBe("CONFLICT");
    expect((await failure(attempt({ slug: "dashboard" }))).message).toContain("reserved");
    expect((await failure(attempt({ slug: "-bad-" }))).code).toBe("BAD_REQUEST");
    expect((await failure(attempt({ state: "ZZ" }))).code).toBe("BAD_REQUEST");
    expect(await rowCounts()).toEqual(before);
    expect(notices).toEqual([]);
  });

  it("an email that already has an account creates nothing and is noticed only, in the same answer", async () => {
    const before = await rowCounts();
    expect(await attempt({ email: "owner@taken.test", slug: "fresh-slug" })).toEqual({
      created: null,
      outboxIds: [],
    });
    expect(notices.at(-1)).toEqual({ email: "owner@taken.test", userId: null, organizationId: null });
    expect(await rowCounts()).toEqual(before);
    expect(await resolveTenant(deps(), "fresh-slug")).toBeNull();
  });

  it("creates the owner, the organization on a starter trial, the owner membership and the categories together", async () => {
    const before = await rowCounts();
    const created = await signUp();
    // The owner confirms the email before the first sign-in.
    expect(notices.at(-1)).toEqual({
      email: "olive@new-store.test",
      userId: created.userId,
      organizationId: created.organizationId,
    });
    const [owner] = await handle.db.select().from(users).where(eq(users.id, created.userId));
    expect(owner?.emailVerified).toBeNull();
    expect(await rowCounts()).toEqual({
      users: before.users + 1,
      organizations: before.organizations + 1,
      memberships: before.memberships + 1,
    });
    const [org] = await handle.db
      .select()
      .from(organizations)
      .where(eq(organizations.id, created.organizationId));
    expect(org).toMatchObject({
      slug: "olive-branch",
      name: "Olive Branch",
      state: "CO",
      timeZone: "America/Denver",
      plan: "starter",
      subscriptionStatus: "trialing",
      launchedAt: null,
      onboarding: { currentStep: "business", completedSteps: [] },
    });
    expect(org!.trialEndsAt!.getTime() - now.getTime()).toBe(14 * 24 * 60 * 60_000);
    const [member] = await handle.db
      .select()
      .from(memberships)
      .where(eq(memberships.organizationId, created.organizationId));
    expect(member).toMatchObject({ userId: created.userId, role: "owner" });
    const cats = await handle.db
      .select()
      .from(categories)
      .where(eq(categories.organizationId, created.organizationId));
    expect(cats.map((c) => c.slug)).toContain("flower");
    // Not public until launch.
    expect(await resolvePublicTenant(deps(), "olive-branch")).toBeNull();
  });

  it("a second sign-up with the same address or email loses with nothing written", async () => {
    const before = await rowCounts();
    expect((await failure(attempt({ email: "other@new-store.test" }))).code).toBe("CONFLICT");
    expect((await attempt({ slug: "another-one" })).created).toBeNull();
    expect(await rowCounts()).toEqual(before);
  });
});

describe("onboarding wizard", () => {
  let orgId: string;
  beforeAll(async () => {
    orgId = (await signUp({ email: "wiz@new-store.test", slug: "wizard-store", state: "CA" })).organizationId;
  });

  it("resumes at the step after the last one saved", async () => {
    expect((await getOnboarding(deps(), orgId)).currentStep).toBe("business");
    await saveBusinessInfo(deps(), orgId, {
      name: "Wizard Store",
      legalName: "Wizard Store LLC",
      licenseNumber: "C10-0000001-LIC",
      licenseType: "adult_use_retail",
      state: "CA",
      timeZone: "America/Los_Angeles",
    });
    const state = await getOnboarding(deps(), orgId);
    expect(state.currentStep).toBe("branding");
    expect(state.steps.find((s) => s.id === "business")?.complete).toBe(true);
    expect(state.organization).toMatchObject({ legalName: "Wizard Store LLC", name: "Wizard Store" });
    await goToOnboardingStep(deps(), orgId, "payments");
    expect((await getOnboarding(deps(), orgId)).currentStep).toBe("payments");
  });

  it("refuses a primary colour white text cannot be read on, and saves a readable one", async () => {
    expect(contrastRatio("#ffffff", "#000000")).toBeCloseTo(21, 5);
    const pale = await failure(
      saveBranding(deps(), orgId, { primaryColor: "#a3e635", accentColor: "#f2b705", logoUrl: null }),
    );
    expect(pale.message).toContain(":1");
    await saveBranding(deps(), orgId, {
      primaryColor: "#14532d",
      accentColor: "#f2b705",
      logoUrl: "https://example.test/logo.png",
    });
    expect((await getOnboarding(deps(), orgId)).organization.branding).toMatchObject({
      primaryColor: "#14532d",
      logoUrl: "https://example.test/logo.png",
    });
  });

  it("adds a location within the starter plan's single location", async () => {
    expect((await failure(continueOnboarding(deps(), orgId, "locations"))).message).toContain("location");
    const location = {
      name: "Main Street",
      addressLine1: "1 Main St",
      city: "Oakland",
      postalCode: "94601",
      phone: null,
      hours,
      pickupEnabled: true,
      deliveryEnabled: false,
    };
    const added = await addLocation(deps(), orgId, location);
    expect(added).toMatchObject({ organizationId: orgId, state: "CA", timeZone: "America/Los_Angeles" });
    const second = await failure(addLocation(deps(), orgId, { ...location, name: "Second" }));
    expect(second.message).toContain("Starter plan allows 1 locations");
  });

  it("launch lists what is missing and changes nothing until it is all there", async () => {
    const refused = await failure(launchStorefront(deps(), orgId));
    expect(refused.code).toBe("PRECONDITION_FAILED");
    expect(refused.details?.missing).toEqual(["payments", "products", "compliance"]);
    expect((await resolveTenant(deps(), "wizard-store"))?.launched).toBe(false);

    expect((await failure(savePaymentMethods(deps(), orgId, []))).code).toBe("BAD_REQUEST");
    await savePaymentMethods(deps(), orgId, ["cash"]);
    expect(
      (
        await failure(
          saveComplianceSettings(deps(), orgId, {
            idVerificationRequired: true,
            medicalEnabled: false,
            adultUseEnabled: false,
            idVerificationValidDays: 90,
          }),
        )
      ).code,
    ).toBe("BAD_REQUEST");
    await saveComplianceSettings(deps(), orgId, {
      idVerificationRequired: true,
      medicalEnabled: true,
      adultUseEnabled: true,
      idVerificationValidDays: 60,
    });
    expect((await failure(continueOnboarding(deps(), orgId, "products"))).message).toContain("product");
    const [flower] = await handle.db.select().from(categories).where(eq(categories.organizationId, orgId));
    await handle.db
      .insert(products)
      .values({ organizationId: orgId, categoryId: flower!.id, slug: "first", name: "First Flower" });
    await continueOnboarding(deps(), orgId, "products");
    const state = await getOnboarding(deps(), orgId);
    expect(state.missing).toEqual([]);
    expect(state.stateLimits?.stateName).toBe("California");
  });

  it("launch makes the storefront public at once, even with a cached miss", async () => {
    expect(await resolvePublicTenant(deps(), "wizard-store")).toBeNull(); // caches the miss
    const launched = await launchStorefront(deps(), orgId);
    expect(launched.launchedAt).toEqual(now);
    const tenant = await resolvePublicTenant(deps(), "wizard-store");
    expect(tenant).toMatchObject({
      name: "Wizard Store",
      paymentMethods: ["cash"],
      medicalEnabled: true,
      branding: { primaryColor: "#14532d" },
    });
    // Launching again keeps the first launch time; a launched store cannot change state.
    expect((await launchStorefront({ ...deps(), clock: () => new Date() }, orgId)).launchedAt).toEqual(now);
    const move = await failure(
      saveBusinessInfo(deps(), orgId, {
        name: "Wizard Store",
        legalName: "Wizard Store LLC",
        licenseNumber: "C10-0000001-LIC",
        licenseType: "adult_use_retail",
        state: "NV",
        timeZone: "America/Los_Angeles",
      }),
    );
    expect(move.code).toBe("BAD_REQUEST");
  });
});

describe("accepted payment methods", () => {
  it("checkout refuses a method the store does not accept, before touching the cart", async () => {
    const fixture = await createFixtureTenant(handle.db, { tag: "cash-only", passwordHash: "x" });
    await savePaymentMethods(deps(), fixture.org.id, ["cash"]);
    const tenant = (await resolvePublicTenant(deps(), "cash-only"))!;
    expect(tenant.paymentMethods).toEqual(["cash"]);
    const order = (paymentMethod: "cash" | "debit") =>
      placeOrder({ ...deps(), log: undefined }, tenant, {
        customerId: fixture.shopper.customerId,
        cartId: "00000000-0000-4000-8000-000000000000",
        purchaser: "adult_use",
        paymentMethod,
      });
    const debit = await failure(order("debit"));
    expect(debit.message).toBe("This store does not take debit payments. Choose cash at pickup or delivery.");
    // Cash passes the payment check and fails later, on the (missing) cart.
    expect((await failure(order("cash"))).code).toBe("NOT_FOUND");
  });
});
