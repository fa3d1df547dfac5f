import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@cannasaas/db/client";
import { rebuildSalesRollups } from "@cannasaas/db/rollups";
import { createTestDatabase } from "@cannasaas/db/testing";
import { churnRiskReport, moversReport, salesBreakdown, salesReport } from "../src";
import { createFixtureTenant, type FixtureTenant } from "../src/testing";
import { seedDailySales } from "./purchasing/purchasing-fixture";

let handle: DatabaseHandle;
let shop: FixtureTenant;

beforeAll(async () => {
  handle = await createTestDatabase();
  shop = await createFixtureTenant(handle.db, { tag: "report-answers", passwordHash: "x" });
  // Variant 0 ($25.00) sells 2 a day from 2026-01-01 to 2026-04-10 (100 days), all completed at 13:00 in
  // Los Angeles; variant 1 ($30.00) sells 1 on every tenth of those days.
  const at = shop.locations[0]!.id;
  await seedDailySales(handle.db, shop, {
    locationId: at,
    variantIndex: 0,
    lastDay: "2026-04-10",
    days: 100,
    unitsOn: () => 2,
  });
  await seedDailySales(handle.db, shop, {
    locationId: at,
    variantIndex: 1,
    lastDay: "2026-04-10",
    days: 100,
    unitsOn: (i) => (i % 10 === 0 ? 1 : 0),
  });
  await rebuildSalesRollups(handle.db, shop.org.id);
});
afterAll(async () => {
  await handle?.close();
});

describe("reports against hand-counted answers", () => {
  it("adds whole months and edge days exactly once in the item reports", async () => {
    // 2026-01-15 .. 2026-04-05: 81 days (17 in January, February, March, 5 in April).
    const range = { from: "2026-01-15", to: "2026-04-05" };
    const rows = await salesBreakdown(handle.db, shop.org.id, { ...range, by: "product" });
    const blueDream = rows.find((r) => r.key === shop.products[0]!.id)!;
    expect(blueDream).toMatchObject({ units: 162, netSalesCents: 162 * 2500 });
    // Variant 1 sold on days 0, 10, ..., 90 (Jan 1, 11, 21, 31, Feb 10, 20, Mar 2, 12, 22, Apr 1): 8 in range.
    expect(rows.find((r) => r.key === shop.products[1]!.id)).toMatchObject({
      units: 8,
      netSalesCents: 8 * 3000,
    });

    const movers = await moversReport(handle.db, shop.org.id, range);
    expect(movers.top.map((m) => [m.variantId, m.units])).toEqual([
      [shop.variants[0]!.id, 162],
      [shop.variants[1]!.id, 8],
    ]);
    expect(movers.slow[0]).toMatchObject({ variantId: shop.variants[2]!.id, units: 0 });

    // Whole months only, and days only.
    const q1 = await salesBreakdown(handle.db, shop.org.id, {
      from: "2026-01-01",
      to: "2026-03-31",
      by: "product",
    });
    expect(q1.find((r) => r.key === shop.products[0]!.id)!.units).toBe(180);
    const days = await salesBreakdown(handle.db, shop.org.id, {
      from: "2026-01-30",
      to: "2026-02-02",
      by: "product",
    });
    expect(days.find((r) => r.key === shop.products[0]!.id)!.units).toBe(8);
  });

  it("finds a customer past twice their usual gap, with their figures", async () => {
    // The shopper bought every day up to 2026-04-10 21:00 UTC: a usual gap of a day; 21 days later, risk 21.
    const report = await churnRiskReport(handle.db, shop.org.id, { asOf: new Date("2026-05-01T21:00:00Z") });
    expect(report.repeatCustomers).toBe(1);
    expect(report.atRiskCount).toBe(1);
    expect(report.atRiskValueCents).toBe(200 * 2500 + 10 * 3000);
    expect(report.customers[0]).toMatchObject({
      customerId: shop.shopper.customerId,
      usualGapDays: 1,
      daysSinceLastOrder: 21,
      risk: 21,
    });
    // The day after the last order, one usual gap has passed: not at risk.
    const fresh = await churnRiskReport(handle.db, shop.org.id, { asOf: new Date("2026-04-11T21:00:00Z") });
    expect(fresh).toMatchObject({ repeatCustomers: 1, atRiskCount: 0, atRiskValueCents: 0, customers: [] });
  });

  it("answers an empty period with zeros and no comparison, never NaN", async () => {
    const report = await salesReport(handle.db, shop.org.id, {
      from: "2025-06-01",
      to: "2025-06-30",
      grain: "week",
    });
    expect(report.series).toEqual([]);
    expect(report.totals).toMatchObject({
      orders: 0,
      netSalesCents: 0,
      averageOrderCents: null,
      itemsPerOrder: null,
    });
    expect(report.changePercent).toEqual({ netSales: null, orders: null, averageOrder: null });
    // Sales after an empty period: no percentage against nothing either.
    const after = await salesReport(handle.db, shop.org.id, {
      from: "2026-01-01",
      to: "2026-01-31",
      grain: "day",
    });
    expect(after.totals.orders).toBeGreaterThan(0);
    expect(after.changePercent).toEqual({ netSales: null, orders: null, averageOrder: null });
    expect(
      await moversReport(handle.db, shop.org.id, { from: "2025-06-01", to: "2025-06-30" }),
    ).toMatchObject({ top: [] });
  });
});
