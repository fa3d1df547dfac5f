import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { DatabaseHandle } from "@cannasaas/db/client";
import { locations, organizations, products } from "@cannasaas/db/schema";
import { createTestDatabase } from "@cannasaas/db/testing";
import {
  assertFeature,
  assertWithinPlanLimit,
  hasFeature,
  isDomainError,
  planState,
  setFeatureOverride,
  setPlanDirectly,
  type CoreDeps,
} from "../src";
import { createFixtureTenant, createTestKv, type FixtureTenant } from "../src/testing";

let handle: DatabaseHandle;
let kvHandle: Awaited<ReturnType<typeof createTestKv>>;
let deps: Pick<CoreDeps, "db" | "kv" | "clock">;
let t: FixtureTenant;
let other: FixtureTenant;

beforeAll(async () => {
  handle = await createTestDatabase();
  kvHandle = await createTestKv();
  deps = { db: handle.db, kv: kvHandle.kv, clock: () => new Date() };
  t = await createFixtureTenant(handle.db, { tag: "plans-a", passwordHash: "x" });
  other = await createFixtureTenant(handle.db, { tag: "plans-b", passwordHash: "x" });
});
afterAll(async () => {
  await kvHandle?.close();
  await handle?.close();
});

async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (isDomainError(error)) return { code: error.code, message: error.message, details: error.details };
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("feature resolution", () => {
  it("follows the plan, refuses with a message naming the plan that has the feature", async () => {
    await setPlanDirectly(deps, t.org.id, { plan: "starter" });
    expect(await hasFeature(deps, t.org.id, "gift_cards")).toBe(true);
    expect(await hasFeature(deps, t.org.id, "loyalty_program")).toBe(false);
    const loyalty = await refusal(assertFeature(deps, t.org.id, "loyalty_program"));
    expect(loyalty).toMatchObject({ code: "FORBIDDEN", details: { requiredPlan: "professional" } });
    expect(loyalty.message).toBe(
      "Loyalty program needs the Professional plan. Upgrade in Billing to use it.",
    );
    const domain = await refusal(assertFeature(deps, t.org.id, "custom_domain"));
    expect(domain.message).toContain("Enterprise plan");
  });

  it("sees a plan change at the next check although the old state was cached", async () => {
    await setPlanDirectly(deps, t.org.id, { plan: "starter" });
    expect((await planState(deps, t.org.id)).plan).toBe("starter"); // cached now
    // Changing the row behind the cache's back is invisible for up to five minutes...
    await handle.db.update(organizations).set({ plan: "enterprise" }).where(eq(organizations.id, t.org.id));
    expect(await hasFeature(deps, t.org.id, "custom_domain")).toBe(false);
    // ...but every change made through the product invalidates it.
    await setPlanDirectly(deps, t.org.id, { plan: "professional" });
    expect(await hasFeature(deps, t.org.id, "loyalty_program")).toBe(true);
    expect(await hasFeature(deps, t.org.id, "custom_domain")).toBe(false);
    await setPlanDirectly(deps, t.org.id, { plan: "enterprise" });
    await expect(assertFeature(deps, t.org.id, "custom_domain")).resolves.toBeUndefined();
  });

  it("applies overrides on top of the plan, invalidating the cache, for one organization only", async () => {
    await setPlanDirectly(deps, t.org.id, { plan: "starter" });
    await setPlanDirectly(deps, other.org.id, { plan: "starter" });
    expect(await hasFeature(deps, t.org.id, "metrc_integration")).toBe(false);
    await setFeatureOverride(deps, t.org.id, { feature: "metrc_integration", enabled: true, note: "pilot" });
    expect(await hasFeature(deps, t.org.id, "metrc_integration")).toBe(true);
    expect(await hasFeature(deps, other.org.id, "metrc_integration")).toBe(false);

    await setFeatureOverride(deps, t.org.id, { feature: "gift_cards", enabled: false });
    const off = await refusal(assertFeature(deps, t.org.id, "gift_cards"));
    expect(off.message).toBe(
      "Gift cards has been turned off for your organization. Contact support to turn it back on.",
    );

    await setFeatureOverride(deps, t.org.id, { feature: "gift_cards", enabled: null });
    await setFeatureOverride(deps, t.org.id, { feature: "metrc_integration", enabled: null });
    expect(await hasFeature(deps, t.org.id, "gift_cards")).toBe(true);
    expect(await hasFeature(deps, t.org.id, "metrc_integration")).toBe(false);
  });

  it("keeps features while past due, falls back to Starter when canceled or unpaid", async () => {
    await setPlanDirectly(deps, t.org.id, { plan: "professional", status: "past_due" });
    expect(await hasFeature(deps, t.org.id, "advanced_analytics")).toBe(true);
    for (const status of ["canceled", "unpaid"] as const) {
      await setPlanDirectly(deps, t.org.id, { plan: "professional", status });
      const state = await planState(deps, t.org.id);
      expect(state).toMatchObject({
        plan: "professional",
        effectivePlan: "starter",
        limits: { locations: 1 },
      });
      const refused = await refusal(assertFeature(deps, t.org.id, "advanced_analytics"));
      expect(refused.message).toContain(`your subscription is ${status}`);
    }
  });
});

describe("plan limits", () => {
  const newLocation = (orgId: string, slug: string) => ({
    organizationId: orgId,
    slug,
    name: slug,
    addressLine1: "1 Main St",
    city: "Town",
    state: "CA",
    postalCode: "90001",
    timeZone: "America/Los_Angeles",
    hours: { mon: null, tue: null, wed: null, thu: null, fri: null, sat: null, sun: null },
  });

  /** Adds a location the way a service must: the limit check and the insert in one transaction. */
  const addLocation = (orgId: string, slug: string) =>
    handle.db.transaction(async (tx) => {
      await assertWithinPlanLimit({ db: handle.db, tx }, orgId, "locations");
      await tx.insert(locations).values(newLocation(orgId, slug));
    });

  it("refuses a location past the plan's limit inside the inserting transaction, naming the plan that allows more", async () => {
    await setPlanDirectly(deps, t.org.id, { plan: "starter" }); // fixture has two locations already
    const refused = await refusal(addLocation(t.org.id, "third"));
    expect(refused.message).toBe(
      "Your Starter plan allows 1 locations; you have 2. Upgrade to Professional for more.",
    );
    const rows = await handle.db.select().from(locations).where(eq(locations.organizationId, t.org.id));
    expect(rows).toHaveLength(2);
    await setPlanDirectly(deps, t.org.id, { plan: "professional" });
    await addLocation(t.org.id, "third");
    expect(
      await handle.db.select().from(locations).where(eq(locations.organizationId, t.org.id)),
    ).toHaveLength(3);
  });

  it("lets exactly one of two racing inserts take the last slot", async () => {
    await setPlanDirectly(deps, other.org.id, { plan: "professional" }); // limit 5, fixture has 2
    await addLocation(other.org.id, "three");
    await addLocation(other.org.id, "four");
    const results = await Promise.allSettled([
      addLocation(other.org.id, "race-1"),
      addLocation(other.org.id, "race-2"),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(
      await handle.db.select().from(locations).where(eq(locations.organizationId, other.org.id)),
    ).toHaveLength(5);
  });

  it("counts non-archived products against the limit, with the number being added", async () => {
    await setPlanDirectly(deps, t.org.id, { plan: "starter" });
    await handle.db.transaction(async (tx) => {
      await assertWithinPlanLimit({ db: handle.db, tx }, t.org.id, "products", 497);
    });
    const refused = await refusal(
      handle.db.transaction((tx) => assertWithinPlanLimit({ db: handle.db, tx }, t.org.id, "products", 498)),
    );
    expect(refused.message).toBe(
      "Your Starter plan allows 500 products; you have 3 and are adding 498. Upgrade to Professional for more.",
    );
    await handle.db.update(products).set({ status: "archived" }).where(eq(products.id, t.products[0]!.id));
    await handle.db.transaction((tx) =>
      assertWithinPlanLimit({ db: handle.db, tx }, t.org.id, "products", 498),
    );
    await setPlanDirectly(deps, t.org.id, { plan: "enterprise" });
    await handle.db.transaction((tx) =>
      assertWithinPlanLimit({ db: handle.db, tx }, t.org.id, "products", 100_000),
    );
  });
});
