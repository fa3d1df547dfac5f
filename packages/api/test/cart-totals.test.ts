/**
 * The cart page and checkout price a cart with the same core function, so what the shopper reads in the cart
 * is what checkout charges: for pickup and delivery, at adult-use and medical prices, with a location's own
 * tax rates.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { DatabaseHandle } from "@cannasaas/db/client";
import { identityDocuments, locations, orderItems, orders, productVariants } from "@cannasaas/db/schema";
import { createTestDatabase } from "@cannasaas/db/testing";
import { createFixtureTenant, createTestKv, type FixtureTenant } from "@cannasaas/core/testing";
import { createDevMailboxTransport } from "@cannasaas/integrations/mail";
import type { AuthDeps } from "@cannasaas/auth";
import { shopperCaller } from "./helpers";

let handle: DatabaseHandle;
let kvHandle: Awaited<ReturnType<typeof createTestKv>>;
let deps: AuthDeps;
let shop: FixtureTenant;

beforeAll(async () => {
  handle = await createTestDatabase();
  kvHandle = await createTestKv();
  deps = { db: handle.db, kv: kvHandle.kv, clock: () => new Date(), mail: createDevMailboxTransport() };
  shop = await createFixtureTenant(handle.db, { tag: "totals", passwordHash: "x", medicalEnabled: true });
  // A medical price on the first flower, and delivery with a fee from the second location.
  await handle.db
    .update(productVariants)
    .set({ medicalPriceCents: 2100 })
    .where(eq(productVariants.id, shop.variants[0]!.id));
  await handle.db
    .update(locations)
    .set({
      deliveryEnabled: true,
      deliveryZones: [
        {
          id: "z1",
          name: "Town",
          kind: "postal_codes",
          postalCodes: ["90001"],
          feeCents: 700,
          minimumOrderCents: 1000,
        },
      ],
      taxRates: { salesBps: 925, localCannabisBps: 250 },
    })
    .where(eq(locations.id, shop.locations[1]!.id));
});
afterAll(async () => {
  await kvHandle?.close();
  await handle?.close();
});

async function charged(orderId: string) {
  const [order] = await handle.db.select().from(orders).where(eq(orders.id, orderId));
  const items = await handle.db.select().from(orderItems).where(eq(orderItems.orderId, orderId));
  return { order: order!, items };
}

describe("the cart view and checkout", () => {
  it.each([
    ["pickup, adult-use", "adult_use", 0, "pickup"],
    ["pickup, medical prices", "medical", 0, "pickup"],
    ["delivery with a fee and the location's own tax rates", "adult_use", 1, "delivery"],
  ] as const)("show and charge the same total: %s", async (_, purchaser, locationIndex, fulfillment) => {
    if (purchaser === "medical") {
      await handle.db.insert(identityDocuments).values({
        organizationId: shop.org.id,
        customerId: shop.shopper.customerId,
        kind: "medical_card",
        status: "approved",
        reviewedAt: new Date(),
      });
    }
    const api = await shopperCaller(deps, shop);
    await api.cart.add({ variantId: shop.variants[0]!.id, quantity: 2 });
    await api.cart.add({ variantId: shop.variants[2]!.id, quantity: 1 });
    await api.cart.setFulfillment({
      locationId: shop.locations[locationIndex]!.id,
      fulfillment,
      address:
        fulfillment === "delivery"
          ? { line1: "2 Side St", city: "Town", state: "CA", postalCode: "90001" }
          : null,
    });

    const view = await api.cart.get({ purchaser });
    expect(view.totals).not.toBeNull();
    // The earliest time, chosen: "as soon as possible" is refused late in the store's evening, and the test
    // runs at any hour of the day.
    const { slots } = await api.checkout.slots();
    const { orderId, totalCents } = await api.checkout.place({
      purchaser,
      paymentMethod: "cash",
      slotStartsAt: slots[0]!.startsAt,
    });
    const { order, items } = await charged(orderId);

    expect(view.totals!.totalCents).toBe(totalCents);
    expect(view.totals).toEqual({
      subtotalCents: order.subtotalCents,
      discountCents: order.discountCents,
      deliveryFeeCents: order.deliveryFeeCents,
      exciseCents: order.exciseCents,
      localCannabisCents: order.localCannabisCents,
      salesTaxCents: order.salesTaxCents,
      totalCents: order.totalCents,
    });
    expect(view.subtotalCents).toBe(order.subtotalCents);
    expect(view.lines.map((l) => [l.variantId, l.unitPriceCents, l.subtotalCents]).sort()).toEqual(
      items.map((i) => [i.variantId, i.unitPriceCents, i.subtotalCents]).sort(),
    );
    if (purchaser === "medical") expect(view.lines.some((l) => l.unitPriceCents === 2100)).toBe(true);
    if (fulfillment === "delivery") expect(order.deliveryFeeCents).toBe(700);
    expect(order.exciseCents + order.salesTaxCents).toBeGreaterThan(0);
  });

  it("shows line prices but no totals before a location is chosen", async () => {
    const api = await shopperCaller(deps, shop);
    await api.cart.add({ variantId: shop.variants[1]!.id, quantity: 1 });
    const view = await api.cart.get();
    expect(view.locationId).toBeNull();
    expect(view.subtotalCents).toBe(3000);
    expect(view.totals).toBeNull();
  });
});
