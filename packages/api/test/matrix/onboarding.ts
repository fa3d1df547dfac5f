import { expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import { auditEvents, categories, locations, organizations, products, users } from "@cannasaas/db/schema";
import { codeOf, outboxPayload, tokenFrom, trpcError } from "../helpers";
import { refusesOffPlatform, refusesOutsideOwnDashboard } from "./dashboard-guard";
import { asOwner, dispensaryD, openDispensary, type Dispensary } from "./dispensary";
import { A, api, B, C, delivered, handle, HOST, multi, orgRow, staff } from "./world";

const hours = {
  mon: { open: "09:00", close: "21:00" },
  tue: { open: "09:00", close: "21:00" },
  wed: { open: "09:00", close: "21:00" },
  thu: { open: "09:00", close: "21:00" },
  fri: { open: "09:00", close: "21:00" },
  sat: null,
  sun: null,
};
const location = {
  name: "Downtown",
  addressLine1: "5 Market St",
  city: "Oakland",
  postalCode: "94607",
  phone: null,
  hours,
  pickupEnabled: true,
  deliveryEnabled: false,
};
const business = {
  name: "Renamed Store",
  legalName: "Renamed LLC",
  licenseNumber: "C10-123",
  licenseType: "adult_use_retail" as const,
  state: "CA",
  timeZone: "America/Los_Angeles",
};
const compliance = {
  idVerificationRequired: true,
  medicalEnabled: false,
  adultUseEnabled: true,
  idVerificationValidDays: 90,
};

const counts = async () => {
  const n = async (t: typeof users | typeof organizations) =>
    (await handle.db.select({ n: count() }).from(t))[0]!.n;
  return { users: await n(users), organizations: await n(organizations) };
};
const locationsOf = (orgId: string) =>
  handle.db.select().from(locations).where(eq(locations.organizationId, orgId));
/** What a refused wizard call at A or B must leave alone. */
const abSnapshot = async () => [await orgRow(A.org.id), await orgRow(B.org.id), await locationsOf(A.org.id)];

/** A's owner (member of A only) pointed at D: refused, D unchanged. */
function refusesOtherOwnersAtD(call: (c: Awaited<ReturnType<typeof api>>) => Promise<unknown>) {
  it("refuses another organization's owner with D as the active organization", async () => {
    const d = await dispensaryD();
    const before = await orgRow(d.orgId);
    expect(await codeOf(call(await api(HOST.platform, { user: staff(A, "owner"), org: d.orgId })))).toBe(
      "FORBIDDEN",
    );
    expect(await orgRow(d.orgId)).toEqual(before);
  });
}

async function addProduct(d: Dispensary) {
  const [cat] = await handle.db.select().from(categories).where(eq(categories.organizationId, d.orgId));
  await handle.db
    .insert(products)
    .values({ organizationId: d.orgId, categoryId: cat!.id, slug: "p1", name: "P1" });
}

export const onboardingEntries: Record<string, () => void> = {
  "onboarding.checkSlug": () => {
    it("says whether an address is free, on the platform domain", async () => {
      const platform = await api(HOST.platform);
      expect(await platform.onboarding.checkSlug({ slug: "mx-a" })).toMatchObject({ available: false });
      expect(await platform.onboarding.checkSlug({ slug: "api" })).toMatchObject({ available: false });
      expect(await platform.onboarding.checkSlug({ slug: "free-address" })).toMatchObject({
        available: true,
      });
    });
    refusesOffPlatform((c) => c.onboarding.checkSlug({ slug: "free-address" }));
  },

  "onboarding.signUp": () => {
    it("opens an unlaunched dispensary owned by the new user, and refuses a taken address with nothing written", async () => {
      const d = await openDispensary();
      const org = await orgRow(d.orgId);
      expect(org).toMatchObject({ plan: "starter", subscriptionStatus: "trialing", launchedAt: null });
      expect(await (await api(HOST.platform, { user: d.owner })).organization.memberships()).toEqual([
        { organizationId: d.orgId, slug: d.slug, name: org.name, role: "owner", timeZone: org.timeZone },
      ]);
      const before = await counts();
      const taken = await trpcError(
        (await api(HOST.platform)).onboarding.signUp({
          ownerName: "X",
          email: "x-new@example.test",
          password: "a-long-enough-password",
          dispensaryName: "X",
          slug: "mx-a",
          state: "CA",
        }),
      );
      expect(taken.code).toBe("CONFLICT");
      expect(await counts()).toEqual(before);
    });
    it("answers an existing owner's email like a new one, creating nothing and emailing that owner", async () => {
      const input = (email: string, slug: string) => ({
        ownerName: "Probe",
        email,
        password: "a-long-enough-password",
        dispensaryName: "Probe",
        slug,
        state: "CA",
      });
      const platform = await api(HOST.platform);
      const fresh = await platform.onboarding.signUp(input("probe-new@example.test", "probe-new"));
      const before = await counts();
      const deliveredBefore = delivered.length;
      const existing = A.staff.owner.email;
      expect(await platform.onboarding.signUp(input(existing.toUpperCase(), "probe-existing"))).toEqual(
        fresh,
      );
      expect(await counts()).toEqual(before);
      expect(await platform.onboarding.checkSlug({ slug: "probe-existing" })).toMatchObject({
        available: true,
      });
      const sent = delivered.slice(deliveredBefore);
      expect(sent).toHaveLength(1);
      const { row, payload } = await outboxPayload(handle.db, sent[0]!);
      expect(row).toMatchObject({ organizationId: null, topic: "auth.account_exists" });
      expect(payload.to).toBe(existing);
      expect(payload.text).toContain(`http://${HOST.platform}/dashboard/sign-in`);
    });
    it("a new owner confirms the email before signing in: the link is on the platform", async () => {
      const deliveredBefore = delivered.length;
      await openDispensary("mx-confirm");
      const [owner] = await handle.db.select().from(users).where(eq(users.email, "owner@mx-confirm.test"));
      expect(owner?.emailVerified).toBeNull();
      const { payload } = await outboxPayload(handle.db, delivered[deliveredBefore]!);
      expect(payload.to).toBe("owner@mx-confirm.test");
      const token = tokenFrom(payload, "/verify-email");
      expect(payload.text).toContain(`http://${HOST.platform}/verify-email?token=`);
      await (await api(HOST.platform)).account.verifyEmail({ token });
      const [after] = await handle.db.select().from(users).where(eq(users.email, "owner@mx-confirm.test"));
      expect(after?.emailVerified).toBeInstanceOf(Date);
    });
    refusesOffPlatform(
      (c) =>
        c.onboarding.signUp({
          ownerName: "Off",
          email: "off-platform@example.test",
          password: "a-long-enough-password",
          dispensaryName: "Off",
          slug: "off-platform",
          state: "CA",
        }),
      counts,
    );
  },

  "onboarding.state": () => {
    it("shows the active organization's wizard only", async () => {
      const d = await dispensaryD();
      const state = await (await asOwner(d)).onboarding.state();
      expect(state.organization.id).toBe(d.orgId);
      expect(state.missing.map((m) => m.step)).toContain("business");
      const atA = await (
        await api(HOST.platform, { user: staff(A, "viewer"), org: A.org.id })
      ).onboarding.state();
      expect(atA.organization.id).toBe(A.org.id);
    });
    refusesOutsideOwnDashboard((c) => c.onboarding.state());
    refusesOtherOwnersAtD((c) => c.onboarding.state());
  },

  "onboarding.goTo": () => {
    it("moves the resume point of the active organization only", async () => {
      const d = await openDispensary();
      await (await asOwner(d)).onboarding.goTo({ step: "compliance" });
      expect((await orgRow(d.orgId)).onboarding?.currentStep).toBe("compliance");
    });
    refusesOutsideOwnDashboard((c) => c.onboarding.goTo({ step: "review" }), abSnapshot);
    refusesOtherOwnersAtD((c) => c.onboarding.goTo({ step: "review" }));
  },

  "onboarding.saveBusiness": () => {
    it("saves the active organization's details and nobody else's", async () => {
      const d = await openDispensary();
      const before = await abSnapshot();
      await (await asOwner(d)).onboarding.saveBusiness(business);
      expect(await orgRow(d.orgId)).toMatchObject({ name: "Renamed Store", licenseNumber: "C10-123" });
      expect(await abSnapshot()).toEqual(before);
    });
    it("refuses a manager (no organization.update)", async () => {
      expect(
        await codeOf(
          (await api(HOST.platform, { user: staff(A, "manager"), org: A.org.id })).onboarding.saveBusiness(
            business,
          ),
        ),
      ).toBe("FORBIDDEN");
    });
    refusesOutsideOwnDashboard((c) => c.onboarding.saveBusiness(business), abSnapshot);
    refusesOtherOwnersAtD((c) => c.onboarding.saveBusiness(business));
  },

  "onboarding.saveBranding": () => {
    const branding = { primaryColor: "#14532d", accentColor: "#f2b705", logoUrl: "" };
    it("saves the active organization's colours and refuses unreadable ones", async () => {
      const d = await openDispensary();
      const owner = await asOwner(d);
      await owner.onboarding.saveBranding(branding);
      expect((await orgRow(d.orgId)).branding).toMatchObject({ primaryColor: "#14532d", logoUrl: null });
      expect(await codeOf(owner.onboarding.saveBranding({ ...branding, primaryColor: "#ffff00" }))).toBe(
        "BAD_REQUEST",
      );
    });
    refusesOutsideOwnDashboard((c) => c.onboarding.saveBranding(branding), abSnapshot);
    refusesOtherOwnersAtD((c) => c.onboarding.saveBranding(branding));
  },

  "onboarding.addLocation": () => {
    it("adds to the active organization only, within the plan", async () => {
      const d = await openDispensary();
      const owner = await asOwner(d);
      const added = await owner.onboarding.addLocation(location);
      expect(added.organizationId).toBe(d.orgId);
      expect(await codeOf(owner.onboarding.addLocation({ ...location, name: "Second" }))).toBe("FORBIDDEN");
      expect((await locationsOf(A.org.id)).some((l) => l.name === "Downtown")).toBe(false);
    });
    refusesOutsideOwnDashboard((c) => c.onboarding.addLocation(location), abSnapshot);
    refusesOtherOwnersAtD((c) => c.onboarding.addLocation(location));
  },

  "onboarding.removeLocation": () => {
    it("cannot remove another organization's location", async () => {
      const d = await openDispensary();
      const before = await locationsOf(A.org.id);
      expect(
        await codeOf((await asOwner(d)).onboarding.removeLocation({ locationId: A.locations[0]!.id })),
      ).toBe("NOT_FOUND");
      expect(await locationsOf(A.org.id)).toEqual(before);
      const own = await (await asOwner(d)).onboarding.addLocation(location);
      await (await asOwner(d)).onboarding.removeLocation({ locationId: own.id });
      expect(await locationsOf(d.orgId)).toEqual([]);
    });
    refusesOutsideOwnDashboard(
      (c) => c.onboarding.removeLocation({ locationId: B.locations[0]!.id }),
      abSnapshot,
    );
  },

  "onboarding.setMedicalEndorsement": () => {
    it("sets a Washington location's endorsement in the active organization only, and records who did", async () => {
      const d = await openDispensary();
      const owner = await asOwner(d);
      const store = await owner.onboarding.addLocation(location);
      // A state without the license cannot claim it (the dispensary is in California).
      expect(
        await codeOf(owner.onboarding.setMedicalEndorsement({ locationId: store.id, endorsed: true })),
      ).toBe("BAD_REQUEST");
      await handle.db.update(locations).set({ state: "WA" }).where(eq(locations.id, store.id));
      expect(await owner.onboarding.setMedicalEndorsement({ locationId: store.id, endorsed: true })).toEqual({
        id: store.id,
        medicalEndorsed: true,
      });
      const [audit] = await handle.db
        .select()
        .from(auditEvents)
        .where(eq(auditEvents.action, "onboarding.setMedicalEndorsement"));
      expect(audit).toMatchObject({ organizationId: d.orgId, actorId: d.owner.id });
      const before = await locationsOf(A.org.id);
      expect(
        await codeOf(
          owner.onboarding.setMedicalEndorsement({ locationId: A.locations[0]!.id, endorsed: false }),
        ),
      ).toBe("NOT_FOUND");
      expect(await locationsOf(A.org.id)).toEqual(before);
    });
    refusesOutsideOwnDashboard(
      (c) => c.onboarding.setMedicalEndorsement({ locationId: B.locations[0]!.id, endorsed: true }),
      abSnapshot,
    );
  },

  "onboarding.savePayments": () => {
    it("saves the active organization's methods only", async () => {
      const d = await openDispensary();
      await (await asOwner(d)).onboarding.savePayments({ methods: ["debit"] });
      expect((await orgRow(d.orgId)).paymentMethods).toEqual(["debit"]);
      expect((await orgRow(A.org.id)).paymentMethods).toEqual(["cash", "debit"]);
    });
    refusesOutsideOwnDashboard((c) => c.onboarding.savePayments({ methods: ["cash"] }), abSnapshot);
    refusesOtherOwnersAtD((c) => c.onboarding.savePayments({ methods: ["cash"] }));
  },

  "onboarding.saveCompliance": () => {
    it("saves the active organization's settings only", async () => {
      const d = await openDispensary();
      await (await asOwner(d)).onboarding.saveCompliance({ ...compliance, idVerificationValidDays: 30 });
      expect((await orgRow(d.orgId)).compliance.idVerificationValidDays).toBe(30);
      expect((await orgRow(A.org.id)).compliance.idVerificationRequired).toBe(false);
    });
    refusesOutsideOwnDashboard((c) => c.onboarding.saveCompliance(compliance), abSnapshot);
    refusesOtherOwnersAtD((c) => c.onboarding.saveCompliance(compliance));
  },

  "onboarding.continue": () => {
    it("judges the active organization's own data", async () => {
      const d = await openDispensary();
      // A has locations and products; D has none, and A's must not count for D.
      expect(await codeOf((await asOwner(d)).onboarding.continue({ step: "locations" }))).toBe("BAD_REQUEST");
      expect(await codeOf((await asOwner(d)).onboarding.continue({ step: "products" }))).toBe("BAD_REQUEST");
      await (await asOwner(d)).onboarding.continue({ step: "staff" });
      expect((await orgRow(d.orgId)).onboarding?.completedSteps).toEqual(["staff"]);
    });
    refusesOutsideOwnDashboard((c) => c.onboarding.continue({ step: "staff" }), abSnapshot);
    refusesOtherOwnersAtD((c) => c.onboarding.continue({ step: "staff" }));
  },

  "onboarding.launch": () => {
    it("launches only a complete organization, which then serves its storefront", async () => {
      const d = await openDispensary();
      const owner = await asOwner(d);
      const host = `${d.slug}.localhost:3000`;
      expect(await codeOf((await api(host)).storefront.tenant())).toBe("NOT_FOUND");
      expect(await codeOf(owner.onboarding.launch())).toBe("PRECONDITION_FAILED");
      await owner.onboarding.saveBusiness(business);
      await owner.onboarding.addLocation(location);
      await owner.onboarding.savePayments({ methods: ["cash"] });
      await owner.onboarding.saveCompliance(compliance);
      await addProduct(d);
      const launched = await owner.onboarding.launch();
      expect(launched.launchedAt).toBeInstanceOf(Date);
      expect((await (await api(host)).storefront.tenant()).name).toBe("Renamed Store");
      expect((await (await api(host)).storefront.products({})).products.map((p) => p.name)).toEqual(["P1"]);
    });
    it("leaves the unlaunched tenant C unlaunched when its admin tries with nothing filled in", async () => {
      expect(
        await codeOf((await api(HOST.platform, { user: multi, org: C.org.id })).onboarding.launch()),
      ).toBe("PRECONDITION_FAILED");
      expect((await orgRow(C.org.id)).launchedAt).toBeNull();
    });
    refusesOutsideOwnDashboard((c) => c.onboarding.launch(), abSnapshot);
    refusesOtherOwnersAtD((c) => c.onboarding.launch());
  },
};
