import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { DatabaseHandle } from "@cannasaas/db/client";
import { products } from "@cannasaas/db/schema";
import { createTestDatabase } from "@cannasaas/db/testing";
import { cachedCategories, cachedMenuFacets, invalidateMenuCache } from "../src";
import { createFixtureTenant, createTestKv, type FixtureTenant } from "../src/testing";

let handle: DatabaseHandle;
let kv: Awaited<ReturnType<typeof createTestKv>>;
let a: FixtureTenant;
let b: FixtureTenant;

beforeAll(async () => {
  handle = await createTestDatabase();
  kv = await createTestKv();
  a = await createFixtureTenant(handle.db, { tag: "mc-a", passwordHash: "x" });
  b = await createFixtureTenant(handle.db, { tag: "mc-b", passwordHash: "x" });
});
afterAll(async () => {
  await kv?.close();
  await handle?.close();
});

describe("menu cache", () => {
  it("serves categories and facets from the cache until the catalog changes, per tenant", async () => {
    const deps = { db: handle.db, kv: kv.kv };
    const before = await cachedCategories(deps, a.org.id);
    const facets = await cachedMenuFacets(deps, a.org.id, "adult_use");
    await handle.db.update(products).set({ status: "archived" }).where(eq(products.organizationId, a.org.id));
    expect(await cachedCategories(deps, a.org.id)).toEqual(before);
    expect(await cachedMenuFacets(deps, a.org.id, "adult_use")).toEqual(facets);
    // Another tenant's entries are its own.
    expect((await cachedCategories(deps, b.org.id)).map((c) => c.productCount)).toEqual([2, 1]);

    await invalidateMenuCache(kv.kv, a.org.id);
    expect((await cachedCategories(deps, a.org.id)).every((c) => c.productCount === 0)).toBe(true);
    expect(await cachedMenuFacets(deps, a.org.id, "adult_use")).not.toEqual(facets);
  });
});
