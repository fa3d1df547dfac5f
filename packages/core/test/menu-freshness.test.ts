import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { DatabaseHandle } from "@cannasaas/db/client";
import { inventoryLevels, productVariants } from "@cannasaas/db/schema";
import { createTestDatabase } from "@cannasaas/db/testing";
import { invalidateMenu, invalidateMenuCache, readMenuProduct, readMenuProducts } from "../src";
import { createFixtureTenant, createTestKv, prefixKv, type FixtureTenant } from "../src/testing";

let handle: DatabaseHandle;
let kv: Awaited<ReturnType<typeof createTestKv>>;
let a: FixtureTenant;
let b: FixtureTenant;

beforeAll(async () => {
  handle = await createTestDatabase();
  kv = await createTestKv();
  a = await createFixtureTenant(handle.db, { tag: "mf-a", passwordHash: "x" });
  b = await createFixtureTenant(handle.db, { tag: "mf-b", passwordHash: "x" });
});
afterAll(async () => {
  await kv?.close();
  await handle?.close();
});

const firstPage = { page: 1, pageSize: 24 };
const deps = () => ({ db: handle.db, kv: kv.kv });
const priceOf = async (orgId: string, variantId: string) => {
  const menu = await readMenuProducts(deps(), orgId, firstPage);
  return menu.products.flatMap((p) => p.variants).find((v) => v.id === variantId)?.menuPriceCents;
};

describe("cached menu freshness", () => {
  it("shows a stock change on the very next read of a cached menu page and product page", async () => {
    const variant = a.variants[0]!;
    const product = a.products.find((p) => p.id === variant.productId)!;
    const before = await readMenuProducts(deps(), a.org.id, firstPage);
    expect(before.products.find((p) => p.id === product.id)!.available).toBe(2 * 10);
    await readMenuProduct(deps(), a.org.id, product.slug);

    await handle.db
      .update(inventoryLevels)
      .set({ reserved: 7 })
      .where(
        and(eq(inventoryLevels.variantId, variant.id), eq(inventoryLevels.locationId, a.locations[0]!.id)),
      );

    const after = await readMenuProducts(deps(), a.org.id, firstPage);
    expect(after.products.find((p) => p.id === product.id)!.available).toBe(2 * 10 - 7);
    const page = await readMenuProduct(deps(), a.org.id, product.slug);
    expect(page!.variants[0]!.stock.find((s) => s.locationId === a.locations[0]!.id)!.available).toBe(3);
    // Stock at one location counts that location only.
    const here = await readMenuProducts(deps(), a.org.id, { ...firstPage, locationId: a.locations[0]!.id });
    expect(here.products.find((p) => p.id === product.id)!.available).toBe(3);
  });

  it("keeps serving the cached catalog until a price change invalidates it, then shows the new price", async () => {
    const variant = a.variants[1]!;
    const cached = await priceOf(a.org.id, variant.id);
    await handle.db
      .update(productVariants)
      .set({ priceCents: 4242 })
      .where(eq(productVariants.id, variant.id));
    // Written behind the cache's back, the change is not seen: the cache really serves the page.
    expect(await priceOf(a.org.id, variant.id)).toBe(cached);
    await invalidateMenuCache(kv.kv, a.org.id);
    expect(await priceOf(a.org.id, variant.id)).toBe(4242);
  });

  it("drops menu pages and product pages on a promotion change, and another tenant's entries stay", async () => {
    const variant = a.variants[2]!;
    const product = a.products.find((p) => p.id === variant.productId)!;
    await readMenuProduct(deps(), a.org.id, product.slug);
    const otherBefore = await readMenuProducts(deps(), b.org.id, firstPage);
    await handle.db
      .update(productVariants)
      .set({ priceCents: 1111 })
      .where(eq(productVariants.id, variant.id));
    await handle.db
      .update(productVariants)
      .set({ priceCents: 9999 })
      .where(eq(productVariants.id, b.variants[0]!.id));

    await invalidateMenu(kv.kv, a.org.id, "promotions");
    expect(await priceOf(a.org.id, variant.id)).toBe(1111);
    expect((await readMenuProduct(deps(), a.org.id, product.slug))!.variants[0]!.priceCents).toBe(1111);
    // Tenant b's cached page was not invalidated by tenant a's promotion.
    expect(await readMenuProducts(deps(), b.org.id, firstPage)).toEqual(otherBefore);
  });

  it("invalidates every server instance: each has its own entries, the tag versions are shared", async () => {
    const instanceA = { db: handle.db, kv: prefixKv(kv.kv, "") };
    const instanceB = { db: handle.db, kv: prefixKv(kv.kv, "") };
    const variant = a.variants[0]!;
    await readMenuProducts(instanceA, a.org.id, firstPage);
    await readMenuProducts(instanceB, a.org.id, firstPage);
    await handle.db
      .update(productVariants)
      .set({ priceCents: 3131 })
      .where(eq(productVariants.id, variant.id));

    await invalidateMenu(instanceA.kv, a.org.id, "prices");
    const seenByB = await readMenuProducts(instanceB, a.org.id, firstPage);
    expect(seenByB.products.flatMap((p) => p.variants).find((v) => v.id === variant.id)!.menuPriceCents).toBe(
      3131,
    );
  });

  it("refuses another tenant's location even when the menu page is cached", async () => {
    await readMenuProducts(deps(), a.org.id, firstPage);
    await expect(
      readMenuProducts(deps(), a.org.id, { ...firstPage, locationId: b.locations[0]!.id }),
    ).rejects.toThrow(/not one of this store's/);
  });
});
