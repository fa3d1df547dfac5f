/**
 * Matrix entries for the menu procedures. Decision: a `locationId` of another tenant's location is a
 * BAD_REQUEST (not an empty stock count), so a stale or forged location can never look like "sold out".
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { products } from "@cannasaas/db/schema";
import { codeOf, trpcError } from "../helpers";
import { A, api, B, C, handle, HOST, itRefusesOffStorefront, shopperOf, staff } from "./world";

const namesOf = (menu: { products: { name: string }[] }) => menu.products.map((p) => p.name).sort();
const A_NAMES = ["mx-a Blue Dream", "mx-a Gummies", "mx-a OG Kush"];

export const storefrontMenuEntries: Record<string, () => void> = {
  "storefront.products": () => {
    it("lists only the host tenant's products, whoever is signed in", async () => {
      const atA = await (await api(HOST.a, { user: staff(B, "owner") })).storefront.products({});
      expect(atA.total).toBe(3);
      expect(namesOf(atA)).toEqual(A_NAMES);
      const atB = await (await api(HOST.b, { user: shopperOf(A) })).storefront.products({ pageSize: 100 });
      expect(atB.products.map((p) => p.id).sort()).toEqual(B.products.map((p) => p.id).sort());
      expect(atB.products.every((p) => p.name.startsWith("mx-b "))).toBe(true);
    });
    it("filters by the host tenant's category", async () => {
      const edibles = await (await api(HOST.b)).storefront.products({ category: "edible" });
      expect(edibles.products.map((p) => p.name)).toEqual(["mx-b Gummies"]);
      const none = await (await api(HOST.a)).storefront.products({ category: "does-not-exist" });
      expect(none).toMatchObject({ total: 0, products: [] });
    });
    it("searches and filters by brand within the host tenant only", async () => {
      const a = await api(HOST.a);
      expect(namesOf(await a.storefront.products({ q: "kush" }))).toEqual(["mx-a OG Kush"]);
      expect(namesOf(await (await api(HOST.b)).storefront.products({ q: "kush" }))).toEqual(["mx-b OG Kush"]);
      // B's brand is "mx-b House": neither its name nor its products surface on A's host.
      expect(await a.storefront.products({ q: "mx-b" })).toMatchObject({ total: 0, products: [] });
      expect(namesOf(await a.storefront.products({ q: "House" }))).toEqual(A_NAMES);
      // Both tenants have a brand with the slug "house".
      expect(namesOf(await a.storefront.products({ brands: ["house"] }))).toEqual(A_NAMES);
      const filtered = await a.storefront.products({
        strainTypes: ["indica"],
        thcMinBps: 2000,
        sort: "price_desc",
      });
      expect(namesOf(filtered)).toEqual(["mx-a OG Kush"]);
    });
    it("counts stock at one of the host tenant's locations, and refuses anyone else's", async () => {
      const a = await api(HOST.a);
      const all = await a.storefront.products({});
      expect(all.products.map((p) => p.available)).toEqual([20, 20, 20]);
      const north = await a.storefront.products({ locationId: A.locations[0]!.id });
      expect(north.products.map((p) => p.available)).toEqual([10, 10, 10]);
      for (const other of [B.locations[0]!.id, C.locations[1]!.id, "00000000-0000-4000-8000-000000000000"]) {
        const error = await trpcError(a.storefront.products({ locationId: other }));
        expect(error.code).toBe("BAD_REQUEST");
        expect(error.message).toMatch(/not one of this store's/);
      }
    });
    it("rejects invalid input with BAD_REQUEST and a plain message", async () => {
      const a = await api(HOST.a);
      const cases: [Parameters<typeof a.storefront.products>[0], RegExp][] = [
        [{ pageSize: 1000 }, /100/],
        [{ category: "../etc" }, /Unknown category/],
        [{ thcMinBps: 3000, thcMaxBps: 1000 }, /minimum THC can't be higher than the maximum/],
        [{ sort: "cheapest" as never }, /Sort by one of: relevance, name/],
        [{ q: "k".repeat(101) }, /at most 100 characters/],
        [{ q: "kush\u0000" }, /NUL character/],
        [{ priceMinCents: -1 }, /can't be negative/],
        [{ priceMinCents: 5000, priceMaxCents: 100 }, /minimum price/],
        [{ strainTypes: ["ruderalis" as never] }, /indica, sativa, hybrid or cbd/],
        [{ locationId: "north" }, /Unknown location/],
        [{ menu: "medical" }, /does not have a medical menu/],
      ];
      for (const [input, message] of cases) {
        const error = await trpcError(a.storefront.products(input));
        expect(error.code, JSON.stringify(input)).toBe("BAD_REQUEST");
        expect(error.message).toMatch(message);
        expect(error.message).not.toMatch(/[[{"]/);
      }
    });
    itRefusesOffStorefront(async (host) => (await api(host)).storefront.products({}));
  },

  "storefront.facets": () => {
    beforeAll(async () => {
      await setEffects(A, ["Relaxed", "Happy"]);
      await setEffects(B, ["Energetic"]);
    });
    afterAll(async () => {
      await setEffects(A, []);
      await setEffects(B, []);
    });
    it("offers only the host tenant's brands, effects and ranges", async () => {
      const atA = await (await api(HOST.a, { user: shopperOf(B) })).storefront.facets();
      expect(atA).toEqual({
        categories: expect.arrayContaining([{ slug: "flower", count: 2 }]) as unknown,
        brands: [{ slug: "house", name: "mx-a House", count: 3 }],
        effects: [
          { value: "Happy", count: 3 },
          { value: "Relaxed", count: 3 },
        ],
        // Equal counts keep the strain type enum's order: indica, sativa, hybrid, cbd.
        strainTypes: [
          { value: "indica", count: 1 },
          { value: "hybrid", count: 1 },
        ],
        thcBps: { min: 2100, max: 2400 },
        priceCents: { min: 2500, max: 3500 },
      });
      const atB = await (await api(HOST.b)).storefront.facets({ menu: "adult_use" });
      expect(atB.brands).toEqual([{ slug: "house", name: "mx-b House", count: 3 }]);
      expect(atB.effects).toEqual([{ value: "Energetic", count: 3 }]);
    });
    it("counts under the host tenant's search and filters only", async () => {
      const searched = await (
        await api(HOST.a, { user: shopperOf(B) })
      ).storefront.facets({ q: "blu dream" });
      expect(searched.brands).toEqual([{ slug: "house", name: "mx-a House", count: 1 }]);
      const bOnly = await (await api(HOST.a)).storefront.facets({ q: "mx-b" });
      expect(bOnly.brands).toEqual([]);
      expect(await codeOf((await api(HOST.a)).storefront.facets({ thcMinBps: 3000, thcMaxBps: 1000 }))).toBe(
        "BAD_REQUEST",
      );
    });
    it("refuses the medical menu at a store without one", async () => {
      expect(await codeOf((await api(HOST.a)).storefront.facets({ menu: "medical" }))).toBe("BAD_REQUEST");
    });
    itRefusesOffStorefront(async (host) => (await api(host)).storefront.facets());
  },

  "storefront.suggest": () => {
    it("suggests the host tenant's products only, whoever is signed in", async () => {
      const atA = await (await api(HOST.a, { user: staff(B, "owner") })).storefront.suggest({ q: "blu" });
      expect(atA.map((s) => s.name)).toEqual(["mx-a Blue Dream"]);
      const atB = await (await api(HOST.b, { user: shopperOf(A) })).storefront.suggest({ q: "og ku" });
      expect(atB.map((s) => s.name)).toEqual(["mx-b OG Kush"]);
      expect(await (await api(HOST.a)).storefront.suggest({ q: "mx-b" })).toEqual([]);
      expect(await (await api(HOST.a)).storefront.suggest({ q: "" })).toEqual([]);
    });
    it("refuses control characters and overlong text with BAD_REQUEST", async () => {
      expect(await codeOf((await api(HOST.a)).storefront.suggest({ q: "kush\u0000" }))).toBe("BAD_REQUEST");
      expect(await codeOf((await api(HOST.a)).storefront.suggest({ q: "k".repeat(101) }))).toBe(
        "BAD_REQUEST",
      );
    });
    itRefusesOffStorefront(async (host) => (await api(host)).storefront.suggest({ q: "kush" }));
  },
};

async function setEffects(tenant: typeof A, effects: string[]) {
  await handle.db.update(products).set({ effects }).where(eq(products.organizationId, tenant.org.id));
}
