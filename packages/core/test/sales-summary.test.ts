import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@cannasaas/db/client";
import { orders } from "@cannasaas/db/schema";
import { createTestDatabase } from "@cannasaas/db/testing";
import { salesSummary, type OrderStatus } from "../src";
import { createFixtureTenant, type FixtureTenant } from "../src/testing";

let handle: DatabaseHandle;
let shop: FixtureTenant;
let other: FixtureTenant;
const now = new Date("2026-05-01T18:00:00Z");
const deps = () => ({ db: handle.db, clock: () => now });
let orderNumber = 2000;

async function seedOrder(t: FixtureTenant, status: OrderStatus, totalCents: number, placedAt: string) {
  await handle.db.insert(orders).values({
    organizationId: t.org.id,
    orderNumber: ++orderNumber,
    customerId: t.shopper.customerId,
    locationId: t.locations[0]!.id,
    status,
    fulfillment: "pickup",
    purchaserType: "adult_use",
    paymentMethod: "cash",
    subtotalCents: totalCents,
    totalCents,
    localDay: placedAt.slice(0, 10),
    placedAt: new Date(placedAt),
  });
}

beforeAll(async () => {
  handle = await createTestDatabase();
  shop = await createFixtureTenant(handle.db, { tag: "ss-shop", passwordHash: "x" });
  other = await createFixtureTenant(handle.db, { tag: "ss-other", passwordHash: "x" });
  await seedOrder(shop, "completed", 3000, "2026-04-20T18:00:00Z");
  await seedOrder(shop, "pending", 1000, "2026-04-30T18:00:00Z");
  await seedOrder(shop, "cancelled", 9000, "2026-04-30T19:00:00Z");
  await seedOrder(shop, "completed", 5000, "2026-03-01T18:00:00Z"); // before the default 30 days
  await seedOrder(other, "completed", 7000, "2026-04-30T18:00:00Z");
});
afterAll(async () => handle?.close());

describe("salesSummary", () => {
  it("sums the last 30 days of one organization's sales, counting cancelled orders by status only", async () => {
    const summary = await salesSummary(deps(), shop.org.id);
    expect(summary).toMatchObject({
      to: now,
      from: new Date("2026-04-01T18:00:00Z"),
      orders: 2,
      revenueCents: 4000,
      averageOrderValueCents: 2000,
      ordersByStatus: { completed: 1, pending: 1, cancelled: 1 },
      topProducts: [],
    });
  });

  it("takes an explicit range, end exclusive", async () => {
    const summary = await salesSummary(deps(), shop.org.id, {
      from: new Date("2026-03-01T18:00:00Z"),
      to: new Date("2026-04-20T18:00:00Z"),
    });
    expect(summary).toMatchObject({ orders: 1, revenueCents: 5000, ordersByStatus: { completed: 1 } });
  });

  it("refuses a reversed range and one over 366 days", async () => {
    await expect(
      salesSummary(deps(), shop.org.id, { from: now, to: new Date("2026-01-01T00:00:00Z") }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", details: { field: "from" } });
    await expect(
      salesSummary(deps(), shop.org.id, { from: new Date("2025-01-01T00:00:00Z"), to: now }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: "The range may span at most 366 days." });
  });
});
