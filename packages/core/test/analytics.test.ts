import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@cannasaas/db/client";
import { orders } from "@cannasaas/db/schema";
import { createTestDatabase } from "@cannasaas/db/testing";
import { dashboardSummary, startOfDayIn, type OrderStatus } from "../src";
import { createFixtureTenant, type FixtureTenant } from "../src/testing";

let handle: DatabaseHandle;
let shop: FixtureTenant;
let other: FixtureTenant;
// 11:00 on Friday 2026-05-01 in Los Angeles, the fixture organizations' time zone.
const now = new Date("2026-05-01T18:00:00Z");
let orderNumber = 1000;

async function seedOrder(
  t: FixtureTenant,
  status: OrderStatus,
  totalCents: number,
  at: { placedAt: string; completedAt?: string },
) {
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
    localDay: at.placedAt.slice(0, 10),
    placedAt: new Date(at.placedAt),
    completedAt: at.completedAt ? new Date(at.completedAt) : null,
  });
}

beforeAll(async () => {
  handle = await createTestDatabase();
  shop = await createFixtureTenant(handle.db, { tag: "an-shop", passwordHash: "x" });
  other = await createFixtureTenant(handle.db, { tag: "an-other", passwordHash: "x" });
  // Completed 01:00 on May 1 in Los Angeles (08:00 UTC): today.
  await seedOrder(shop, "completed", 5000, {
    placedAt: "2026-05-01T07:30:00Z",
    completedAt: "2026-05-01T08:00:00Z",
  });
  await seedOrder(shop, "completed", 2001, {
    placedAt: "2026-05-01T16:00:00Z",
    completedAt: "2026-05-01T17:00:00Z",
  });
  // Completed 23:00 on April 30 in Los Angeles (06:00 UTC on May 1): yesterday, though UTC says May 1.
  await seedOrder(shop, "completed", 3000, {
    placedAt: "2026-05-01T05:00:00Z",
    completedAt: "2026-05-01T06:00:00Z",
  });
  // Fifteen days ago: outside a 14-day series.
  await seedOrder(shop, "completed", 9900, {
    placedAt: "2026-04-16T20:00:00Z",
    completedAt: "2026-04-16T21:00:00Z",
  });
  // Completed today, then refunded: not a sale.
  await seedOrder(shop, "refunded", 7000, {
    placedAt: "2026-05-01T09:00:00Z",
    completedAt: "2026-05-01T09:30:00Z",
  });
  await seedOrder(shop, "pending", 1500, { placedAt: "2026-05-01T17:30:00Z" });
  await seedOrder(shop, "ready", 1500, { placedAt: "2026-04-29T17:30:00Z" });
  await seedOrder(shop, "cancelled", 1500, { placedAt: "2026-05-01T15:00:00Z" });
  // Another organization's sale today.
  await seedOrder(other, "completed", 80000, {
    placedAt: "2026-05-01T16:00:00Z",
    completedAt: "2026-05-01T17:00:00Z",
  });
});
afterAll(async () => handle?.close());

describe("dashboardSummary", () => {
  it("counts today's completed sales in the store's time zone, with the average order value", async () => {
    const summary = await dashboardSummary(handle.db, shop.org.id, { now, days: 14 });
    expect(summary.today).toBe("2026-05-01");
    expect(summary.todaySales).toEqual({ orders: 2, salesCents: 7001, averageOrderCents: 3501 });
  });

  it("gives a zero-filled daily series ending today", async () => {
    const { series, period } = await dashboardSummary(handle.db, shop.org.id, { now, days: 14 });
    expect(series).toHaveLength(14);
    expect(series[0]!.day).toBe("2026-04-18");
    expect(series.at(-1)).toEqual({ day: "2026-05-01", orders: 2, salesCents: 7001 });
    expect(series.at(-2)).toEqual({ day: "2026-04-30", orders: 1, salesCents: 3000 });
    expect(series.slice(0, -2).every((d) => d.orders === 0 && d.salesCents === 0)).toBe(true);
    expect(period).toEqual({ days: 14, orders: 3, salesCents: 10001, averageOrderCents: 3334 });
    const month = await dashboardSummary(handle.db, shop.org.id, { now, days: 30 });
    expect(month.period.salesCents).toBe(10001 + 9900);
  });

  it("counts today's orders by status and every open order", async () => {
    const { todayByStatus, openByStatus } = await dashboardSummary(handle.db, shop.org.id, { now, days: 14 });
    // 05:00 UTC on May 1 is April 30 in Los Angeles, so that order is not today's.
    expect(todayByStatus).toEqual({ completed: 2, refunded: 1, pending: 1, cancelled: 1 });
    expect(openByStatus).toEqual({ pending: 1, ready: 1 });
  });

  it("sees only its own organization, and nothing where nothing was sold", async () => {
    const theirs = await dashboardSummary(handle.db, other.org.id, { now, days: 14 });
    expect(theirs.todaySales).toEqual({ orders: 1, salesCents: 80000, averageOrderCents: 80000 });
    const empty = await createFixtureTenant(handle.db, { tag: "an-empty", passwordHash: "x" });
    const none = await dashboardSummary(handle.db, empty.org.id, { now, days: 14 });
    expect(none.todaySales).toEqual({ orders: 0, salesCents: 0, averageOrderCents: null });
    expect(none.period.averageOrderCents).toBeNull();
    expect(none.todayByStatus).toEqual({});
  });
});

describe("startOfDayIn", () => {
  it("finds midnight in the store's zone, across daylight-saving changes", () => {
    expect(startOfDayIn("2026-05-01", "America/Los_Angeles").toISOString()).toBe("2026-05-01T07:00:00.000Z");
    expect(startOfDayIn("2026-01-15", "America/Los_Angeles").toISOString()).toBe("2026-01-15T08:00:00.000Z");
    expect(startOfDayIn("2026-03-08", "America/Denver").toISOString()).toBe("2026-03-08T07:00:00.000Z");
    expect(startOfDayIn("2026-03-09", "America/Denver").toISOString()).toBe("2026-03-09T06:00:00.000Z");
  });
});
