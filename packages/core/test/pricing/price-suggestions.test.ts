import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { DatabaseHandle } from "@cannasaas/db/client";
import { inventoryLots, priceSuggestions, productVariants } from "@cannasaas/db/schema";
import { createTestDatabase } from "@cannasaas/db/testing";
import { createMemoryKv } from "@cannasaas/integrations/kv";
import {
  addDays,
  approvePriceSuggestion,
  dismissPriceSuggestion,
  listPriceSuggestions,
  organizationDay,
  receiveStock,
  refreshPriceSuggestions,
  setPricingPolicy,
  type CoreDeps,
} from "../../src";
import { createFixtureTenant, type FixtureTenant } from "../../src/testing";

let handle: DatabaseHandle;
let deps: Pick<CoreDeps, "db" | "kv" | "clock">;
let shop: FixtureTenant;
let other: FixtureTenant;
let today: string;
const owner = () => ({ organizationId: shop.org.id, userId: shop.staff.owner.id, canWritePrices: true });

async function priceOf(variantId: string) {
  const [row] = await handle.db
    .select({ priceCents: productVariants.priceCents })
    .from(productVariants)
    .where(eq(productVariants.id, variantId));
  return row!.priceCents;
}
const open = () => listPriceSuggestions(deps, shop.org.id);
const forVariant = async (i: number) => (await open()).find((s) => s.variantId === shop.variants[i]!.id);

beforeAll(async () => {
  handle = await createTestDatabase();
  deps = { db: handle.db, kv: createMemoryKv(), clock: () => new Date() };
  shop = await createFixtureTenant(handle.db, { tag: "price-shop", passwordHash: "x" });
  other = await createFixtureTenant(handle.db, { tag: "price-other", passwordHash: "x" });
  today = await organizationDay(handle.db, shop.org.id, new Date());
  const actor = { organizationId: shop.org.id, actorUserId: shop.staff.owner.id };
  const at = shop.locations[0]!.id;
  // Variant 0 ($25.00): a lot expiring in 5 days, bought at $10.00 a unit.
  await receiveStock(deps, actor, {
    locationId: at,
    variantId: shop.variants[0]!.id,
    quantity: 12,
    lot: { packageLabel: "1A4FF0100000022000000001", expiresOn: addDays(today, 5), unitCostCents: 1000 },
  });
  // Variant 1 ($30.00): 40 units in a lot received 45 days ago at $20.00 that never sold: a slow mover, whose 20%
  // cut ($24.00) is under the 30% floor ($28.58), so it is held at the floor.
  await receiveStock(deps, actor, {
    locationId: at,
    variantId: shop.variants[1]!.id,
    quantity: 40,
    lot: { packageLabel: "1A4FF0100000022000000002", unitCostCents: 2000 },
  });
  await handle.db
    .update(inventoryLots)
    .set({ receivedAt: new Date(Date.now() - 45 * 86_400_000) })
    .where(eq(inventoryLots.packageLabel, "1A4FF0100000022000000002"));
  // Variant 2: expiring tomorrow, but received without a cost: skipped, never priced blind.
  await receiveStock(deps, actor, {
    locationId: at,
    variantId: shop.variants[2]!.id,
    quantity: 3,
    lot: { packageLabel: "1A4FF0100000022000000003", expiresOn: addDays(today, 1) },
  });
  // The other tenant's own expiring lot, which must never show up here.
  await receiveStock(
    deps,
    { organizationId: other.org.id, actorUserId: null },
    {
      locationId: other.locations[0]!.id,
      variantId: other.variants[0]!.id,
      quantity: 5,
      lot: { packageLabel: "1A4FF0100000022000000009", expiresOn: addDays(today, 2), unitCostCents: 100 },
    },
  );
});
afterAll(async () => {
  await handle?.close();
});

describe("price suggestions", () => {
  it("suggests a near-expiry and a slow-mover markdown with their reasons, and skips a lot without a cost", async () => {
    const result = await refreshPriceSuggestions(deps, shop.org.id);
    expect(result.created).toBe(2);
    expect(result.skipped.map((s) => s.variantId)).toEqual([shop.variants[2]!.id]);
    expect(result.skipped[0]!.reason).toMatch(/No unit cost/);

    const expiring = await forVariant(0);
    expect(expiring).toMatchObject({
      reason: "near_expiry",
      currentPriceCents: 2500,
      suggestedPriceCents: 1750, // 30%: 5 days left is in the last quarter of the 30-day window
      unitCostCents: 1000,
      floorPriceCents: 1429,
    });
    expect(expiring!.explanation).toContain("1A4FF0100000022000000001");
    expect(expiring!.explanation).toContain("12 units expire in 5 days");
    expect(expiring!.explanation).toContain("30% off");

    const slow = await forVariant(1);
    expect(slow).toMatchObject({
      reason: "slow_mover",
      currentPriceCents: 3000,
      suggestedPriceCents: 2858,
      floorPriceCents: 2858,
    });
    expect(slow!.explanation).toMatch(/none sold in the last 60 days.*Held at the margin floor of \$28\.58/);
    // Nothing changed a price on its own.
    expect(await priceOf(shop.variants[0]!.id)).toBe(2500);
    expect(await priceOf(shop.variants[1]!.id)).toBe(3000);
    expect(await listPriceSuggestions(deps, other.org.id)).toEqual([]);
  });

  it("never suggests under a raised margin floor", async () => {
    await setPricingPolicy(handle.db, shop.org.id, {
      marginFloorBp: 6000,
      expiryWindowDays: 30,
      slowMoverCoverDays: 90,
    });
    const result = await refreshPriceSuggestions(deps, shop.org.id);
    // Variant 0: floor $25.00 (cost $10 at 60%), equal to its price: nothing to suggest. Variant 1: floor $50.
    expect(result.created).toBe(0);
    expect(result.skipped.filter((s) => /already at or under the margin floor/.test(s.reason))).toHaveLength(
      2,
    );
    expect(await open()).toEqual([]);
    await setPricingPolicy(handle.db, shop.org.id, {
      marginFloorBp: 3000,
      expiryWindowDays: 30,
      slowMoverCoverDays: 90,
    });
  });

  it("replaces the open suggestions on refresh, even when two refreshes race", async () => {
    await Promise.all([
      refreshPriceSuggestions(deps, shop.org.id),
      refreshPriceSuggestions(deps, shop.org.id),
    ]);
    expect(await open()).toHaveLength(2);
    const superseded = await listPriceSuggestions(deps, shop.org.id, { status: "superseded" });
    expect(superseded.length).toBeGreaterThanOrEqual(3);
  });

  it("changes the price only on approval, once, and not for another organization", async () => {
    const suggestion = (await forVariant(0))!;
    await expect(
      approvePriceSuggestion(
        deps,
        { organizationId: other.org.id, userId: other.staff.owner.id, canWritePrices: true },
        suggestion.id,
      ),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      approvePriceSuggestion(deps, { ...owner(), canWritePrices: false }, suggestion.id),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await priceOf(shop.variants[0]!.id)).toBe(2500);

    const approved = await approvePriceSuggestion(deps, owner(), suggestion.id);
    expect(approved.status).toBe("approved");
    expect(approved.decidedByUserId).toBe(shop.staff.owner.id);
    expect(await priceOf(shop.variants[0]!.id)).toBe(1750);
    await expect(approvePriceSuggestion(deps, owner(), suggestion.id)).rejects.toMatchObject({
      code: "CONFLICT",
      message: "This suggestion was already approved.",
    });
  });

  it("refuses an approval when the price moved since, or a cost rise lifted the floor above it", async () => {
    await refreshPriceSuggestions(deps, shop.org.id);
    const slow = (await forVariant(1))!;
    await handle.db
      .update(productVariants)
      .set({ priceCents: 3100 })
      .where(eq(productVariants.id, shop.variants[1]!.id));
    await expect(approvePriceSuggestion(deps, owner(), slow.id)).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await priceOf(shop.variants[1]!.id)).toBe(3100);

    await refreshPriceSuggestions(deps, shop.org.id);
    const again = (await forVariant(1))!;
    expect(again.currentPriceCents).toBe(3100);
    await handle.db
      .update(inventoryLots)
      .set({ unitCostCents: 2100 })
      .where(eq(inventoryLots.packageLabel, "1A4FF0100000022000000002"));
    await expect(approvePriceSuggestion(deps, owner(), again.id)).rejects.toThrow(
      /margin floor is now \$30\.00/,
    );
    expect(await priceOf(shop.variants[1]!.id)).toBe(3100);
  });

  it("dismisses without touching the price", async () => {
    await handle.db
      .update(inventoryLots)
      .set({ unitCostCents: 2000 })
      .where(eq(inventoryLots.packageLabel, "1A4FF0100000022000000002"));
    await refreshPriceSuggestions(deps, shop.org.id);
    const slow = (await forVariant(1))!;
    const dismissed = await dismissPriceSuggestion(deps, owner(), slow.id);
    expect(dismissed.status).toBe("dismissed");
    expect(await priceOf(shop.variants[1]!.id)).toBe(3100);
    const [row] = await handle.db
      .select()
      .from(priceSuggestions)
      .where(and(eq(priceSuggestions.id, slow.id), eq(priceSuggestions.organizationId, shop.org.id)));
    expect(row!.status).toBe("dismissed");
  });
});
