import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { DatabaseHandle } from "@cannasaas/db/client";
import { carts, inventoryLevels, orders, organizations } from "@cannasaas/db/schema";
import { createTestDatabase } from "@cannasaas/db/testing";
import { createMemoryKv } from "@cannasaas/integrations/kv";
import {
  addCartItem,
  advanceOrder,
  DomainError,
  placeOrder,
  placeOrderForCustomer,
  resolveTenant,
  setCartFulfillment,
  shopperReservationCaps,
  type CoreDeps,
  type Tenant,
} from "../src";
import { createFixtureTenant, createShopper, type FixtureTenant } from "../src/testing";

let handle: DatabaseHandle;
let deps: CoreDeps;
let shop: FixtureTenant;
let tenant: Tenant;
const now = new Date("2026-05-01T18:00:00Z");

beforeAll(async () => {
  handle = await createTestDatabase();
  deps = { db: handle.db, kv: createMemoryKv(), clock: () => now };
  shop = await createFixtureTenant(handle.db, { tag: "caps-shop", passwordHash: "x" });
  tenant = (await resolveTenant(deps, "caps-shop"))!;
  await handle.db
    .update(inventoryLevels)
    .set({ onHand: 10_000 })
    .where(eq(inventoryLevels.organizationId, shop.org.id));
});
afterAll(async () => handle?.close());

/** The fixture's first variant (3.5 g): the few units here stay far below the daily limit. */
const flower = () => shop.variants[0]!;
const north = () => shop.locations[0]!;

async function setCaps(caps: { openOrdersPerShopper?: number; reservedUnitsPerShopper?: number }) {
  const [org] = await handle.db.select().from(organizations).where(eq(organizations.id, shop.org.id));
  const { openOrdersPerShopper: _o, reservedUnitsPerShopper: _u, ...rest } = org!.compliance;
  await handle.db
    .update(organizations)
    .set({ compliance: { ...rest, ...caps } })
    .where(eq(organizations.id, shop.org.id));
}

const newShopper = () => createShopper(handle.db, shop.org.id, { verifiedAt: now });

/** A new cart (a shopper may have two, e.g. two tabs) holding `quantity` units, ready for pickup. */
async function cartOf(customerId: string, quantity: number) {
  const [cart] = await handle.db
    .insert(carts)
    .values({ organizationId: shop.org.id, customerId })
    .returning();
  await addCartItem(handle.db, shop.org.id, cart!.id, flower().id, quantity);
  await setCartFulfillment(handle.db, shop.org.id, cart!.id, {
    locationId: north().id,
    fulfillment: "pickup",
  });
  return cart!.id;
}

const checkout = (customerId: string, cartId: string) =>
  placeOrder(deps, tenant, { customerId, cartId, purchaser: "adult_use", paymentMethod: "cash" });

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

const openOrdersOf = async (customerId: string) =>
  (
    await handle.db
      .select({ id: orders.id, status: orders.status })
      .from(orders)
      .where(and(eq(orders.organizationId, shop.org.id), eq(orders.customerId, customerId)))
  ).filter((o) => o.status === "pending");

describe("per-shopper reservation caps", () => {
  it("default to 5 open orders and 50 reserved units for a store that never chose", () => {
    expect(
      shopperReservationCaps({
        idVerificationRequired: false,
        medicalEnabled: false,
        adultUseEnabled: true,
        idVerificationValidDays: 90,
      }),
    ).toEqual({ openOrders: 5, reservedUnits: 50 });
  });

  it("refuse an order past the open-order cap with a clear message, and allow it once one is closed", async () => {
    await setCaps({ openOrdersPerShopper: 2, reservedUnitsPerShopper: 50 });
    const shopper = await newShopper();
    const first = await checkout(shopper, await cartOf(shopper, 1));
    await checkout(shopper, await cartOf(shopper, 1));
    const before = await handle.db
      .select({ reserved: inventoryLevels.reserved })
      .from(inventoryLevels)
      .where(and(eq(inventoryLevels.variantId, flower().id), eq(inventoryLevels.locationId, north().id)));
    const third = await cartOf(shopper, 1);
    const error = await refusal(checkout(shopper, third));
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toBe(
      "You already have 2 open orders at this store, the most it allows at once. Pick one up or cancel one before placing another.",
    );
    expect(error.details).toMatchObject({ reason: "open_orders_cap", limit: 2 });
    // Nothing was reserved or written for the refused order.
    expect(await openOrdersOf(shopper)).toHaveLength(2);
    const after = await handle.db
      .select({ reserved: inventoryLevels.reserved })
      .from(inventoryLevels)
      .where(and(eq(inventoryLevels.variantId, flower().id), eq(inventoryLevels.locationId, north().id)));
    expect(after).toEqual(before);

    await advanceOrder(deps, shop.org.id, { orderId: first.order.id, to: "cancelled", actorUserId: null });
    await expect(checkout(shopper, third)).resolves.toMatchObject({ order: { status: "pending" } });
  });

  it("refuse units past the reserved-unit cap, saying how many more fit", async () => {
    await setCaps({ openOrdersPerShopper: 5, reservedUnitsPerShopper: 3 });
    const shopper = await newShopper();
    await checkout(shopper, await cartOf(shopper, 2));
    const error = await refusal(checkout(shopper, await cartOf(shopper, 2)));
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toContain("at most 3 items for one shopper across open orders; you can add 1 more");
    expect(error.details).toMatchObject({ reason: "reserved_units_cap", limit: 3, available: 1 });
    await expect(checkout(shopper, await cartOf(shopper, 1))).resolves.toBeDefined();
    // Another shopper is not affected by this one's reservations.
    const other = await newShopper();
    await expect(checkout(other, await cartOf(other, 3))).resolves.toBeDefined();
  });

  it("let only one of two simultaneous checkouts through when both together pass a cap", async () => {
    await setCaps({ openOrdersPerShopper: 1, reservedUnitsPerShopper: 50 });
    for (let round = 0; round < 3; round++) {
      const shopper = await newShopper();
      const [a, b] = [await cartOf(shopper, 1), await cartOf(shopper, 1)];
      const results = await Promise.allSettled([checkout(shopper, a), checkout(shopper, b)]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      expect((refused.reason as DomainError).details).toMatchObject({ reason: "open_orders_cap" });
      expect(await openOrdersOf(shopper)).toHaveLength(1);
    }
  });

  it("do not apply to orders the store enters itself through the API", async () => {
    await setCaps({ openOrdersPerShopper: 1, reservedUnitsPerShopper: 1 });
    const shopper = await newShopper();
    for (let i = 0; i < 2; i++) {
      await placeOrderForCustomer(deps, shop.org.id, {
        customerId: shopper,
        locationId: north().id,
        lines: [{ variantId: flower().id, quantity: 2 }],
        purchaser: "adult_use",
        paymentMethod: "cash",
      });
    }
    expect(await openOrdersOf(shopper)).toHaveLength(2);
    // ...but they count toward the shopper's own checkouts.
    const error = await refusal(checkout(shopper, await cartOf(shopper, 1)));
    expect(error.details).toMatchObject({ reason: "open_orders_cap" });
  });
});
