import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createTestDatabase } from "@cannasaas/db/testing";
import type { DatabaseHandle } from "@cannasaas/db/client";
import { inventoryLevels } from "@cannasaas/db/schema";
import { createMemoryKv, createUpstashKv } from "@cannasaas/integrations/kv";
import { checkReadiness, listCategories, listMenuProducts } from "../src";
import { createFixtureTenant, type FixtureTenant } from "../src/testing";

let handle: DatabaseHandle;
let a: FixtureTenant;
let b: FixtureTenant;

beforeAll(async () => {
  handle = await createTestDatabase();
  a = await createFixtureTenant(handle.db, { tag: "menu-a", passwordHash: "x" });
  b = await createFixtureTenant(handle.db, { tag: "menu-b", passwordHash: "x" });
});
afterAll(async () => handle?.close());

describe("menu", () => {
  it("lists only the tenant's own categories and products", async () => {
    const cats = await listCategories(handle.db, a.org.id);
    expect(cats.map((c) => [c.slug, c.productCount])).toEqual([
      ["flower", 2],
      ["edible", 1],
    ]);
    const menu = await listMenuProducts(handle.db, a.org.id, { page: 1, pageSize: 10 });
    expect(menu.total).toBe(3);
    expect(menu.products.every((p) => p.name.startsWith("menu-a"))).toBe(true);
  });

  it("shows live availability: on hand minus reserved, across locations", async () => {
    const variant = a.variants[0]!;
    await handle.db
      .update(inventoryLevels)
      .set({ reserved: 4 })
      .where(eq(inventoryLevels.variantId, variant.id));
    const menu = await listMenuProducts(handle.db, a.org.id, { page: 1, pageSize: 10 });
    const product = menu.products.find((p) => p.id === variant.productId)!;
    expect(product.available).toBe(2 * (10 - 4));
    // The other tenant's stock is untouched and unseen.
    const other = await listMenuProducts(handle.db, b.org.id, { page: 1, pageSize: 10 });
    expect(other.products.every((p) => p.available === 20)).toBe(true);
  });

  it("filters by category and paginates", async () => {
    const edibles = await listMenuProducts(handle.db, a.org.id, {
      page: 1,
      pageSize: 10,
      categorySlug: "edible",
    });
    expect(edibles.products.map((p) => p.slug)).toEqual(["gummies"]);
    const page2 = await listMenuProducts(handle.db, a.org.id, { page: 2, pageSize: 2 });
    expect(page2).toMatchObject({ total: 3, pageCount: 2 });
    expect(page2.products).toHaveLength(1);
  });
});

describe("readiness", () => {
  it("is ok when the database and cache answer", async () => {
    const report = await checkReadiness({ db: handle.db, kv: createMemoryKv() });
    expect(report.status).toBe("ok");
  });

  it("reports the cache as down when it cannot be reached", async () => {
    const kv = createUpstashKv({ url: "http://127.0.0.1:1", token: "x" });
    const report = await checkReadiness({ db: handle.db, kv }, 1_500);
    expect(report.status).toBe("unavailable");
    expect(report.checks.cache.status).toBe("down");
    expect(report.checks.database.status).toBe("ok");
  });
});
