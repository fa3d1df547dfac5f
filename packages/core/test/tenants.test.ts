import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@cannasaas/db/testing";
import type { DatabaseHandle } from "@cannasaas/db/client";
import { customDomainVerifications } from "@cannasaas/db/schema";
import { resolvePublicTenant, resolveTenant, updateOrganization } from "../src";
import { createFixtureTenant, createTestKv } from "../src/testing";

let handle: DatabaseHandle;
let kv: Awaited<ReturnType<typeof createTestKv>>;

beforeAll(async () => {
  handle = await createTestDatabase();
  kv = await createTestKv();
  await createFixtureTenant(handle.db, { tag: "alpha", passwordHash: "x" });
  await createFixtureTenant(handle.db, { tag: "dormant", passwordHash: "x", launched: false });
});
afterAll(async () => {
  await kv?.close();
  await handle?.close();
});

describe("tenant lookup", () => {
  it("finds launched tenants by slug and hides unlaunched or unknown ones", async () => {
    const deps = { db: handle.db, kv: kv.kv };
    expect((await resolvePublicTenant(deps, "alpha"))?.name).toBe("Store alpha");
    expect(await resolvePublicTenant(deps, "dormant")).toBeNull();
    expect((await resolveTenant(deps, "dormant"))?.launched).toBe(false);
    expect(await resolvePublicTenant(deps, "nobody")).toBeNull();
    expect(await resolvePublicTenant(deps, "Not A Slug!")).toBeNull();
  });

  it("serves from the cache and drops the cache when the tenant changes", async () => {
    const deps = { db: handle.db, kv: kv.kv };
    const first = await resolvePublicTenant(deps, "alpha");
    expect(await kv.kv.get("tenant:slug:alpha")).toMatchObject({ name: "Store alpha" });

    await updateOrganization(deps, first!.id, { name: "Alpha Renamed" });
    expect(await kv.kv.get("tenant:slug:alpha")).toBeNull();
    expect((await resolvePublicTenant(deps, "alpha"))?.name).toBe("Alpha Renamed");
  });

  it("still finds the tenant from the database when the cache store fails", async () => {
    const down = () => Promise.reject(new Error("The operation was aborted due to timeout"));
    const failingKv = { ...kv.kv, get: down, set: down } as unknown as typeof kv.kv;
    const deps = { db: handle.db, kv: failingKv };
    expect((await resolvePublicTenant(deps, "dormant"))?.name).toBeUndefined();
    expect((await resolveTenant(deps, "dormant"))?.name).toBe("Store dormant");
  });

  it("finds a tenant by its custom domain and forgets the old domain when it changes", async () => {
    const deps = { db: handle.db, kv: kv.kv };
    const alpha = await resolveTenant(deps, "alpha");
    // DNS proof is what lets a domain serve (domain-verification.ts); here it is recorded directly.
    const verified = (domain: string) =>
      handle.db
        .insert(customDomainVerifications)
        .values({
          organizationId: alpha!.id,
          domain,
          token: "t",
          cnameTarget: "alpha.x",
          verifiedAt: new Date(),
        })
        .onConflictDoUpdate({ target: customDomainVerifications.organizationId, set: { domain } });
    await updateOrganization(deps, alpha!.id, { customDomain: "shop.alpha.com" });
    expect(await resolvePublicTenant(deps, "shop.alpha.com")).toBeNull(); // not verified yet
    await verified("shop.alpha.com");
    await kv.kv.del("tenant:domain:shop.alpha.com");
    expect((await resolvePublicTenant(deps, "shop.alpha.com"))?.slug).toBe("alpha");
    await verified("buy.alpha.com");
    await updateOrganization(deps, alpha!.id, { customDomain: "buy.alpha.com" });
    expect(await resolvePublicTenant(deps, "shop.alpha.com")).toBeNull();
    expect((await resolvePublicTenant(deps, "buy.alpha.com"))?.slug).toBe("alpha");
  });

  it("launching a storefront makes it public at once", async () => {
    const deps = { db: handle.db, kv: kv.kv };
    const dormant = await resolveTenant(deps, "dormant");
    expect(await resolvePublicTenant(deps, "dormant")).toBeNull(); // miss is cached
    await updateOrganization(deps, dormant!.id, { launchedAt: new Date() });
    expect((await resolvePublicTenant(deps, "dormant"))?.launched).toBe(true);
  });
});
