import { expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { categories } from "@cannasaas/db/schema";
import { codeOf } from "../helpers";
import { A, api, B, C, handle, HOST, itRefusesOffStorefront, orgRow, shopperOf, staff } from "./world";
import { storefrontMenuEntries } from "./storefront-menu";
import { storefrontProductEntries } from "./storefront-product";

export const storefrontEntries: Record<string, () => void> = {
  "storefront.tenant": () => {
    it("serves each launched tenant's own details on its own host only", async () => {
      const atA = await (await api(HOST.a)).storefront.tenant();
      expect(atA).toMatchObject({
        slug: "mx-a",
        name: (await orgRow(A.org.id)).name,
        state: "CA",
        medicalEnabled: false,
      });
      const atB = await (await api(HOST.b, { user: staff(A, "owner") })).storefront.tenant();
      expect(atB).toMatchObject({ slug: "mx-b", name: (await orgRow(B.org.id)).name });
    });
    itRefusesOffStorefront(async (host) => (await api(host)).storefront.tenant());
    it("hides an unlaunched store even from its own owner", async () => {
      expect(
        await codeOf((await api(HOST.c, { user: staff(C, "owner"), org: C.org.id })).storefront.tenant()),
      ).toBe("NOT_FOUND");
    });
  },

  "storefront.categories": () => {
    it("lists only the host tenant's categories and counts", async () => {
      for (const [host, t] of [
        [HOST.a, A],
        [HOST.b, B],
      ] as const) {
        const cats = await (await api(host, { user: shopperOf(t === A ? B : A) })).storefront.categories();
        const own = await handle.db
          .select({ id: categories.id })
          .from(categories)
          .where(eq(categories.organizationId, t.org.id));
        expect(cats.map((c) => c.id).sort()).toEqual(own.map((c) => c.id).sort());
        expect(cats.map((c) => [c.slug, c.productCount])).toEqual([
          ["flower", 2],
          ["edible", 1],
        ]);
      }
    });
    itRefusesOffStorefront(async (host) => (await api(host)).storefront.categories());
  },

  ...storefrontMenuEntries,
  ...storefrontProductEntries,
};
