import { afterAll, beforeAll, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { invalidateMenu } from "@cannasaas/core";
import { categories, locations, products } from "@cannasaas/db/schema";
import { codeOf, trpcError } from "../helpers";
import { A, api, B, deps, handle, HOST, itRefusesOffStorefront, staff } from "./world";

export const storefrontProductEntries: Record<string, () => void> = {
  "storefront.product": () => {
    beforeAll(async () => {
      const [bFlower] = await handle.db
        .select({ id: categories.id })
        .from(categories)
        .where(and(eq(categories.organizationId, B.org.id), eq(categories.slug, "flower")));
      await handle.db.insert(products).values([
        { organizationId: B.org.id, categoryId: bFlower!.id, slug: "b-only-haze", name: "mx-b Only Haze" },
        {
          organizationId: A.org.id,
          categoryId: A.products[0]!.categoryId,
          slug: "retired-kush",
          name: "mx-a Retired Kush",
          status: "archived",
        },
      ]);
    });
    afterAll(async () => {
      await handle.db.delete(products).where(eq(products.slug, "b-only-haze"));
      await handle.db.delete(products).where(eq(products.slug, "retired-kush"));
    });
    it("shows the host tenant's product with stock at its own locations only", async () => {
      const product = await (
        await api(HOST.a, { user: staff(B, "owner") })
      ).storefront.product({ slug: "og-kush" });
      expect(product).toMatchObject({
        id: A.products[1]!.id,
        name: "mx-a OG Kush",
        brand: { slug: "house", name: "mx-a House" },
      });
      expect(product.locations.map((l) => l.name)).toEqual(["mx-a north", "mx-a south"]);
      expect(product.variants).toHaveLength(1);
      expect(product.variants[0]!.stock.map((s) => [s.locationName, s.available])).toEqual([
        ["mx-a north", 10],
        ["mx-a south", 10],
      ]);
      const atB = await (await api(HOST.b)).storefront.product({ slug: "og-kush" });
      expect(atB.id).toBe(B.products[1]!.id);
    });
    it("is NOT_FOUND for another tenant's slug, an archived product and an unknown slug", async () => {
      expect((await (await api(HOST.b)).storefront.product({ slug: "b-only-haze" })).name).toBe(
        "mx-b Only Haze",
      );
      for (const slug of ["b-only-haze", "retired-kush", "no-such-product"]) {
        const error = await trpcError((await api(HOST.a)).storefront.product({ slug }));
        expect(error.code).toBe("NOT_FOUND");
        expect(error.message).toMatch(/not on this store's menu/);
      }
      expect(await codeOf((await api(HOST.a)).storefront.product({ slug: "../B/og-kush" }))).toBe(
        "BAD_REQUEST",
      );
    });
    itRefusesOffStorefront(async (host) => (await api(host)).storefront.product({ slug: "og-kush" }));
  },

  "storefront.locations": () => {
    const allDay = { open: "00:00", close: "00:00" };
    const closed = { mon: null, tue: null, wed: null, thu: null, fri: null, sat: null, sun: null };
    // Changes a location's hours as a settings page would: the row, then the storefront's cached locations.
    const setHours = async (
      id: string,
      hours: typeof closed | Record<keyof typeof closed, typeof allDay>,
    ) => {
      await handle.db.update(locations).set({ hours }).where(eq(locations.id, id));
      await invalidateMenu(deps.kv, A.org.id, "locations");
    };
    const open = {
      mon: allDay,
      tue: allDay,
      wed: allDay,
      thu: allDay,
      fri: allDay,
      sat: allDay,
      sun: allDay,
    };
    // Fixture stores are open around the clock: close the second one for this test.
    beforeAll(() => setHours(A.locations[1]!.id, closed));
    afterAll(() => setHours(A.locations[1]!.id, open));
    it("lists the host tenant's locations with opening state, and nothing internal", async () => {
      const atA = await (await api(HOST.a, { user: staff(B, "owner") })).storefront.locations();
      expect(atA.map((l) => l.id).sort()).toEqual(A.locations.map((l) => l.id).sort());
      expect(atA.map((l) => [l.name, l.openNow])).toEqual([
        ["mx-a north", true],
        ["mx-a south", false],
      ]);
      for (const hidden of ["metrcLicenseNumber", "taxRates", "deliveryZones", "organizationId"]) {
        expect(atA[0]).not.toHaveProperty(hidden);
      }
      const atB = await (await api(HOST.b)).storefront.locations();
      expect(atB.map((l) => l.name)).toEqual(["mx-b north", "mx-b south"]);
    });
    itRefusesOffStorefront(async (host) => (await api(host)).storefront.locations());
  },
};
