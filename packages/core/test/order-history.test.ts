import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@cannasaas/db/client";
import { orderItems, orders, users } from "@cannasaas/db/schema";
import { createTestDatabase } from "@cannasaas/db/testing";
import { eq } from "drizzle-orm";
import { listOrderHistory, orderHistoryCsvStream, type OrderStatus } from "../src";
import { createFixtureTenant, type FixtureTenant } from "../src/testing";

let handle: DatabaseHandle;
let shop: FixtureTenant;
let other: FixtureTenant;
let n = 100;

async function seedOrder(
  t: FixtureTenant,
  o: {
    status: OrderStatus;
    placedAt: string;
    product?: string;
    fulfillment?: "pickup" | "delivery";
    location?: 0 | 1;
  },
) {
  const [row] = await handle.db
    .insert(orders)
    .values({
      organizationId: t.org.id,
      orderNumber: ++n,
      customerId: t.shopper.customerId,
      locationId: t.locations[o.location ?? 0]!.id,
      status: o.status,
      fulfillment: o.fulfillment ?? "pickup",
      purchaserType: "adult_use",
      paymentMethod: "cash",
      subtotalCents: 1000,
      totalCents: 1100,
      localDay: o.placedAt.slice(0, 10),
      placedAt: new Date(o.placedAt),
    })
    .returning();
  await handle.db.insert(orderItems).values({
    organizationId: t.org.id,
    orderId: row!.id,
    variantId: t.variants[0]!.id,
    productName: o.product ?? "Blue Dream",
    variantName: "3.5 g",
    sku: t.variants[0]!.sku,
    category: "flower",
    quantity: 2,
    unitPriceCents: 500,
    subtotalCents: 1000,
    totalCents: 1100,
  });
  return row!;
}

beforeAll(async () => {
  handle = await createTestDatabase();
  shop = await createFixtureTenant(handle.db, { tag: "hist-shop", passwordHash: "x" });
  other = await createFixtureTenant(handle.db, { tag: "hist-other", passwordHash: "x" });
  await handle.db.update(users).set({ name: '=HYPERLINK("x")' }).where(eq(users.id, shop.shopper.userId));
});
afterAll(async () => handle?.close());

const page = (filter: Parameters<typeof listOrderHistory>[2]["filter"], limit = 50, cursor?: string) =>
  listOrderHistory(handle.db, shop.org.id, { filter, limit, cursor });

describe("order history", () => {
  it("lists every status, newest first, and only the organization's own orders", async () => {
    const statuses: OrderStatus[] = ["pending", "completed", "cancelled", "refunded"];
    const mine = [];
    for (const [i, status] of statuses.entries())
      mine.push(await seedOrder(shop, { status, placedAt: `2026-04-0${i + 1}T18:00:00Z` }));
    const theirs = await seedOrder(other, { status: "completed", placedAt: "2026-04-02T18:00:00Z" });
    const result = await page({});
    expect(result.items.map((o) => o.id)).toEqual(mine.map((o) => o.id).reverse());
    expect(result.items.map((o) => o.id)).not.toContain(theirs.id);
    expect(result.items[0]).toMatchObject({
      status: "refunded",
      units: 2,
      customerEmail: shop.shopper.email,
    });
    expect((await page({ statuses: ["refunded", "cancelled"] })).items.map((o) => o.status)).toEqual([
      "refunded",
      "cancelled",
    ]);
  });

  it("searches by order number, customer and product, taking % and _ literally", async () => {
    const gummy = await seedOrder(shop, {
      status: "completed",
      placedAt: "2026-04-10T18:00:00Z",
      product: "Sour 100%",
    });
    expect((await page({ q: `#${gummy.orderNumber}` })).items.map((o) => o.id)).toEqual([gummy.id]);
    expect((await page({ q: String(gummy.orderNumber) })).items.map((o) => o.id)).toEqual([gummy.id]);
    expect((await page({ q: "sour 100%" })).items.map((o) => o.id)).toEqual([gummy.id]);
    expect((await page({ q: "100_" })).items).toEqual([]);
    expect((await page({ q: "HIST-SHOP.TEST" })).items.length).toBeGreaterThan(1);
    expect((await page({ q: "nobody-like-this" })).items).toEqual([]);
  });

  it("filters by the store's calendar days, location and fulfilment", async () => {
    // 23:30 on April 20 in Los Angeles is already April 21 in UTC.
    const late = await seedOrder(shop, {
      status: "completed",
      placedAt: "2026-04-21T06:30:00Z",
      fulfillment: "delivery",
      location: 1,
    });
    expect((await page({ from: "2026-04-20", to: "2026-04-20" })).items.map((o) => o.id)).toEqual([late.id]);
    expect((await page({ from: "2026-04-21", to: "2026-04-21" })).items).toEqual([]);
    expect((await page({ fulfillment: "delivery" })).items.map((o) => o.id)).toEqual([late.id]);
    expect((await page({ locationId: shop.locations[1]!.id })).items.map((o) => o.id)).toEqual([late.id]);
  });

  it("pages by keyset without gaps or repeats, even with equal placement times", async () => {
    for (let i = 0; i < 5; i++)
      await seedOrder(shop, { status: "completed", placedAt: "2026-04-25T18:00:00Z" });
    const all = (await page({}, 100)).items.map((o) => o.id);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const p = await page({}, 3, cursor);
      seen.push(...p.items.map((o) => o.id));
      cursor = p.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(all);
    await expect(page({}, 3, "forged")).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("exports the filtered orders as CSV with formula-like names escaped", async () => {
    const text = await new Response(
      orderHistoryCsvStream(handle.db, shop.org.id, { statuses: ["refunded"] }),
    ).text();
    const lines = text.trimEnd().split("\r\n");
    expect(lines[0]).toMatch(/^order_number,placed_at,placed_day,status,/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(",refunded,");
    expect(lines[1]).toContain(`"'=HYPERLINK(""x"")"`);
  });
});
