import { expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { products, productVariants } from "@cannasaas/db/schema";
import { addDays, organizationDay, receiveStock, refreshPriceSuggestions } from "@cannasaas/core";
import type { FIXTURE_ROLES, FixtureTenant } from "@cannasaas/core/testing";
import { codeOf } from "../helpers";
import { A, api, B, deps, handle, HOST, NOT_DASHBOARD, shopperOf, staff } from "./world";

type Role = (typeof FIXTURE_ROLES)[number];
type Caller = Awaited<ReturnType<typeof api>>;
const as = (role: Role, t = A) => api(HOST.platform, { user: staff(t, role), org: t.org.id });
const READERS: Role[] = ["owner", "admin", "manager", "viewer"];
const PRICERS: Role[] = ["owner", "admin", "manager"];

function refusesOutsiders(call: (caller: Caller) => Promise<unknown>, allowed: Role[]) {
  it("is refused to roles without the permission, to other organizations and off the dashboard host", async () => {
    for (const role of ["owner", "admin", "manager", "budtender", "driver", "viewer"] as const) {
      if (!allowed.includes(role)) expect(await codeOf(call(await as(role)))).toBe("FORBIDDEN");
    }
    const intruder = await api(HOST.platform, { user: staff(A, "owner"), org: B.org.id });
    expect(await codeOf(call(intruder))).toBe("FORBIDDEN");
    expect(await codeOf(call(await api(HOST.platform, { user: shopperOf(A), org: A.org.id })))).toBe(
      "FORBIDDEN",
    );
    expect(await codeOf(call(await api(HOST.platform, { user: null, org: A.org.id })))).toBe("UNAUTHORIZED");
    for (const host of NOT_DASHBOARD) {
      expect(await codeOf(call(await api(host, { user: staff(A, "owner"), org: A.org.id })))).toBe(
        "FORBIDDEN",
      );
    }
  });
}

type Setup = { variantId: string };
const setups = new Map<string, Promise<Setup>>();

/**
 * A product of its own per tenant ($40.00, so no other entry's prices move) with a lot that expires in three
 * days, bought at $10.00, and the open markdown suggestion for it.
 */
function setup(t: FixtureTenant): Promise<Setup> {
  let pending = setups.get(t.org.id);
  if (!pending) {
    pending = (async () => {
      const [product] = await handle.db
        .insert(products)
        .values({
          organizationId: t.org.id,
          categoryId: t.products[0]!.categoryId,
          slug: "matrix-markdown",
          name: "Matrix markdown",
        })
        .returning();
      const [variant] = await handle.db
        .insert(productVariants)
        .values({
          organizationId: t.org.id,
          productId: product!.id,
          sku: `${t.org.slug}-markdown`,
          name: "1 g",
          weightMg: 1000,
          priceCents: 4000,
        })
        .returning();
      const today = await organizationDay(handle.db, t.org.id, new Date());
      const core = { db: handle.db, kv: deps.kv, clock: () => new Date() };
      await receiveStock(
        core,
        { organizationId: t.org.id, actorUserId: null },
        {
          locationId: t.locations[0]!.id,
          variantId: variant!.id,
          quantity: 4,
          lot: {
            packageLabel: "1A4FF0100000022000007777",
            expiresOn: addDays(today, 3),
            unitCostCents: 1000,
          },
        },
      );
      await refreshPriceSuggestions(core, t.org.id);
      return { variantId: variant!.id };
    })();
    setups.set(t.org.id, pending);
  }
  return pending;
}

async function openSuggestionOf(t: FixtureTenant) {
  const { variantId } = await setup(t);
  let list = await (await as("owner", t)).pricing.suggestions();
  if (!list.some((s) => s.variantId === variantId)) {
    await (await as("owner", t)).pricing.refresh();
    list = await (await as("owner", t)).pricing.suggestions();
  }
  return list.find((s) => s.variantId === variantId)!;
}

async function priceOf(variantId: string) {
  const [row] = await handle.db.select().from(productVariants).where(eq(productVariants.id, variantId));
  return row!.priceCents;
}

export const pricingEntries: Record<string, () => void> = {
  "pricing.suggestions": () => {
    it("lists only the organization's own suggestions", async () => {
      const a = await openSuggestionOf(A);
      await setup(B);
      const theirs = await (await as("owner", B)).pricing.suggestions();
      expect(theirs.map((s) => s.id)).not.toContain(a.id);
      expect((await (await as("viewer")).pricing.suggestions()).map((s) => s.id)).toContain(a.id);
    });
    refusesOutsiders((c) => c.pricing.suggestions(), READERS);
  },
  "pricing.policy": () => {
    it("reads the organization's own policy", async () => {
      await (
        await as("owner", B)
      ).pricing.setPolicy({
        marginFloorBp: 4100,
        expiryWindowDays: 20,
        slowMoverCoverDays: 60,
      });
      expect((await (await as("viewer")).pricing.policy()).marginFloorBp).not.toBe(4100);
      expect((await (await as("viewer", B)).pricing.policy()).marginFloorBp).toBe(4100);
    });
    refusesOutsiders((c) => c.pricing.policy(), READERS);
  },
  "pricing.setPolicy": () => {
    const policy = { marginFloorBp: 2500, expiryWindowDays: 30, slowMoverCoverDays: 90 };
    it("changes only the caller's organization's policy", async () => {
      const before = await (await as("owner")).pricing.policy();
      await (await as("owner", B)).pricing.setPolicy({ ...policy, marginFloorBp: 4200 });
      expect(await (await as("owner")).pricing.policy()).toEqual(before);
    });
    refusesOutsiders((c) => c.pricing.setPolicy(policy), PRICERS);
  },
  "pricing.refresh": () => {
    it("recomputes only the caller's organization's suggestions", async () => {
      const a = await openSuggestionOf(A);
      await setup(B);
      await (await as("owner", B)).pricing.refresh();
      expect((await (await as("owner")).pricing.suggestions()).map((s) => s.id)).toContain(a.id);
    });
    refusesOutsiders((c) => c.pricing.refresh(), PRICERS);
  },
  "pricing.approve": () => {
    it("cannot approve another organization's suggestion, and its price is untouched", async () => {
      const a = await openSuggestionOf(A);
      expect(await codeOf((await as("owner", B)).pricing.approve({ suggestionId: a.id }))).toBe("NOT_FOUND");
      expect(await priceOf(a.variantId)).toBe(a.currentPriceCents);
    });
    refusesOutsiders(
      async (c) => c.pricing.approve({ suggestionId: (await openSuggestionOf(A)).id }),
      PRICERS,
    );
  },
  "pricing.dismiss": () => {
    it("cannot dismiss another organization's suggestion", async () => {
      const a = await openSuggestionOf(A);
      expect(await codeOf((await as("owner", B)).pricing.dismiss({ suggestionId: a.id }))).toBe("NOT_FOUND");
      expect((await (await as("owner")).pricing.suggestions()).map((s) => s.id)).toContain(a.id);
    });
    refusesOutsiders(
      async (c) => c.pricing.dismiss({ suggestionId: (await openSuggestionOf(A)).id }),
      PRICERS,
    );
  },
};
