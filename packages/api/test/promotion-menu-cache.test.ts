/**
 * The menu reads the store's promotions through the menu cache (tag `promotions`), so a page view does not
 * load them again; every change made in the dashboard must still show on the very next menu read.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@cannasaas/db/client";
import { locations } from "@cannasaas/db/schema";
import { createTestDatabase } from "@cannasaas/db/testing";
import { createFixtureTenant, createTestKv, type FixtureTenant } from "@cannasaas/core/testing";
import { createDevMailboxTransport } from "@cannasaas/integrations/mail";
import type { AuthDeps } from "@cannasaas/auth";
import { createCaller, createTrpcContext } from "../src";

const ROOT = "localhost:3000";
let handle: DatabaseHandle;
let kvHandle: Awaited<ReturnType<typeof createTestKv>>;
let deps: AuthDeps;
let shop: FixtureTenant;

beforeAll(async () => {
  handle = await createTestDatabase();
  kvHandle = await createTestKv();
  deps = { db: handle.db, kv: kvHandle.kv, clock: () => new Date(), mail: createDevMailboxTransport() };
  shop = await createFixtureTenant(handle.db, { tag: "promo-cache", passwordHash: "x" });
});
afterAll(async () => {
  await kvHandle?.close();
  await handle?.close();
});

let ip = 0;
/** A caller on `host`, as a shopper or as the manager of `managerOf`, on `on`'s clock. */
async function api(host: string, as: { managerOf?: FixtureTenant } = {}, on: AuthDeps = deps) {
  const ctx = await createTrpcContext({
    deps: on,
    headers: new Headers({ host, "x-forwarded-for": `192.0.2.${(++ip % 250) + 1}` }),
    clientAddressSettings: { trustedProxyHops: 1, clientIpHeader: null },
    rootDomain: ROOT,
    user: as.managerOf
      ? { id: as.managerOf.staff.manager.id, email: as.managerOf.staff.manager.email }
      : null,
    activeOrganizationId: as.managerOf?.org.id ?? null,
    deliverOutbox: () => {},
    cartToken: null,
  });
  return createCaller(ctx);
}

const manager = () => api(ROOT, { managerOf: shop });

/** Each variant's deal price on menu page 1, by variant id (null where no deal applies). */
async function menuDealPrices() {
  const page = await (await api(`promo-cache.${ROOT}`)).storefront.products({ page: 1, pageSize: 24 });
  return new Map(page.products.flatMap((p) => p.variants.map((v) => [v.id, v.deal?.dealPriceCents ?? null])));
}

describe("live promotions on the cached menu", () => {
  it("shows a created, edited, paused, resumed and ended deal on the next menu read", async () => {
    const variant = shop.variants[0]!;
    // Read first, so the cache holds the store's promotions before each change.
    expect((await menuDealPrices()).get(variant.id)).toBeNull();
    expect((await menuDealPrices()).get(variant.id)).toBeNull();

    const deal = {
      name: "Ten off everything",
      rule: { kind: "percent_off" as const, percentBps: 1_000 },
    };
    const created = await (await manager()).promotions.create(deal);
    const tenOff = variant.priceCents - Math.round(variant.priceCents / 10);
    expect((await menuDealPrices()).get(variant.id)).toBe(tenOff);

    await (
      await manager()
    ).promotions.update({
      promotionId: created.id,
      promotion: { ...deal, rule: { kind: "percent_off", percentBps: 2_000 } },
    });
    const twentyOff = variant.priceCents - Math.round(variant.priceCents / 5);
    expect((await menuDealPrices()).get(variant.id)).toBe(twentyOff);

    await (await manager()).promotions.pause({ promotionId: created.id });
    expect((await menuDealPrices()).get(variant.id)).toBeNull();

    await (await manager()).promotions.resume({ promotionId: created.id });
    expect((await menuDealPrices()).get(variant.id)).toBe(twentyOff);

    await (await manager()).promotions.end({ promotionId: created.id });
    expect((await menuDealPrices()).get(variant.id)).toBeNull();
  });

  it("keeps serving the cached promotions when nothing changed, and a refused change invalidates nothing", async () => {
    const before = await menuDealPrices();
    // An absurd deal is refused by the schema: no change, and the menu is what it was.
    await expect(
      (await manager()).promotions.create({
        name: "Broken",
        rule: { kind: "percent_off", percentBps: 20_000 },
      }),
    ).rejects.toThrow();
    expect(await menuDealPrices()).toEqual(before);
  });
});

describe("happy hours on the chosen location's clock", () => {
  it("prices the menu by the store's clock, or by the chosen location's where it differs", async () => {
    // 20:30 UTC: 12:30 in Los Angeles (the store's zone), 15:30 in New York.
    const at: AuthDeps = { ...deps, clock: () => new Date("2026-12-07T20:30:00Z") };
    const east = await createFixtureTenant(handle.db, { tag: "promo-clock", passwordHash: "x" });
    const [eastern, western] = east.locations;
    await handle.db
      .update(locations)
      .set({ timeZone: "America/New_York" })
      .where(eq(locations.id, eastern!.id));
    const eastManager = await api(ROOT, { managerOf: east }, at);
    await eastManager.promotions.create({
      name: "Lunch hour",
      rule: { kind: "percent_off", percentBps: 1_000 },
      startMinute: 12 * 60,
      endMinute: 13 * 60,
    });
    const variant = east.variants[0]!;
    const dealOn = async (locationId?: string) => {
      const shopper = await api(`promo-clock.${ROOT}`, {}, at);
      const page = await shopper.storefront.products({ page: 1, pageSize: 24, locationId });
      const found = page.products.flatMap((p) => p.variants).find((v) => v.id === variant.id);
      return found?.deal?.dealPriceCents ?? null;
    };
    const tenOff = variant.priceCents - Math.round(variant.priceCents / 10);
    expect(await dealOn()).toBe(tenOff);
    expect(await dealOn(western!.id)).toBe(tenOff);
    expect(await dealOn(eastern!.id)).toBeNull();
    // Another store's location is refused, not priced by some other clock.
    await expect(dealOn(shop.locations[0]!.id)).rejects.toThrow(/not one of this store's/);
  });
});
