import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { DatabaseHandle } from "@cannasaas/db/client";
import { carts, inventoryLevels, orderItems, orders } from "@cannasaas/db/schema";
import { createTestDatabase } from "@cannasaas/db/testing";
import { createMemoryKv } from "@cannasaas/integrations/kv";
import { placeOrderForCustomer, type CoreDeps, type PlaceOrderForCustomerInput } from "../src";
import { createFixtureTenant, type FixtureTenant } from "../src/testing";

let handle: DatabaseHandle;
let deps: CoreDeps;
let A: FixtureTenant;
let B: FixtureTenant;

beforeAll(async () => {
  handle = await createTestDatabase();
  deps = { db: handle.db, kv: createMemoryKv(), clock: () => new Date() };
  A = await createFixtureTenant(handle.db, { tag: "pofc-a", passwordHash: "x" });
  B = await createFixtureTenant(handle.db, { tag: "pofc-b", passwordHash: "x" });
});
afterAll(async () => handle?.close());

const input = (t: FixtureTenant, extra: Partial<PlaceOrderForCustomerInput> = {}) => ({
  customerId: t.shopper.customerId,
  locationId: t.locations[0]!.id,
  lines: [{ variantId: t.variants[0]!.id, quantity: 1 }],
  purchaser: "adult_use" as const,
  paymentMethod: "cash" as const,
  ...extra,
});

const cartsOf = async (t: FixtureTenant) =>
  handle.db.select({ id: carts.id }).from(carts).where(eq(carts.organizationId, t.org.id));

describe("placeOrderForCustomer", () => {
  it("places a pickup order priced on the server, reserving stock", async () => {
    const variant = A.variants[0]!;
    const location = A.locations[0]!;
    const level = () =>
      handle.db
        .select()
        .from(inventoryLevels)
        .where(and(eq(inventoryLevels.variantId, variant.id), eq(inventoryLevels.locationId, location.id)));
    const [before] = await level();
    const placed = await placeOrderForCustomer(deps, A.org.id, input(A, { notes: "at the counter" }));
    expect(placed.order).toMatchObject({
      organizationId: A.org.id,
      customerId: A.shopper.customerId,
      locationId: location.id,
      fulfillment: "pickup",
      status: "pending",
      notes: "at the counter",
    });
    const items = await handle.db.select().from(orderItems).where(eq(orderItems.orderId, placed.order.id));
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ variantId: variant.id, quantity: 1 });
    expect(items[0]!.unitPriceCents).toBeGreaterThan(0);
    const [after] = await level();
    expect(after!.reserved).toBe(before!.reserved + 1);
  });

  it("does not find another organization's customer, location or variant, and leaves nothing behind", async () => {
    const cartsBefore = (await cartsOf(A)).length;
    const ordersBefore = (await handle.db.select().from(orders).where(eq(orders.organizationId, A.org.id)))
      .length;
    await expect(
      placeOrderForCustomer(deps, A.org.id, input(A, { customerId: B.shopper.customerId })),
    ).rejects.toMatchObject({ code: "NOT_FOUND", details: { field: "customerId" } });
    await expect(
      placeOrderForCustomer(deps, A.org.id, input(A, { locationId: B.locations[0]!.id })),
    ).rejects.toMatchObject({ code: "NOT_FOUND", details: { field: "locationId" } });
    const foreign = B.variants[0]!.id;
    await expect(
      placeOrderForCustomer(deps, A.org.id, input(A, { lines: [{ variantId: foreign, quantity: 1 }] })),
    ).rejects.toMatchObject({ code: "NOT_FOUND", details: { variantId: foreign } });
    expect((await cartsOf(A)).length).toBe(cartsBefore);
    expect((await handle.db.select().from(orders).where(eq(orders.organizationId, A.org.id))).length).toBe(
      ordersBefore,
    );
  });

  it("runs the storefront's checkout rules: an under-age customer is refused and no cart is left", async () => {
    const cartsBefore = (await cartsOf(A)).length;
    await expect(
      placeOrderForCustomer(deps, A.org.id, input(A, { customerId: A.minor.customerId })),
    ).rejects.toMatchObject({ name: "DomainError" });
    expect((await cartsOf(A)).length).toBe(cartsBefore);
  });

  it("refuses an order without lines", async () => {
    await expect(placeOrderForCustomer(deps, A.org.id, input(A, { lines: [] }))).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });
});
