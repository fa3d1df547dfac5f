/**
 * The item reports (by product, category and brand; top and slow movers) read whole months, weekly buckets cut at
 * month starts, and loose edge days from three rollups. For periods whose edges fall mid-week and mid-month,
 * across a daylight-saving change and a year boundary, they must give exactly the figures of a direct count over
 * the orders, both with the rollups kept by the order lifecycle and after a rebuild from scratch.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { DatabaseHandle } from "@cannasaas/db/client";
import { orderItems, orders } from "@cannasaas/db/schema";
import { rebuildSalesRollups } from "@cannasaas/db/rollups";
import { createTestDatabase } from "@cannasaas/db/testing";
import { calendarDayIn, moversReport, salesBreakdown } from "../src";
import { applySaleToRollups } from "../src/analytics/rollups/apply-sale";
import { splitRange } from "../src/analytics/reports/item-sales";
import { shiftDay, type ReportRange } from "../src/analytics/reports/range";
import { createFixtureTenant, type FixtureTenant } from "../src/testing";

const TZ = "America/Los_Angeles";
let handle: DatabaseHandle;
let shop: FixtureTenant;
let other: FixtureTenant;

/** A small deterministic generator, so a failure can be replayed. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Orders every 5 to 19 hours from 2025-11-20 to 2026-04-15 (so completions land at every hour of the store's day,
 * including just before and after its midnight): most completed, some refunded after completion, some cancelled.
 * The rollups are kept by the same function the order lifecycle calls, in one transaction per order.
 */
async function seedOrders(t: FixtureTenant, seed: number) {
  const random = rng(seed);
  let at = new Date("2025-11-20T08:00:00Z").getTime();
  const end = new Date("2026-04-15T08:00:00Z").getTime();
  for (let n = 1; at < end; n++) {
    at += (5 + Math.floor(random() * 15)) * 3600_000 + Math.floor(random() * 3600_000);
    const roll = random();
    const status = roll < 0.08 ? "refunded" : roll < 0.15 ? "cancelled" : "completed";
    const lines = t.variants
      .filter(() => random() < 0.6)
      .map((v) => ({ v, quantity: 1 + Math.floor(random() * 4) }));
    if (lines.length === 0) lines.push({ v: t.variants[n % t.variants.length]!, quantity: 1 });
    const subtotal = lines.reduce((s, l) => s + l.v.priceCents * l.quantity, 0);
    const placedAt = new Date(at - 1800_000);
    const [order] = await handle.db
      .insert(orders)
      .values({
        organizationId: t.org.id,
        orderNumber: n,
        customerId: t.shopper.customerId,
        locationId: t.locations[n % t.locations.length]!.id,
        status,
        fulfillment: "pickup",
        purchaserType: "adult_use",
        paymentMethod: "cash",
        subtotalCents: subtotal,
        totalCents: subtotal,
        localDay: calendarDayIn(placedAt, TZ),
        placedAt,
        completedAt: status === "cancelled" ? null : new Date(at),
        completedByUserId: status === "cancelled" ? null : t.staff.budtender.id,
      })
      .returning();
    await handle.db.insert(orderItems).values(
      lines.map((l) => ({
        organizationId: t.org.id,
        orderId: order!.id,
        variantId: l.v.id,
        productName: "p",
        variantName: l.v.name,
        sku: l.v.sku,
        category: "flower",
        quantity: l.quantity,
        unitPriceCents: l.v.priceCents,
        subtotalCents: l.v.priceCents * l.quantity,
        totalCents: l.v.priceCents * l.quantity,
      })),
    );
    if (status === "cancelled") continue;
    await handle.db.transaction((tx) => applySaleToRollups(tx, order!, 1));
    if (status === "refunded") await handle.db.transaction((tx) => applySaleToRollups(tx, order!, -1));
  }
}

beforeAll(async () => {
  handle = await createTestDatabase();
  shop = await createFixtureTenant(handle.db, { tag: "item-periods", passwordHash: "x" });
  other = await createFixtureTenant(handle.db, { tag: "item-periods-other", passwordHash: "x" });
  await seedOrders(shop, 20251207);
  await seedOrders(other, 99);
}, 180_000);
afterAll(async () => {
  await handle?.close();
});

type Figures = { units: number; netSalesCents: number };

/** The direct count: completed orders' lines on the store days of the period, per variant. */
async function countFromOrders(t: FixtureTenant, range: ReportRange) {
  const rows = await handle.db
    .select({ status: orders.status, completedAt: orders.completedAt, item: orderItems })
    .from(orderItems)
    .innerJoin(orders, eq(orders.id, orderItems.orderId))
    .where(eq(orders.organizationId, t.org.id));
  const byVariant = new Map<string, Figures>(t.variants.map((v) => [v.id, { units: 0, netSalesCents: 0 }]));
  for (const r of rows) {
    if (r.status !== "completed") continue;
    const day = calendarDayIn(r.completedAt!, TZ);
    if (day < range.from || day > range.to) continue;
    const f = byVariant.get(r.item.variantId)!;
    f.units += r.item.quantity;
    f.netSalesCents += r.item.subtotalCents;
  }
  return byVariant;
}

/** Sums per-variant figures by a variant's product, category or brand, dropping groups that sold nothing. */
function groupBy(
  t: FixtureTenant,
  figures: Map<string, Figures>,
  key: "productId" | "categoryId" | "brandId",
) {
  const grouped: Record<string, Figures> = {};
  for (const v of t.variants) {
    const product = t.products.find((p) => p.id === v.productId)!;
    const k = String(key === "productId" ? product.id : (product[key] ?? "none"));
    const f = figures.get(v.id)!;
    const g = (grouped[k] ??= { units: 0, netSalesCents: 0 });
    g.units += f.units;
    g.netSalesCents += f.netSalesCents;
  }
  return Object.fromEntries(Object.entries(grouped).filter(([, g]) => g.units !== 0));
}

async function expectReportsMatchOrders(t: FixtureTenant, range: ReportRange) {
  const expected = await countFromOrders(t, range);
  const movers = await moversReport(handle.db, t.org.id, { ...range, limit: 50 });
  expect(
    Object.fromEntries(
      movers.slow.map((m) => [m.variantId, { units: m.units, netSalesCents: m.netSalesCents }]),
    ),
    `movers ${range.from}..${range.to}`,
  ).toEqual(Object.fromEntries(expected));
  for (const [by, key] of [
    ["product", "productId"],
    ["category", "categoryId"],
    ["brand", "brandId"],
  ] as const) {
    // A group whose only sales in the period were refunded keeps a zeroed rollup row, so it may be listed at 0.
    const rows = (await salesBreakdown(handle.db, t.org.id, { ...range, by })).filter(
      (r) => r.units !== 0 || r.netSalesCents !== 0,
    );
    expect(
      Object.fromEntries(rows.map((r) => [r.key, { units: r.units, netSalesCents: r.netSalesCents }])),
      `by ${by} ${range.from}..${range.to}`,
    ).toEqual(groupBy(t, expected, key));
  }
}

const PERIODS: ReportRange[] = [
  // Wednesday to Wednesday across the new year and the March daylight-saving change.
  { from: "2025-12-10", to: "2026-03-18" },
  // One Monday-to-Sunday week split by the new year.
  { from: "2025-12-29", to: "2026-01-04" },
  // Thursday to Thursday over the spring-forward Sunday (2026-03-08), inside one month.
  { from: "2026-03-05", to: "2026-03-12" },
  // Long, with mid-week edges in partial months at both ends.
  { from: "2025-11-27", to: "2026-04-09" },
  // Two partial months and no whole one.
  { from: "2026-01-14", to: "2026-02-24" },
  // A whole month; a weekend across a month start; two days across the new year.
  { from: "2026-02-01", to: "2026-02-28" },
  { from: "2026-01-31", to: "2026-02-01" },
  { from: "2025-12-31", to: "2026-01-01" },
];

/** Ten more periods with random ends between 2025-11-15 and 2026-04-20. */
function randomPeriods(): ReportRange[] {
  const random = rng(4242);
  return Array.from({ length: 10 }, () => {
    const start = Math.floor(random() * 150);
    const length = Math.floor(random() * (156 - start));
    return { from: shiftDay("2025-11-15", start), to: shiftDay("2025-11-15", start + length) };
  });
}

describe("item reports over periods with mid-week and mid-month edges", () => {
  it("read weekly buckets, not only days, at the edges of the periods tested", () => {
    const long = splitRange(PERIODS[0]!);
    expect(long.months).toEqual({ from: "2026-01-01", to: "2026-02-01" });
    expect(long.weeks).toEqual([
      { from: "2025-12-15", to: "2025-12-29" },
      { from: "2026-03-01", to: "2026-03-09" },
    ]);
    expect(long.days).toEqual([
      { from: "2025-12-10", to: "2025-12-14" },
      { from: "2026-03-16", to: "2026-03-18" },
    ]);
  });

  it("equal the direct count over the orders with the rollups the order lifecycle kept", async () => {
    for (const range of [...PERIODS, ...randomPeriods()]) {
      await expectReportsMatchOrders(shop, range);
      await expectReportsMatchOrders(other, range);
    }
  });

  it("equal the direct count over the orders after the rollups are rebuilt", async () => {
    await rebuildSalesRollups(handle.db, shop.org.id);
    for (const range of [...PERIODS, ...randomPeriods()]) await expectReportsMatchOrders(shop, range);
  });
});
