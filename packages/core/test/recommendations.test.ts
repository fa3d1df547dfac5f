import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@cannasaas/db/client";
import {
  inventoryLevels,
  orderItems,
  orders,
  organizations,
  products,
  productVariants,
} from "@cannasaas/db/schema";
import { createTestDatabase } from "@cannasaas/db/testing";
import type { KV } from "@cannasaas/integrations/kv";
import { invalidateMenuCache, invalidatePlanCache, recommendFor } from "../src";
import { createFixtureTenant, createTestKv, type FixtureTenant } from "../src/testing";
import { addMenuExtras } from "./menu-fixture";

let handle: DatabaseHandle;
let kv: KV;
let closeKv: () => Promise<void>;
let a: FixtureTenant;
let b: FixtureTenant;
let c: FixtureTenant;
let orderNumber = 5000;

const deps = () => ({ db: handle.db, kv });

async function productId(t: FixtureTenant, slug: string) {
  const [row] = await handle.db
    .select({ id: products.id })
    .from(products)
    .where(and(eq(products.organizationId, t.org.id), eq(products.slug, slug)));
  return row!.id;
}

/** A sold (or cancelled) order of `t` holding one unit of each product's first variant. */
async function order(t: FixtureTenant, slugs: string[], status: "completed" | "cancelled" = "completed") {
  const [row] = await handle.db
    .insert(orders)
    .values({
      organizationId: t.org.id,
      orderNumber: ++orderNumber,
      customerId: t.shopper.customerId,
      locationId: t.locations[0]!.id,
      status,
      fulfillment: "pickup",
      purchaserType: "adult_use",
      paymentMethod: "cash",
      subtotalCents: 1000,
      totalCents: 1000,
      localDay: "2026-11-01",
      placedAt: new Date("2026-11-01T18:00:00Z"),
    })
    .returning();
  for (const slug of slugs) {
    const [variant] = await handle.db
      .select()
      .from(productVariants)
      .where(eq(productVariants.productId, await productId(t, slug)))
      .limit(1);
    await handle.db.insert(orderItems).values({
      organizationId: t.org.id,
      orderId: row!.id,
      variantId: variant!.id,
      productName: slug,
      variantName: variant!.name,
      sku: variant!.sku,
      category: "flower",
      quantity: 1,
      unitPriceCents: 1000,
      subtotalCents: 1000,
      totalCents: 1000,
    });
  }
}

beforeAll(async () => {
  handle = await createTestDatabase();
  const testKv = await createTestKv();
  kv = testKv.kv;
  closeKv = () => testKv.close();
  a = await createFixtureTenant(handle.db, { tag: "rec-a", passwordHash: "x" });
  b = await createFixtureTenant(handle.db, { tag: "rec-b", passwordHash: "x" });
  c = await createFixtureTenant(handle.db, { tag: "rec-c", passwordHash: "x" });
  await addMenuExtras(handle.db, a);
  await addMenuExtras(handle.db, b);
  await handle.db.update(organizations).set({ plan: "starter" }).where(eq(organizations.id, c.org.id));
  await invalidatePlanCache(deps(), c.org.id);
  // A's history: gummies go with Blue Dream (3 orders), Sunset Sherbet twice; cancelled orders do not count.
  for (let i = 0; i < 3; i++) await order(a, ["blue-dream", "gummies"]);
  for (let i = 0; i < 2; i++) await order(a, ["blue-dream", "sunset-sherbet"]);
  for (let i = 0; i < 4; i++) await order(a, ["blue-dream", "og-kush-cake"], "cancelled");
  // B's history pairs Blue Dream with Calm Tincture many times: it must never move A's answers.
  for (let i = 0; i < 6; i++) await order(b, ["blue-dream", "calm-tincture"]);
});
afterAll(async () => {
  await closeKv?.();
  await handle?.close();
});

const slugsOf = (list: { slug: string }[]) => list.map((p) => p.slug);

describe("similar products", () => {
  it("ranks the store's in-stock products by shared category, strain type, effects and brand", async () => {
    const result = await recommendFor(deps(), a.org.id, { productIds: [await productId(a, "og-kush-acme")] });
    expect(result.enabled).toBe(true);
    // Same category and strain type first (the fixture's indica OG Kush), then other flower.
    expect(result.similar[0]!.slug).toBe("og-kush");
    expect(slugsOf(result.similar)).not.toContain("og-kush-acme");
    expect(slugsOf(result.similar)).not.toContain("draft-kush");
    expect(slugsOf(result.similar)).not.toContain("old-kush");
    expect(result.similar.every((p) => p.fromPriceCents > 0)).toBe(true);
  });

  it("leaves out products with no units available at the chosen location", async () => {
    const gummies = await productId(a, "gummies");
    const seed = [await productId(a, "blue-dream")];
    const variants = await handle.db
      .select()
      .from(productVariants)
      .where(eq(productVariants.productId, gummies));
    await handle.db
      .update(inventoryLevels)
      .set({ onHand: 0 })
      .where(
        and(
          eq(inventoryLevels.locationId, a.locations[1]!.id),
          inArray(
            inventoryLevels.variantId,
            variants.map((v) => v.id),
          ),
        ),
      );
    const there = await recommendFor(deps(), a.org.id, {
      productIds: seed,
      locationId: a.locations[1]!.id,
      limit: 8,
    });
    expect([...slugsOf(there.similar), ...slugsOf(there.boughtTogether)]).not.toContain("gummies");
    const here = await recommendFor(deps(), a.org.id, { productIds: seed, locationId: a.locations[0]!.id });
    expect(slugsOf(here.boughtTogether)).toContain("gummies");
  });
});

describe("frequently bought together", () => {
  it("comes from the store's own sold orders, most shared first, ignoring cancelled orders", async () => {
    const result = await recommendFor(deps(), a.org.id, { productIds: [await productId(a, "blue-dream")] });
    expect(result.boughtTogetherFromHistory).toBe(true);
    expect(slugsOf(result.boughtTogether).slice(0, 2)).toEqual(["gummies", "sunset-sherbet"]);
    expect(slugsOf(result.boughtTogether)).not.toContain("og-kush-cake");
    expect(slugsOf(result.boughtTogether)).not.toContain("calm-tincture");
    // The two lists do not repeat each other.
    const both = [...slugsOf(result.similar), ...slugsOf(result.boughtTogether)];
    expect(new Set(both).size).toBe(both.length);
  });

  it("falls back to similar products when history is thin, and says so", async () => {
    const result = await recommendFor(deps(), a.org.id, {
      productIds: [await productId(a, "calm-tincture")],
    });
    expect(result.boughtTogetherFromHistory).toBe(false);
    expect(result.boughtTogether.length).toBeGreaterThan(0);
  });

  it("takes a whole cart as seeds and never suggests what is already in it", async () => {
    const cart = [await productId(a, "blue-dream"), await productId(a, "gummies")];
    const result = await recommendFor(deps(), a.org.id, { productIds: cart, locationId: a.locations[0]!.id });
    const shown = [...slugsOf(result.similar), ...slugsOf(result.boughtTogether)];
    expect(shown).not.toContain("blue-dream");
    expect(shown).not.toContain("gummies");
    expect(slugsOf(result.boughtTogether)).toContain("sunset-sherbet");
  });
});

describe("tenancy and plans", () => {
  it("never shows another store's products, even when given their ids or location", async () => {
    const theirs = await recommendFor(deps(), a.org.id, {
      productIds: [await productId(b, "blue-dream")],
      locationId: b.locations[0]!.id,
    });
    expect(theirs.similar).toEqual([]);
    expect(theirs.boughtTogether).toEqual([]);
    const bIds = new Set(
      (
        await handle.db
          .select({ id: products.id })
          .from(products)
          .where(eq(products.organizationId, b.org.id))
      ).map((r) => r.id),
    );
    const mine = await recommendFor(deps(), a.org.id, {
      productIds: [await productId(a, "blue-dream")],
      locationId: b.locations[0]!.id,
      limit: 8,
    });
    expect([...mine.similar, ...mine.boughtTogether].some((p) => bIds.has(p.id))).toBe(false);
    expect(mine.similar.length).toBeGreaterThan(0);
  });

  it("is off on a plan without AI recommendations", async () => {
    const result = await recommendFor(deps(), c.org.id, { productIds: [c.products[0]!.id] });
    expect(result).toEqual({
      enabled: false,
      similar: [],
      boughtTogether: [],
      boughtTogetherFromHistory: false,
    });
  });
});

describe("the cached ranking of similar products", () => {
  const levelsOf = async (slug: string) => {
    const variants = await handle.db
      .select({ id: productVariants.id })
      .from(productVariants)
      .where(eq(productVariants.productId, await productId(a, slug)));
    return inArray(
      inventoryLevels.variantId,
      variants.map((v) => v.id),
    );
  };

  it("drops a product that sells out at once, with no invalidation, and shows it again when restocked", async () => {
    const seed = { productIds: [await productId(a, "og-kush-acme")] };
    expect((await recommendFor(deps(), a.org.id, seed)).similar[0]!.slug).toBe("og-kush");
    const before = await handle.db
      .select()
      .from(inventoryLevels)
      .where(await levelsOf("og-kush"));
    await handle.db
      .update(inventoryLevels)
      .set({ reserved: sql`${inventoryLevels.onHand}` })
      .where(await levelsOf("og-kush"));
    expect(slugsOf((await recommendFor(deps(), a.org.id, seed)).similar)).not.toContain("og-kush");
    for (const row of before)
      await handle.db
        .update(inventoryLevels)
        .set({ reserved: row.reserved })
        .where(eq(inventoryLevels.id, row.id));
    expect((await recommendFor(deps(), a.org.id, seed)).similar[0]!.slug).toBe("og-kush");
  });

  it("follows a catalog change once the menu cache is invalidated, as every catalog edit does", async () => {
    const seed = { productIds: [await productId(a, "og-kush-acme")] };
    const ogKush = await productId(a, "og-kush");
    await handle.db.update(products).set({ status: "archived" }).where(eq(products.id, ogKush));
    await invalidateMenuCache(kv, a.org.id);
    expect(slugsOf((await recommendFor(deps(), a.org.id, seed)).similar)).not.toContain("og-kush");
    await handle.db.update(products).set({ status: "active" }).where(eq(products.id, ogKush));
    await invalidateMenuCache(kv, a.org.id);
    expect((await recommendFor(deps(), a.org.id, seed)).similar[0]!.slug).toBe("og-kush");
  });
});
