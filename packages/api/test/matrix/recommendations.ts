import { expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { products } from "@cannasaas/db/schema";
import { A, api, B, handle, HOST, itRefusesOffStorefront, shopperOf, staff } from "./world";

const idsOf = async (t: typeof A) =>
  new Set(
    (
      await handle.db.select({ id: products.id }).from(products).where(eq(products.organizationId, t.org.id))
    ).map((r) => r.id),
  );

export const recommendationEntries: Record<string, () => void> = {
  "recommendations.forProducts": () => {
    it("recommends only the host store's products, whoever asks and whatever ids or location they send", async () => {
      const [aIds, bIds] = [await idsOf(A), await idsOf(B)];
      const atA = await (
        await api(HOST.a, { user: shopperOf(B) })
      ).recommendations.forProducts({
        productIds: [A.products[0]!.id],
      });
      const shown = [...atA.similar, ...atA.boughtTogether];
      expect(shown.length).toBeGreaterThan(0);
      expect(shown.every((p) => aIds.has(p.id))).toBe(true);
      const probe = await (
        await api(HOST.a, { user: staff(B, "owner") })
      ).recommendations.forProducts({
        productIds: [B.products[0]!.id, B.products[1]!.id],
        locationId: B.locations[0]!.id,
      });
      expect([...probe.similar, ...probe.boughtTogether]).toEqual([]);
      const atB = await (await api(HOST.b)).recommendations.forProducts({ productIds: [B.products[0]!.id] });
      expect([...atB.similar, ...atB.boughtTogether].every((p) => bIds.has(p.id))).toBe(true);
    });
    itRefusesOffStorefront(async (host) =>
      (await api(host)).recommendations.forProducts({ productIds: [A.products[0]!.id] }),
    );
  },
};
