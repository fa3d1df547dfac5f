/**
 * The core services behind the public REST API's lists and details: keyset pages come out in a stable order with
 * no row lost or repeated across pages (even when sort values tie or differ only in microseconds), and every
 * service is scoped by the organization: another store's ids give nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { DatabaseHandle } from "@cannasaas/db/client";
import { customers, inventoryLevels, orders, stockMovements } from "@cannasaas/db/schema";
import { createTestDatabase } from "@cannasaas/db/testing";
import {
  getCatalogProductWithStock,
  getOrderWithLines,
  listCatalogProductsPage,
  listCustomerDirectoryPage,
  listInventoryLevelsPage,
  listOrdersPage,
  recordApiStockAdjustment,
} from "../src";
import { decodeCursor, encodeCursor, keysetPage, type KeysetPage } from "../src/pagination/keyset";
import { createFixtureTenant, type FixtureTenant } from "../src/testing";

let handle: DatabaseHandle;
let shop: FixtureTenant;
let other: FixtureTenant;
const orderIds: string[] = [];

/** Every item of every page, following `nextCursor` until it is null. */
async function drain<T>(limit: number, load: (cursor: string | undefined) => Promise<KeysetPage<T>>) {
  const pages: T[][] = [];
  let cursor: string | undefined;
  do {
    const page = await load(cursor);
    pages.push(page.items);
    cursor = page.nextCursor ?? undefined;
    expect(page.items.length).toBeLessThanOrEqual(limit);
    if (pages.length > 20) throw new Error("the cursor does not advance");
  } while (cursor);
  return pages;
}

beforeAll(async () => {
  handle = await createTestDatabase();
  shop = await createFixtureTenant(handle.db, { tag: "papi-shop", passwordHash: "x" });
  other = await createFixtureTenant(handle.db, { tag: "papi-other", passwordHash: "x" });
  const [blue, og, gummies] = shop.products;
  // Gummies changed first; Blue Dream and OG Kush one microsecond apart, which a JS Date cannot tell apart.
  for (const [id, at] of [
    [gummies!.id, "2026-03-01 10:00:00.000001+00"],
    [og!.id, "2026-03-01 10:00:00.000002+00"],
    [blue!.id, "2026-03-01 10:00:00.000003+00"],
  ] as const)
    await handle.db.execute(sql`update products set updated_at = ${at}::timestamptz where id = ${id}`);

  let orderNumber = 100;
  for (const t of [shop, other])
    for (const placedAt of ["2026-04-01T10:00:00Z", "2026-04-02T10:00:00Z", "2026-04-02T10:00:00Z"]) {
      const [row] = await handle.db
        .insert(orders)
        .values({
          organizationId: t.org.id,
          orderNumber: ++orderNumber,
          customerId: t.shopper.customerId,
          locationId: t.locations[0]!.id,
          status: "pending",
          fulfillment: "pickup",
          purchaserType: "adult_use",
          paymentMethod: "cash",
          subtotalCents: 1000,
          totalCents: 1000,
          localDay: placedAt.slice(0, 10),
          placedAt: new Date(placedAt),
        })
        .returning({ id: orders.id });
      if (t === shop) orderIds.push(row!.id);
    }
});
afterAll(async () => handle?.close());

describe("keyset cursors", () => {
  it("round-trips a position and refuses anything it did not make", () => {
    const id = "0b6f8f4e-4a0e-4c55-9d39-7a4cf5a3e3b1";
    expect(decodeCursor(encodeCursor("2026-03-01 10:00:00.000001+00", id))).toEqual([
      "2026-03-01 10:00:00.000001+00",
      id,
    ]);
    expect(decodeCursor(encodeCursor("", id))).toEqual(["", id]);
    expect(decodeCursor(undefined)).toBeNull();
    for (const bad of ["nope", encodeCursor("yesterday", id), encodeCursor("", "1; drop table x")])
      expect(() => decodeCursor(bad)).toThrow(
        expect.objectContaining({ code: "BAD_REQUEST", details: { fields: { cursor: "Unknown cursor." } } }),
      );
  });

  it("keeps one page of limit + 1 rows and points the cursor at the last row kept", () => {
    expect(keysetPage([1, 2, 3], 2, String)).toEqual({ items: [1, 2], nextCursor: "2" });
    expect(keysetPage([1, 2], 2, String)).toEqual({ items: [1, 2], nextCursor: null });
  });
});

describe("listCatalogProductsPage", () => {
  it("pages through products oldest change first, microsecond ties included, with variants", async () => {
    const pages = await drain(1, (cursor) =>
      listCatalogProductsPage(handle.db, shop.org.id, { limit: 1, cursor }),
    );
    expect(pages.flat().map((p) => p.slug)).toEqual(["gummies", "og-kush", "blue-dream"]);
    expect(pages.flat()[0]).toMatchObject({
      category: { slug: "edible" },
      brand: { slug: "house" },
      variants: [{ sku: "papi-shop-2" }],
    });
  });

  it("filters by category and brand slug or id, and never matches another store's", async () => {
    const flower = await listCatalogProductsPage(handle.db, shop.org.id, { limit: 10, category: "flower" });
    expect(flower.items.map((p) => p.slug)).toEqual(["og-kush", "blue-dream"]);
    const byId = await listCatalogProductsPage(handle.db, shop.org.id, {
      limit: 10,
      category: flower.items[0]!.category.id,
    });
    expect(byId.items).toHaveLength(2);
    const theirs = await listCatalogProductsPage(handle.db, other.org.id, {
      limit: 10,
      category: flower.items[0]!.category.id,
    });
    expect(theirs.items).toEqual([]);
    const theirBrand = await listCatalogProductsPage(handle.db, other.org.id, {
      limit: 10,
      brand: flower.items[0]!.brand!.id,
    });
    expect(theirBrand.items).toEqual([]);
  });

  it("gives one product with stock per location, and nothing for another store's product", async () => {
    const product = await getCatalogProductWithStock(handle.db, shop.org.id, shop.products[0]!.id);
    expect(product.stock).toHaveLength(2);
    expect(product.stock[0]).toMatchObject({ onHand: 10, reserved: 0, available: 10 });
    await expect(
      getCatalogProductWithStock(handle.db, other.org.id, shop.products[0]!.id),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("listOrdersPage", () => {
  it("pages newest placed first, ties by id, without losing or repeating an order", async () => {
    const pages = await drain(2, (cursor) => listOrdersPage(handle.db, shop.org.id, { limit: 2, cursor }));
    const ids = pages.flat().map((o) => o.id);
    const tied = orderIds.slice(1).sort().reverse();
    expect(ids).toEqual([...tied, orderIds[0]]);
  });

  it("filters by placement range and customer, scoped to the organization", async () => {
    const range = await listOrdersPage(handle.db, shop.org.id, {
      limit: 10,
      placedFrom: new Date("2026-04-02T00:00:00Z"),
      placedTo: new Date("2026-04-03T00:00:00Z"),
    });
    expect(range.items).toHaveLength(2);
    const theirs = await listOrdersPage(handle.db, other.org.id, {
      limit: 10,
      customerId: shop.shopper.customerId,
    });
    expect(theirs.items).toEqual([]);
  });

  it("gives an order with its lines and history, and nothing for another store's order", async () => {
    const detail = await getOrderWithLines(handle.db, shop.org.id, orderIds[0]!);
    expect(detail).toMatchObject({ order: { id: orderIds[0] }, items: [], events: [] });
    await expect(getOrderWithLines(handle.db, other.org.id, orderIds[0]!)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});

describe("listInventoryLevelsPage", () => {
  it("pages through every level of the organization in id order", async () => {
    const pages = await drain(4, (cursor) =>
      listInventoryLevelsPage(handle.db, shop.org.id, { limit: 4, cursor }),
    );
    const levels = pages.flat();
    expect(pages.map((p) => p.length)).toEqual([4, 2]);
    expect(levels.map((l) => l.id)).toEqual(levels.map((l) => l.id).sort());
    expect(levels[0]).toMatchObject({ available: 10, lowStock: false });
    expect(levels[0]!.productName).toMatch(/^papi-shop /);
  });

  it("filters by low stock, and gives nothing for another store's variant or location", async () => {
    await handle.db
      .update(inventoryLevels)
      .set({ lowStockThreshold: 10 })
      .where(eq(inventoryLevels.variantId, shop.variants[0]!.id));
    const low = await listInventoryLevelsPage(handle.db, shop.org.id, { limit: 10, lowStock: true });
    expect(low.items.map((l) => l.variantId)).toEqual([shop.variants[0]!.id, shop.variants[0]!.id]);
    const notLow = await listInventoryLevelsPage(handle.db, shop.org.id, { limit: 10, lowStock: false });
    expect(notLow.items).toHaveLength(4);
    for (const filter of [{ variantId: shop.variants[0]!.id }, { locationId: shop.locations[0]!.id }])
      expect(
        (await listInventoryLevelsPage(handle.db, other.org.id, { limit: 10, ...filter })).items,
      ).toEqual([]);
  });
});

describe("recordApiStockAdjustment", () => {
  const adjustment = (t: FixtureTenant) => ({
    locationId: t.locations[1]!.id,
    variantId: t.variants[1]!.id,
    kind: "receive" as const,
    quantity: 5,
    reason: "Supplier delivery",
    keyPrefix: "cs_test",
  });

  it("records the movement with the key in its reason and returns the level after it", async () => {
    const result = await recordApiStockAdjustment({ db: handle.db }, shop.org.id, adjustment(shop));
    expect(result.level).toMatchObject({ onHand: 15, available: 15, variantId: shop.variants[1]!.id });
    expect(result.movement).toMatchObject({ quantity: 5, reason: "Supplier delivery (API key cs_test)" });
  });

  it("refuses another store's location or variant and changes nothing", async () => {
    const before = await handle.db.select().from(stockMovements);
    await expect(
      recordApiStockAdjustment({ db: handle.db }, other.org.id, adjustment(shop)),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      recordApiStockAdjustment({ db: handle.db }, other.org.id, {
        ...adjustment(other),
        variantId: shop.variants[1]!.id,
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND", message: "No variant with that id in this organization." });
    expect(await handle.db.select().from(stockMovements)).toHaveLength(before.length);
  });
});

describe("listCustomerDirectoryPage", () => {
  it("pages customers oldest change first and matches an email ignoring case", async () => {
    const pages = await drain(1, (cursor) =>
      listCustomerDirectoryPage(handle.db, shop.org.id, { limit: 1, cursor }),
    );
    expect(
      pages
        .flat()
        .map((c) => c.id)
        .sort(),
    ).toEqual([shop.shopper.customerId, shop.minor.customerId].sort());
    const found = await listCustomerDirectoryPage(handle.db, shop.org.id, {
      limit: 10,
      email: shop.shopper.email.toUpperCase(),
    });
    expect(found.items).toMatchObject([{ id: shop.shopper.customerId, email: shop.shopper.email }]);
  });

  it("never finds another store's customer, and hides an erased customer's name and email", async () => {
    const theirs = await listCustomerDirectoryPage(handle.db, other.org.id, {
      limit: 10,
      email: shop.shopper.email,
    });
    expect(theirs.items).toEqual([]);
    await handle.db
      .update(customers)
      .set({ erasedAt: new Date() })
      .where(eq(customers.id, shop.minor.customerId));
    const all = await listCustomerDirectoryPage(handle.db, shop.org.id, { limit: 10 });
    expect(all.items.find((c) => c.id === shop.minor.customerId)).toMatchObject({
      name: null,
      email: null,
      erased: true,
    });
  });
});
