import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray } from "drizzle-orm";
import type { DatabaseHandle } from "@cannasaas/db/client";
import {
  inventoryLevels,
  locations,
  orderItems,
  orders,
  outboxMessages,
  stockMovements,
} from "@cannasaas/db/schema";
import { createTestDatabase } from "@cannasaas/db/testing";
import { createMemoryKv } from "@cannasaas/integrations/kv";
import {
  addCartItem,
  advanceOrder,
  DomainError,
  expireStaleReservations,
  getOrCreateCart,
  placeOrder,
  resolveTenant,
  setCartFulfillment,
  type CoreDeps,
  type Tenant,
} from "../src";
import { createFixtureTenant, createShopper, fillPickupCart, type FixtureTenant } from "../src/testing";

let handle: DatabaseHandle;
let deps: CoreDeps;
let shop: FixtureTenant;
let tenant: Tenant;
let now = new Date("2026-05-01T18:00:00Z");

beforeAll(async () => {
  handle = await createTestDatabase();
  deps = { db: handle.db, kv: createMemoryKv(), clock: () => now };
  shop = await createFixtureTenant(handle.db, { tag: "co-shop", passwordHash: "x" });
  tenant = (await resolveTenant(deps, "co-shop"))!;
});
afterAll(async () => handle?.close());

const flowerA = () => shop.variants[0]!;
const flowerB = () => shop.variants[1]!;
const edible = () => shop.variants[2]!;
const north = () => shop.locations[0]!;

const newShopper = (dateOfBirth?: string) =>
  createShopper(handle.db, shop.org.id, { verifiedAt: now, dateOfBirth });

const cartWith = (customerId: string, lines: Array<[() => { id: string }, number]>) =>
  fillPickupCart(handle.db, shop.org.id, {
    customerId,
    locationId: north().id,
    lines: lines.map(([variant, quantity]) => ({ variantId: variant().id, quantity })),
  });

const order = (customerId: string, cartId: string) =>
  placeOrder(deps, tenant, { customerId, cartId, purchaser: "adult_use", paymentMethod: "cash" });

async function level(variantId: string, locationId = north().id) {
  const [row] = await handle.db
    .select()
    .from(inventoryLevels)
    .where(and(eq(inventoryLevels.variantId, variantId), eq(inventoryLevels.locationId, locationId)));
  return row!;
}

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe("placeOrder", () => {
  it("prices, taxes and reserves on the server, numbering orders per tenant", async () => {
    const customerId = await newShopper();
    const before = await level(flowerA().id);
    const { order: placed, outboxIds } = await order(
      customerId,
      await cartWith(customerId, [
        [flowerA, 2],
        [edible, 1],
      ]),
    );
    expect(placed.orderNumber).toBeGreaterThanOrEqual(1001);
    expect(placed.subtotalCents).toBe(2 * 2500 + 3500);
    const taxes = placed.exciseCents + placed.localCannabisCents + placed.salesTaxCents;
    expect(taxes).toBeGreaterThan(0);
    expect(placed.totalCents).toBe(placed.subtotalCents + taxes);
    expect((await level(flowerA().id)).reserved).toBe(before.reserved + 2);
    const [mail] = await handle.db.select().from(outboxMessages).where(eq(outboxMessages.id, outboxIds[0]!));
    expect(mail?.topic).toBe("order.confirmation");

    const second = await newShopper();
    const next = await order(second, await cartWith(second, [[flowerB, 1]]));
    expect(next.order.orderNumber).toBe(placed.orderNumber + 1);
  });

  it("never sells more units than exist, however many shoppers race for them", async () => {
    const variant = flowerB();
    await handle.db
      .update(inventoryLevels)
      .set({ onHand: 5, reserved: 0 })
      .where(and(eq(inventoryLevels.variantId, variant.id), eq(inventoryLevels.locationId, north().id)));
    const shoppers = await Promise.all(Array.from({ length: 20 }, () => newShopper()));
    const carts = await Promise.all(shoppers.map((id) => cartWith(id, [[flowerB, 1]])));
    const results = await Promise.allSettled(shoppers.map((id, i) => order(id, carts[i]!)));
    const sold = results.filter((r) => r.status === "fulfilled").length;
    expect(sold).toBe(5);
    for (const r of results) {
      if (r.status === "rejected") expect((r.reason as DomainError).message).toMatch(/sold out|Only \d+ of/);
    }
    expect(await level(variant.id)).toMatchObject({ onHand: 5, reserved: 5 });
  });

  it("numbers simultaneous orders uniquely from the tenant's own sequence; a new tenant starts at 1001", async () => {
    const shoppers = await Promise.all(Array.from({ length: 12 }, () => newShopper()));
    const carts = await Promise.all(shoppers.map((id, i) => cartWith(id, [[i % 2 ? edible : flowerA, 1]])));
    const placed = await Promise.all(shoppers.map((id, i) => order(id, carts[i]!)));
    const numbers = placed.map((p) => p.order.orderNumber).sort((x, y) => x - y);
    expect(new Set(numbers).size).toBe(12);
    expect(numbers[11]! - numbers[0]!).toBe(11);

    const other = await createFixtureTenant(handle.db, { tag: "co-numbers", passwordHash: "x" });
    const otherTenant = (await resolveTenant(deps, "co-numbers"))!;
    const cartId = await fillPickupCart(handle.db, other.org.id, {
      customerId: other.shopper.customerId,
      locationId: other.locations[0]!.id,
      lines: [{ variantId: other.variants[0]!.id, quantity: 1 }],
    });
    const first = await placeOrder(deps, otherTenant, {
      customerId: other.shopper.customerId,
      cartId,
      purchaser: "adult_use",
      paymentMethod: "cash",
    });
    expect(first.order.orderNumber).toBe(1001);
  });

  it("refuses a cart over the state's daily limit, naming the limit and the excess, reserving nothing", async () => {
    // Stock to cover the cart: a line the store cannot supply is refused as short first (see below).
    await handle.db
      .update(inventoryLevels)
      .set({ onHand: 50 })
      .where(and(eq(inventoryLevels.variantId, flowerA().id), eq(inventoryLevels.locationId, north().id)));
    const customerId = await newShopper();
    const before = await level(flowerA().id);
    const error = await refusal(order(customerId, await cartWith(customerId, [[flowerA, 9]])));
    expect(error.code).toBe("FORBIDDEN");
    expect(error.message).toMatch(/28\.5 g/);
    expect(error.message).toMatch(/3\.0 g over/);
    expect((await level(flowerA().id)).reserved).toBe(before.reserved);
  });

  it("refuses a line the store cannot supply before reading the shopper's limits, reserving nothing", async () => {
    await handle.db
      .update(inventoryLevels)
      .set({ onHand: 3, reserved: 0 })
      .where(and(eq(inventoryLevels.variantId, flowerA().id), eq(inventoryLevels.locationId, north().id)));
    const customerId = await newShopper();
    // Over the daily limit too (31.5 g), but short first: a sell-out refuses most of a crowd cheaply.
    const error = await refusal(order(customerId, await cartWith(customerId, [[flowerA, 9]])));
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toMatch(/Only 3 of/);
    expect(error.details).toMatchObject({ variantId: flowerA().id, available: 3 });
    expect((await level(flowerA().id)).reserved).toBe(0);
  });

  it("counts the shopper's earlier orders of the same local day, and not cancelled ones", async () => {
    await handle.db
      .update(inventoryLevels)
      .set({ onHand: 50 })
      .where(eq(inventoryLevels.organizationId, shop.org.id));
    const customerId = await newShopper();
    const first = await order(customerId, await cartWith(customerId, [[flowerA, 8]])); // 28 g
    const error = await refusal(order(customerId, await cartWith(customerId, [[flowerA, 1]])));
    expect(error.message).toMatch(/31\.5 g/);
    await advanceOrder(deps, shop.org.id, { orderId: first.order.id, to: "cancelled", actorUserId: null });
    await expect(order(customerId, await cartWith(customerId, [[flowerA, 1]]))).resolves.toBeTruthy();
  });

  it("uses the store's calendar day: 06:30 UTC is still yesterday in Los Angeles", async () => {
    const customerId = await newShopper();
    now = new Date("2026-03-01T06:30:00Z");
    const placed = await order(customerId, await cartWith(customerId, [[edible, 1]]));
    now = new Date("2026-05-01T18:00:00Z");
    expect(placed.order.localDay).toBe("2026-02-28");
  });

  it("refuses an under-21 adult-use shopper and medical orders at a store without a medical program", async () => {
    const minor = await newShopper("2008-01-01");
    expect((await refusal(order(minor, await cartWith(minor, [[edible, 1]])))).message).toMatch(
      /21 or older/,
    );
    const adult = await newShopper();
    const cartId = await cartWith(adult, [[edible, 1]]);
    const medical = placeOrder(deps, tenant, {
      customerId: adult,
      cartId,
      purchaser: "medical",
      paymentMethod: "cash",
    });
    expect((await refusal(medical)).message).toMatch(/does not serve medical patients/);
  });

  it("refuses an empty cart, a cart without a location and another shopper's cart", async () => {
    const customerId = await newShopper();
    const cart = await getOrCreateCart(handle.db, shop.org.id, { customerId });
    expect((await refusal(order(customerId, cart.id))).message).toMatch(/Choose a store location/);
    await setCartFulfillment(handle.db, shop.org.id, cart.id, {
      locationId: north().id,
      fulfillment: "pickup",
    });
    expect((await refusal(order(customerId, cart.id))).message).toBe("Your cart is empty.");
    const stranger = await newShopper();
    expect((await refusal(order(stranger, cart.id))).code).toBe("NOT_FOUND");
  });

  it("checks delivery addresses against the location's zones", async () => {
    await handle.db
      .update(locations)
      .set({
        deliveryEnabled: true,
        deliveryZones: [
          {
            id: "z1",
            name: "Downtown",
            kind: "postal_codes",
            postalCodes: ["90001"],
            feeCents: 500,
            minimumOrderCents: 5000,
          },
        ],
      })
      .where(eq(locations.id, north().id));
    const customerId = await newShopper();
    const cart = await getOrCreateCart(handle.db, shop.org.id, { customerId });
    const address = { line1: "1 Far Rd", city: "Elsewhere", state: "CA", postalCode: "94110" };
    const outside = setCartFulfillment(handle.db, shop.org.id, cart.id, {
      locationId: north().id,
      fulfillment: "delivery",
      address,
    });
    expect((await refusal(outside)).message).toMatch(/does not deliver to 94110/);
    await setCartFulfillment(handle.db, shop.org.id, cart.id, {
      locationId: north().id,
      fulfillment: "delivery",
      address: { ...address, postalCode: "90001" },
    });
    await addCartItem(handle.db, shop.org.id, cart.id, edible().id, 1);
    expect((await refusal(order(customerId, cart.id))).message).toMatch(/at least \$50\.00/);
    await addCartItem(handle.db, shop.org.id, cart.id, edible().id, 1);
    const placed = await order(customerId, cart.id);
    expect(placed.order.deliveryFeeCents).toBe(500);
  });
});

describe("payment methods", () => {
  it("takes cash or debit at handover by default and refuses a method the store does not offer", async () => {
    const customerId = await newShopper();
    const cartId = await cartWith(customerId, [[edible, 1]]);
    const online = placeOrder(deps, tenant, {
      customerId,
      cartId,
      purchaser: "adult_use",
      paymentMethod: "online",
    });
    expect((await refusal(online)).message).toMatch(/does not take online payments/);
    const { order: placed } = await order(customerId, cartId);
    expect(placed).toMatchObject({ paymentMethod: "cash", paymentStatus: "due_at_handover" });
  });

  it("lets an online provider plug in and authorize the computed total", async () => {
    const customerId = await newShopper();
    const cartId = await cartWith(customerId, [[edible, 1]]);
    const seen: number[] = [];
    const provider = {
      id: "online" as const,
      label: "Bank transfer (ACH)",
      authorize: async (o: { totalCents: number }) => {
        seen.push(o.totalCents);
        return { status: "authorized" as const };
      },
    };
    const { order: placed } = await placeOrder(
      deps,
      tenant,
      { customerId, cartId, purchaser: "adult_use", paymentMethod: "online" },
      [provider],
    );
    expect(placed).toMatchObject({ paymentMethod: "online", paymentStatus: "authorized" });
    expect(seen).toEqual([placed.totalCents]);
  });
});

describe("order lifecycle", () => {
  it("moves only forward; completing sells the reserved units with a stock movement", async () => {
    const customerId = await newShopper();
    const before = await level(edible().id);
    const { order: placed } = await order(customerId, await cartWith(customerId, [[edible, 2]]));
    await expect(
      advanceOrder(deps, shop.org.id, { orderId: placed.id, to: "ready", actorUserId: null }),
    ).rejects.toThrow(/cannot become/);
    for (const to of ["confirmed", "preparing", "ready", "completed"] as const) {
      await advanceOrder(deps, shop.org.id, { orderId: placed.id, to, actorUserId: shop.staff.budtender.id });
    }
    expect(await level(edible().id)).toMatchObject({ onHand: before.onHand - 2, reserved: before.reserved });
    const moves = await handle.db.select().from(stockMovements).where(eq(stockMovements.orderId, placed.id));
    expect(moves).toMatchObject([{ kind: "sell", quantity: -2, actorUserId: shop.staff.budtender.id }]);
  });

  it("lets only one of two simultaneous status changes apply", async () => {
    const customerId = await newShopper();
    const { order: placed } = await order(customerId, await cartWith(customerId, [[edible, 1]]));
    const confirm = () =>
      advanceOrder(deps, shop.org.id, { orderId: placed.id, to: "confirmed", actorUserId: null });
    const results = await Promise.allSettled([confirm(), confirm()]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected");
    expect((rejected?.reason as DomainError).code).toBe("CONFLICT");
  });

  it("cancels unconfirmed orders after the reservation window and returns their stock", async () => {
    const customerId = await newShopper();
    const before = await level(flowerA().id);
    const { order: placed } = await order(customerId, await cartWith(customerId, [[flowerA, 1]]));
    expect((await level(flowerA().id)).reserved).toBe(before.reserved + 1);
    const later = { ...deps, clock: () => new Date(now.getTime() + 3 * 60 * 60_000) };
    expect((await expireStaleReservations(later, shop.org.id)).cancelled).toBeGreaterThanOrEqual(1);
    const [row] = await handle.db.select().from(orders).where(eq(orders.id, placed.id));
    expect(row?.status).toBe("cancelled");
    // Every pending order of this store was past its window, so what stays reserved is what open orders hold.
    const open = await handle.db
      .select({ quantity: orderItems.quantity })
      .from(orderItems)
      .innerJoin(orders, eq(orders.id, orderItems.orderId))
      .where(
        and(
          eq(orderItems.variantId, flowerA().id),
          eq(orders.locationId, north().id),
          inArray(orders.status, ["confirmed", "preparing", "ready"]),
        ),
      );
    expect((await level(flowerA().id)).reserved).toBe(open.reduce((sum, r) => sum + r.quantity, 0));
  });

  it("never touches another tenant's orders", async () => {
    const other = await createFixtureTenant(handle.db, { tag: "co-other", passwordHash: "x" });
    const customerId = await newShopper();
    const { order: placed } = await order(customerId, await cartWith(customerId, [[edible, 1]]));
    const error = await refusal(
      advanceOrder(deps, other.org.id, { orderId: placed.id, to: "confirmed", actorUserId: null }),
    );
    expect(error.code).toBe("NOT_FOUND");
  });
});
