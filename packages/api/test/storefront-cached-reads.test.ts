/**
 * The storefront's cached reads (categories, facets, locations, the tenant) open no transaction when the menu
 * cache answers, and a short one confined to the tenant when it misses; a catalog change still shows on the
 * next read, and each storefront sees only its own store.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Database, DatabaseHandle } from "@cannasaas/db/client";
import { products } from "@cannasaas/db/schema";
import { createTestDatabase } from "@cannasaas/db/testing";
import { invalidateMenuCache } from "@cannasaas/core";
import { createFixtureTenant, createTestKv, type FixtureTenant } from "@cannasaas/core/testing";
import { createDevMailboxTransport } from "@cannasaas/integrations/mail";
import type { AuthDeps } from "@cannasaas/auth";
import { createCaller, createTrpcContext } from "../src";

const ROOT = "localhost:3000";
let handle: DatabaseHandle;
let kvHandle: Awaited<ReturnType<typeof createTestKv>>;
let deps: AuthDeps;
let A: FixtureTenant;
let B: FixtureTenant;
let transactions = 0;

beforeAll(async () => {
  handle = await createTestDatabase();
  kvHandle = await createTestKv();
  // The pool, counting the transactions opened on it.
  const counted = new Proxy(handle.db, {
    get(target, property, receiver) {
      if (property !== "transaction") return Reflect.get(target, property, receiver) as unknown;
      return (...args: Parameters<Database["transaction"]>) => {
        transactions++;
        return target.transaction(...args);
      };
    },
  });
  deps = { db: counted, kv: kvHandle.kv, clock: () => new Date(), mail: createDevMailboxTransport() };
  A = await createFixtureTenant(handle.db, { tag: "cached-a", passwordHash: "x" });
  B = await createFixtureTenant(handle.db, { tag: "cached-b", passwordHash: "x" });
});
afterAll(async () => {
  await kvHandle?.close();
  await handle?.close();
});

let ip = 0;
async function storefront(tag: string) {
  const ctx = await createTrpcContext({
    deps,
    headers: new Headers({ host: `${tag}.${ROOT}`, "x-forwarded-for": `192.0.2.${(++ip % 250) + 1}` }),
    clientAddressSettings: { trustedProxyHops: 1, clientIpHeader: null },
    rootDomain: ROOT,
    user: null,
    activeOrganizationId: null,
    deliverOutbox: () => {},
    cartToken: null,
  });
  return createCaller(ctx).storefront;
}

async function readAll(tag: string) {
  const api = await storefront(tag);
  const before = transactions;
  // One after another: the first read of a tag gives it its version, and reads racing to do so may each
  // cache under their own, costing one more miss (harmless, but it would blur the count).
  const categories = await api.categories();
  const facets = await api.facets({});
  const locations = await api.locations();
  const tenant = await api.tenant();
  return { categories, facets, locations, tenant, opened: transactions - before };
}

describe("cached storefront reads", () => {
  it("open a transaction only on a miss, show a change at once, and keep each store to its own", async () => {
    const first = await readAll("cached-a");
    expect(first.opened).toBe(3); // categories, facets and locations loaded; the tenant needs none
    expect(first.tenant.slug).toBe("cached-a");
    expect(first.locations.map((l) => l.id).sort()).toEqual(A.locations.map((l) => l.id).sort());
    expect(first.categories.reduce((n, c) => n + c.productCount, 0)).toBeGreaterThan(0);

    const again = await readAll("cached-a");
    expect(again.opened).toBe(0);
    expect(again.categories).toEqual(first.categories);
    expect(again.facets).toEqual(first.facets);

    const other = await readAll("cached-b");
    expect(other.opened).toBe(3);
    expect(other.locations.map((l) => l.id).sort()).toEqual(B.locations.map((l) => l.id).sort());

    await handle.db.update(products).set({ status: "archived" }).where(eq(products.organizationId, A.org.id));
    await invalidateMenuCache(kvHandle.kv, A.org.id);
    const changed = await readAll("cached-a");
    expect(changed.opened).toBe(2); // categories and facets again; locations did not change
    expect(changed.categories.every((c) => c.productCount === 0)).toBe(true);
    expect((await readAll("cached-b")).categories).toEqual(other.categories);
  });
});
