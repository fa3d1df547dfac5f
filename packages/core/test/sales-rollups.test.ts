/**
 * Rollup consistency: after a random sequence of orders that are completed, cancelled, refunded or left open,
 * over several days and both locations, every rollup row equals the scan of the orders it summarises, computed
 * here in plain TypeScript from the orders and their lines. The rebuild from scratch must agree as well.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import type { DatabaseHandle } from "@cannasaas/db/client";
import {
  customerMonthlySales,
  customerSales,
  inventoryLevels,
  orderItems,
  orders,
  salesDaily,
  salesDailyItems,
  salesMonthlyItems,
  salesWeeklyItems,
} from "@cannasaas/db/schema";
import { rebuildSalesRollups } from "@cannasaas/db/rollups";
import { createTestDatabase } from "@cannasaas/db/testing";
import { advanceOrder, calendarDayIn, nextStatuses, type OrderStatus } from "../src";
import { itemWeekOf } from "../src/analytics/rollups/item-weeks";
import { createFixtureTenant, createTestKv, type FixtureTenant } from "../src/testing";

let handle: DatabaseHandle;
let kvHandle: Awaited<ReturnType<typeof createTestKv>>;
let shop: FixtureTenant;
let other: FixtureTenant;
let orderNumber = 0;
const TZ = "America/Los_Angeles";

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

beforeAll(async () => {
  handle = await createTestDatabase();
  kvHandle = await createTestKv();
  shop = await createFixtureTenant(handle.db, { tag: "roll-shop", passwordHash: "x" });
  other = await createFixtureTenant(handle.db, { tag: "roll-other", passwordHash: "x" });
  await handle.db.update(inventoryLevels).set({ onHand: 100_000 });
});
afterAll(async () => {
  await kvHandle?.close();
  await handle?.close();
});

/** Inserts a pending order with 1-3 lines and reserves its units, as checkout would. */
async function placeOrder(t: FixtureTenant, random: () => number, placedAt: Date) {
  const location = t.locations[Math.floor(random() * t.locations.length)]!;
  const fulfillment = random() < 0.7 ? ("pickup" as const) : ("delivery" as const);
  const lines = t.variants.filter(() => random() < 0.6).slice(0, 3);
  if (lines.length === 0) lines.push(t.variants[0]!);
  const items = lines.map((v) => {
    const quantity = 1 + Math.floor(random() * 3);
    const subtotalCents = v.priceCents * quantity;
    const salesTaxCents = Math.round(subtotalCents * 0.0725);
    return { v, quantity, subtotalCents, salesTaxCents, totalCents: subtotalCents + salesTaxCents };
  });
  const subtotal = items.reduce((s, i) => s + i.subtotalCents, 0);
  const tax = items.reduce((s, i) => s + i.salesTaxCents, 0);
  const discount = random() < 0.3 ? 100 : 0;
  const fee = fulfillment === "delivery" ? 500 : 0;
  const customerId = random() < 0.5 ? t.shopper.customerId : t.minor.customerId;
  const [order] = await handle.db
    .insert(orders)
    .values({
      organizationId: t.org.id,
      orderNumber: ++orderNumber,
      customerId,
      locationId: location.id,
      fulfillment,
      purchaserType: "adult_use",
      paymentMethod: "cash",
      subtotalCents: subtotal,
      discountCents: discount,
      deliveryFeeCents: fee,
      salesTaxCents: tax,
      totalCents: subtotal - discount + fee + tax,
      localDay: calendarDayIn(placedAt, TZ),
      placedAt,
    })
    .returning();
  await handle.db.insert(orderItems).values(
    items.map((i) => ({
      organizationId: t.org.id,
      orderId: order!.id,
      variantId: i.v.id,
      productName: "p",
      variantName: i.v.name,
      sku: i.v.sku,
      category: "flower",
      quantity: i.quantity,
      unitPriceCents: i.v.priceCents,
      subtotalCents: i.subtotalCents,
      salesTaxCents: i.salesTaxCents,
      totalCents: i.totalCents,
    })),
  );
  for (const i of items) {
    await handle.db
      .update(inventoryLevels)
      .set({ reserved: sql`${inventoryLevels.reserved} + ${i.quantity}` })
      .where(and(eq(inventoryLevels.locationId, location.id), eq(inventoryLevels.variantId, i.v.id)));
  }
  return order!;
}

/** Walks an order forward at random: completed (sometimes then refunded), cancelled on the way, or left open. */
async function playOut(t: FixtureTenant, random: () => number, orderId: string, start: Date) {
  let at = start.getTime();
  const staffIds = [t.staff.budtender.id, t.staff.manager.id, t.staff.driver.id];
  // Left open, cancelled on the way, completed then refunded, or completed.
  const goal = random();
  const cancelAt = goal >= 0.1 && goal < 0.3 ? Math.floor(random() * 4) : -1;
  for (let step = 0; ; step++) {
    const [row] = await handle.db.select().from(orders).where(eq(orders.id, orderId));
    const options = nextStatuses(row!.status, row!.fulfillment);
    if (options.length === 0 || (goal < 0.1 && step === 2)) return;
    if (row!.status === "completed" && goal >= 0.55) return;
    const to: OrderStatus =
      step === cancelAt && options.includes("cancelled")
        ? "cancelled"
        : options.find((s) => s !== "cancelled")!;
    // Steps take from minutes to a day and a half, so completions and refunds fall on other days.
    at += Math.floor(random() * 36 * 3600_000);
    await advanceOrder({ db: handle.db, kv: kvHandle.kv, clock: () => new Date(at) }, t.org.id, {
      orderId,
      to,
      actorUserId: staffIds[Math.floor(random() * staffIds.length)]!,
    });
  }
}

type Expected = Record<string, Record<string, number>>;
const add = (map: Expected, key: string, figures: Record<string, number>) => {
  const row = (map[key] ??= {});
  for (const [k, v] of Object.entries(figures)) row[k] = (row[k] ?? 0) + v;
};

/** The scan: completed orders of an organization, summed the way each rollup promises. */
async function scan(organizationId: string) {
  const rows = await handle.db.select().from(orders).where(eq(orders.organizationId, organizationId));
  const lines = await handle.db
    .select()
    .from(orderItems)
    .where(eq(orderItems.organizationId, organizationId));
  const daily: Expected = {};
  const items: Expected = {};
  const itemMonths: Expected = {};
  const itemWeeks: Expected = {};
  const monthly: Expected = {};
  const customer: Expected = {};
  for (const o of rows.filter((r) => r.status === "completed")) {
    const day = calendarDayIn(o.completedAt!, TZ);
    const mine = lines.filter((l) => l.orderId === o.id);
    add(daily, [day, o.locationId, o.fulfillment, o.completedByUserId].join("|"), {
      orders: 1,
      units: mine.reduce((s, l) => s + l.quantity, 0),
      subtotalCents: o.subtotalCents,
      discountCents: o.discountCents,
      deliveryFeeCents: o.deliveryFeeCents,
      salesTaxCents: o.salesTaxCents,
      totalCents: o.totalCents,
    });
    for (const l of mine) {
      const figures = {
        lines: 1,
        units: l.quantity,
        subtotalCents: l.subtotalCents,
        totalCents: l.totalCents,
      };
      add(items, [day, o.locationId, l.variantId].join("|"), figures);
      add(itemMonths, [`${day.slice(0, 7)}-01`, l.variantId].join("|"), figures);
      add(itemWeeks, [itemWeekOf(day), l.variantId].join("|"), figures);
    }
    add(monthly, [o.customerId, `${day.slice(0, 7)}-01`].join("|"), { orders: 1, totalCents: o.totalCents });
    add(customer, o.customerId, { orders: 1, totalCents: o.totalCents });
  }
  return { daily, items, itemMonths, itemWeeks, monthly, customer };
}

/** The rollups as stored, keyed like the scan; rows whose figures all came back to zero count as absent. */
async function stored(organizationId: string) {
  const nonZero = (e: Expected) =>
    Object.fromEntries(Object.entries(e).filter(([, v]) => Object.values(v).some((n) => n !== 0)));
  const daily: Expected = {};
  for (const r of await handle.db
    .select()
    .from(salesDaily)
    .where(eq(salesDaily.organizationId, organizationId)))
    add(daily, [r.day, r.locationId, r.fulfillment, r.completedByUserId].join("|"), {
      orders: r.orders,
      units: r.units,
      subtotalCents: r.subtotalCents,
      discountCents: r.discountCents,
      deliveryFeeCents: r.deliveryFeeCents,
      salesTaxCents: r.salesTaxCents,
      totalCents: r.totalCents,
    });
  const items: Expected = {};
  for (const r of await handle.db
    .select()
    .from(salesDailyItems)
    .where(eq(salesDailyItems.organizationId, organizationId)))
    add(items, [r.day, r.locationId, r.variantId].join("|"), {
      lines: r.lines,
      units: r.units,
      subtotalCents: r.subtotalCents,
      totalCents: r.totalCents,
    });
  const itemMonths: Expected = {};
  for (const r of await handle.db
    .select()
    .from(salesMonthlyItems)
    .where(eq(salesMonthlyItems.organizationId, organizationId)))
    add(itemMonths, [r.month, r.variantId].join("|"), {
      lines: r.lines,
      units: r.units,
      subtotalCents: r.subtotalCents,
      totalCents: r.totalCents,
    });
  const itemWeeks: Expected = {};
  for (const r of await handle.db
    .select()
    .from(salesWeeklyItems)
    .where(eq(salesWeeklyItems.organizationId, organizationId)))
    add(itemWeeks, [r.week, r.variantId].join("|"), {
      lines: r.lines,
      units: r.units,
      subtotalCents: r.subtotalCents,
      totalCents: r.totalCents,
    });
  const monthly: Expected = {};
  for (const r of await handle.db
    .select()
    .from(customerMonthlySales)
    .where(eq(customerMonthlySales.organizationId, organizationId)))
    add(monthly, [r.customerId, r.month].join("|"), { orders: r.orders, totalCents: r.totalCents });
  const customer: Expected = {};
  for (const r of await handle.db
    .select()
    .from(customerSales)
    .where(eq(customerSales.organizationId, organizationId)))
    add(customer, r.customerId, { orders: r.orders, totalCents: r.totalCents });
  return {
    daily: nonZero(daily),
    items: nonZero(items),
    itemMonths: nonZero(itemMonths),
    itemWeeks: nonZero(itemWeeks),
    monthly: nonZero(monthly),
    customer: nonZero(customer),
  };
}

describe("sales rollups", () => {
  it("equal the scan of the orders after random orders, cancellations and refunds", async () => {
    const random = rng(20260512);
    const start = new Date("2026-03-06T17:00:00Z").getTime();
    for (let n = 0; n < 60; n++) {
      const t = random() < 0.8 ? shop : other;
      const placedAt = new Date(start + Math.floor(random() * 30 * 86_400_000));
      const order = await placeOrder(t, random, placedAt);
      await playOut(t, random, order.id, placedAt);
    }
    const expected = await scan(shop.org.id);
    // The test must exercise what it claims: sales, refunds and cancellations all happened.
    const statuses = await handle.db
      .select({ status: orders.status, n: sql<number>`count(*)::int` })
      .from(orders)
      .where(eq(orders.organizationId, shop.org.id))
      .groupBy(orders.status);
    const seen = Object.fromEntries(statuses.map((s) => [s.status, s.n]));
    expect(seen.completed).toBeGreaterThan(5);
    expect(seen.refunded).toBeGreaterThan(0);
    expect(seen.cancelled).toBeGreaterThan(0);
    expect(Object.keys(expected.daily).length).toBeGreaterThan(5);
    // Sales in the week of 2026-03-30 fall on both sides of April 1st, which cuts it into two weekly buckets.
    expect(Object.keys(expected.itemWeeks).some((k) => k.startsWith("2026-03-30|"))).toBe(true);
    expect(Object.keys(expected.itemWeeks).some((k) => k.startsWith("2026-04-01|"))).toBe(true);

    expect(await stored(shop.org.id)).toEqual(expected);
    expect(await stored(other.org.id)).toEqual(await scan(other.org.id));
  });

  it("are rebuilt from the orders to the same figures", async () => {
    const before = await stored(shop.org.id);
    await rebuildSalesRollups(handle.db, shop.org.id);
    expect(await stored(shop.org.id)).toEqual(before);
    expect(await stored(other.org.id)).toEqual(await scan(other.org.id));
  });

  it("records who completed the order and drops its first and last sale on refund", async () => {
    const random = rng(7);
    const order = await placeOrder(shop, random, new Date("2026-05-01T18:00:00Z"));
    for (const to of [
      "confirmed",
      "preparing",
      order.fulfillment === "pickup" ? "ready" : "out_for_delivery",
    ])
      await advanceOrder(
        { db: handle.db, kv: kvHandle.kv, clock: () => new Date("2026-05-01T18:10:00Z") },
        shop.org.id,
        {
          orderId: order.id,
          to: to as OrderStatus,
          actorUserId: shop.staff.manager.id,
        },
      );
    const deps = { db: handle.db, kv: kvHandle.kv, clock: () => new Date("2026-05-02T06:30:00Z") };
    await advanceOrder(deps, shop.org.id, {
      orderId: order.id,
      to: "completed",
      actorUserId: shop.staff.budtender.id,
    });
    const [done] = await handle.db.select().from(orders).where(eq(orders.id, order.id));
    expect(done!.completedByUserId).toBe(shop.staff.budtender.id);
    const [customer] = await handle.db
      .select()
      .from(customerSales)
      .where(
        and(eq(customerSales.organizationId, shop.org.id), eq(customerSales.customerId, order.customerId)),
      );
    expect(customer!.lastOrderAt).toEqual(new Date("2026-05-02T06:30:00Z"));
    await advanceOrder(deps, shop.org.id, {
      orderId: order.id,
      to: "refunded",
      actorUserId: shop.staff.manager.id,
    });
    const [after] = await handle.db
      .select()
      .from(customerSales)
      .where(
        and(eq(customerSales.organizationId, shop.org.id), eq(customerSales.customerId, order.customerId)),
      );
    expect(after!.lastOrderAt!.getTime()).toBeLessThan(new Date("2026-05-02T06:30:00Z").getTime());
  });
  it("store when each repeat customer becomes at risk: 1.95 usual gaps after the last order", async () => {
    // Expected from the orders in plain TypeScript: the usual gap is at least a day.
    const completed = await handle.db
      .select({ customerId: orders.customerId, at: orders.completedAt })
      .from(orders)
      .where(and(eq(orders.organizationId, shop.org.id), eq(orders.status, "completed")));
    const times = new Map<string, number[]>();
    for (const o of completed) times.set(o.customerId, [...(times.get(o.customerId) ?? []), o.at!.getTime()]);
    const expected = new Map(
      [...times].map(([customerId, ts]) => {
        if (ts.length < 2) return [customerId, null];
        const [first, last] = [Math.min(...ts), Math.max(...ts)];
        const gap = Math.max((last - first) / (ts.length - 1), 86_400_000);
        return [customerId, Math.round(last + 1.95 * gap)];
      }),
    );
    expect([...expected.values()].some((v) => v !== null)).toBe(true);
    const check = async () => {
      const rows = await handle.db
        .select({ customerId: customerSales.customerId, atRiskFrom: customerSales.atRiskFrom })
        .from(customerSales)
        .where(and(eq(customerSales.organizationId, shop.org.id), sql`${customerSales.orders} > 0`));
      expect(rows.length).toBe(expected.size);
      for (const r of rows) {
        const want = expected.get(r.customerId);
        if (want === null) expect(r.atRiskFrom).toBeNull();
        else expect(Math.abs(r.atRiskFrom!.getTime() - want!)).toBeLessThanOrEqual(1);
      }
    };
    await check();
    await rebuildSalesRollups(handle.db, shop.org.id);
    await check();
  });
});
