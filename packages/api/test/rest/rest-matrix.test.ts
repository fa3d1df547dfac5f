/* eslint-disable @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-member-access -- response bodies and documents are untyped JSON; the assertions check their shape */
/**
 * The REST cross-tenant matrix: every /api/v1 endpoint works for its own store's key and never shows or changes
 * another store's data (another store's ids are 404, lists never contain them). A completeness test fails when an
 * endpoint is registered without an entry here.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import {
  auditEvents,
  customers,
  inventoryLevels,
  orders,
  productCopyDrafts,
  products,
  promotionCodes,
  promotions,
  stockMovements,
} from "@cannasaas/db/schema";
import { adjustPoints } from "@cannasaas/core";
import { API_ENDPOINTS } from "../../src/rest";
import { call, createWorld, keyWith, orderBody, type World } from "./world";

const body = (method: string) => (method === "GET" ? undefined : {});

let w: World;
beforeAll(async () => {
  w = await createWorld("rest");
});
afterAll(() => w?.close());

const level = async (t: World["A"], location = 0, variant = 0) => {
  const [row] = await w.handle.db
    .select()
    .from(inventoryLevels)
    .where(
      and(
        eq(inventoryLevels.locationId, t.locations[location]!.id),
        eq(inventoryLevels.variantId, t.variants[variant]!.id),
      ),
    );
  return row!;
};

async function placeAtA(variant = 0, quantity = 1) {
  const reply = await call(w, w.keyA, "POST", "/orders", orderBody(w.A, variant, quantity));
  expect(reply.status).toBe(201);
  return reply.body as { id: string; totalCents: number; subtotalCents: number };
}

const matrix: Record<string, () => void> = {
  listProducts() {
    it("lists this store's products only, with variants, filters and a cursor", async () => {
      const a = await call(w, w.keyA, "GET", "/products");
      expect(a.status).toBe(200);
      expect(a.body.data.map((p: { id: string }) => p.id).sort()).toEqual(
        w.A.products.map((p) => p.id).sort(),
      );
      expect(a.body.data[0].variants[0]).toMatchObject({ sku: expect.stringMatching(/^rest-a-/) });
      const b = await call(w, w.keyB, "GET", "/products");
      expect(b.body.data.some((p: { id: string }) => w.A.products.some((x) => x.id === p.id))).toBe(false);

      const edible = await call(w, w.keyA, "GET", "/products?category=edible");
      expect(edible.body.data.map((p: { slug: string }) => p.slug)).toEqual(["gummies"]);
      const search = await call(w, w.keyA, "GET", "/products?q=kush");
      expect(search.body.data.map((p: { slug: string }) => p.slug)).toEqual(["og-kush"]);
      expect((await call(w, w.keyA, "GET", "/products?status=archived")).body.data).toEqual([]);
      expect((await call(w, w.keyA, "GET", "/products?brand=house")).body.data).toHaveLength(3);
      const future = new Date(Date.now() + 60_000).toISOString();
      expect((await call(w, w.keyA, "GET", `/products?updated_since=${future}`)).body.data).toEqual([]);

      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const reply: { body: { data: { id: string }[]; nextCursor: string | null } } = await call(
          w,
          w.keyA,
          "GET",
          `/products?limit=1${cursor ? `&cursor=${cursor}` : ""}`,
        );
        seen.push(...reply.body.data.map((p) => p.id));
        cursor = reply.body.nextCursor;
      } while (cursor);
      expect(seen.sort()).toEqual(w.A.products.map((p) => p.id).sort());
    });
  },
  getProduct() {
    it("gets this store's product with stock, and 404 for another store's id", async () => {
      const id = w.A.products[0]!.id;
      const mine = await call(w, w.keyA, "GET", `/products/${id}`);
      expect(mine.status).toBe(200);
      expect(mine.body.stock).toHaveLength(2);
      expect(mine.body.stock[0]).toMatchObject({ onHand: expect.any(Number), available: expect.any(Number) });
      const theirs = await call(w, w.keyB, "GET", `/products/${id}`);
      expect(theirs.status).toBe(404);
      expect(theirs.body.error.code).toBe("not_found");
      expect(JSON.stringify(theirs.body)).not.toContain(w.A.products[0]!.name);
    });
  },
  listOrders() {
    it("lists this store's orders only, with status and date filters", async () => {
      const placed = await placeAtA();
      const a = await call(w, w.keyA, "GET", "/orders");
      expect(a.body.data.map((o: { id: string }) => o.id)).toContain(placed.id);
      const b = await call(w, w.keyB, "GET", "/orders");
      expect(b.body.data.map((o: { id: string }) => o.id)).not.toContain(placed.id);
      expect(
        (await call(w, w.keyA, "GET", "/orders?status=completed")).body.data.map((o: { id: string }) => o.id),
      ).not.toContain(placed.id);
      const from = new Date(Date.now() + 60_000).toISOString();
      expect((await call(w, w.keyA, "GET", `/orders?placed_from=${from}`)).body.data).toEqual([]);
      expect(
        (await call(w, w.keyB, "GET", `/orders?customer_id=${w.A.shopper.customerId}`)).body.data,
      ).toEqual([]);
    });
  },
  createOrder() {
    it("places a server-priced pickup order that reserves stock", async () => {
      const before = await level(w.A);
      const reply = await call(w, w.keyA, "POST", "/orders", {
        ...orderBody(w.A, 0, 2),
        totalCents: 1,
        items: [{ variantId: w.A.variants[0]!.id, quantity: 2, priceCents: 1 }],
      });
      expect(reply.status).toBe(201);
      expect(reply.body).toMatchObject({
        status: "pending",
        fulfillment: "pickup",
        customerId: w.A.shopper.customerId,
      });
      expect(reply.body.subtotalCents).toBe(2 * w.A.variants[0]!.priceCents);
      expect(reply.body.totalCents).toBeGreaterThan(reply.body.subtotalCents);
      expect(reply.body.items).toHaveLength(1);
      expect((await level(w.A)).reserved).toBe(before.reserved + 2);
      const [audit] = await w.handle.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, "api.createOrder"), eq(auditEvents.resourceId, reply.body.id)));
      expect(audit).toMatchObject({
        organizationId: w.A.org.id,
        actorKind: "api_key",
        resourceType: "order",
      });
    });
    it("refuses another store's customer, location and variant ids with 404 and creates nothing", async () => {
      const count = async () =>
        (await w.handle.db.select().from(orders).where(eq(orders.organizationId, w.B.org.id))).length;
      const before = await count();
      for (const body of [
        { ...orderBody(w.B), customerId: w.A.shopper.customerId },
        { ...orderBody(w.B), locationId: w.A.locations[0]!.id },
        { ...orderBody(w.B), items: [{ variantId: w.A.variants[0]!.id, quantity: 1 }] },
      ]) {
        const reply = await call(w, w.keyB, "POST", "/orders", body);
        expect(reply.status).toBe(404);
        expect(reply.body.error.code).toBe("not_found");
      }
      expect(await count()).toBe(before);
    });
    it("applies the storefront's rules: under-age refused, overselling refused with 409", async () => {
      const minor = await call(w, w.keyA, "POST", "/orders", {
        ...orderBody(w.A),
        customerId: w.A.minor.customerId,
      });
      expect(minor.status).toBe(403);
      expect(minor.body.error.message).toMatch(/21/);
      // Enough stock for 50: a line the store cannot supply is refused (409) before the limits are read.
      const before = await level(w.A, 0, 1);
      await w.handle.db
        .update(inventoryLevels)
        .set({ onHand: before.reserved + 50 })
        .where(eq(inventoryLevels.id, before.id));
      const overLimit = await call(w, w.keyA, "POST", "/orders", orderBody(w.A, 1, 50));
      expect(overLimit.status).toBe(403);
      expect(overLimit.body.error.message).toMatch(/limit/i);
      const stock = await level(w.A, 0, 1);
      await w.handle.db
        .update(inventoryLevels)
        .set({ onHand: stock.reserved + 1 })
        .where(eq(inventoryLevels.id, stock.id));
      const oversell = await call(w, w.keyA, "POST", "/orders", orderBody(w.A, 1, 2));
      expect(oversell.status).toBe(409);
      expect(oversell.body.error).toMatchObject({
        code: "conflict",
        message: expect.stringMatching(/Only 1/),
      });
      expect((await level(w.A, 0, 1)).reserved).toBe(stock.reserved);
    });
  },
  getOrder() {
    it("gets this store's order with lines and history, and 404 for another store's", async () => {
      const placed = await placeAtA();
      const mine = await call(w, w.keyA, "GET", `/orders/${placed.id}`);
      expect(mine.status).toBe(200);
      expect(mine.body.statusHistory).toEqual([{ from: null, to: "pending", at: expect.any(String) }]);
      expect(mine.body.deliveryAddress).toBeNull();
      const theirs = await call(w, w.keyB, "GET", `/orders/${placed.id}`);
      expect(theirs.status).toBe(404);
    });
  },
  listInventory() {
    it("lists this store's stock levels only, filtered by location and low stock", async () => {
      const a = await call(w, w.keyA, "GET", "/inventory");
      expect(a.body.data).toHaveLength(6);
      const b = await call(w, w.keyB, "GET", `/inventory?location_id=${w.A.locations[0]!.id}`);
      expect(b.status).toBe(200);
      expect(b.body.data).toEqual([]);
      const at = await call(w, w.keyA, "GET", `/inventory?location_id=${w.A.locations[1]!.id}`);
      expect(at.body.data).toHaveLength(3);
      expect(at.body.data.every((l: { locationId: string }) => l.locationId === w.A.locations[1]!.id)).toBe(
        true,
      );
      const low = await call(w, w.keyA, "GET", "/inventory?low_stock=true");
      expect(low.body.data.every((l: { lowStock: boolean }) => l.lowStock)).toBe(true);
      const page1 = await call(w, w.keyA, "GET", "/inventory?limit=4");
      const page2 = await call(w, w.keyA, "GET", `/inventory?limit=4&cursor=${page1.body.nextCursor}`);
      expect(page2.body.data).toHaveLength(2);
      expect(page2.body.nextCursor).toBeNull();
    });
  },
  createInventoryAdjustment() {
    it("adjusts this store's stock with a movement, and never below what is reserved", async () => {
      const before = await level(w.A, 1, 2);
      const reply = await call(w, w.keyA, "POST", "/inventory/adjustments", {
        locationId: w.A.locations[1]!.id,
        variantId: w.A.variants[2]!.id,
        quantity: 7,
        kind: "receive",
        reason: "Delivery from distributor",
      });
      expect(reply.status).toBe(201);
      expect(reply.body.level.onHand).toBe(before.onHand + 7);
      expect(reply.body.movement).toMatchObject({ kind: "receive", quantity: 7 });
      const [movement] = await w.handle.db
        .select()
        .from(stockMovements)
        .where(eq(stockMovements.id, reply.body.movement.id));
      expect(movement).toMatchObject({ organizationId: w.A.org.id, quantity: 7 });
      const tooMuch = await call(w, w.keyA, "POST", "/inventory/adjustments", {
        locationId: w.A.locations[1]!.id,
        variantId: w.A.variants[2]!.id,
        quantity: -(before.onHand + 8),
        reason: "Count",
      });
      expect(tooMuch.status).toBe(409);
      expect((await level(w.A, 1, 2)).onHand).toBe(before.onHand + 7);
      const wrongSign = await call(w, w.keyA, "POST", "/inventory/adjustments", {
        locationId: w.A.locations[1]!.id,
        variantId: w.A.variants[2]!.id,
        quantity: 3,
        kind: "damage",
        reason: "Broken",
      });
      expect(wrongSign.status).toBe(400);
      expect(wrongSign.body.error.details.fields.quantity).toMatch(/negative/);
    });
    it("refuses another store's location or variant with 404 and changes nothing", async () => {
      const before = await level(w.A);
      for (const body of [
        { locationId: w.A.locations[0]!.id, variantId: w.B.variants[0]!.id },
        { locationId: w.B.locations[0]!.id, variantId: w.A.variants[0]!.id },
        { locationId: w.A.locations[0]!.id, variantId: w.A.variants[0]!.id },
      ]) {
        const reply = await call(w, w.keyB, "POST", "/inventory/adjustments", {
          ...body,
          quantity: -1,
          reason: "theft",
        });
        expect(reply.status).toBe(404);
      }
      expect((await level(w.A)).onHand).toBe(before.onHand);
    });
  },
  listCustomers() {
    it("lists this store's customers with minimal personal data", async () => {
      const a = await call(w, w.keyA, "GET", "/customers");
      expect(a.body.data.map((c: { id: string }) => c.id).sort()).toEqual(
        [w.A.shopper.customerId, w.A.minor.customerId].sort(),
      );
      const text = JSON.stringify(a.body);
      expect(text).not.toMatch(/dateOfBirth|1990-05-01|2008-05-01|userId/);
      expect(a.body.data[0]).toHaveProperty("email");
      const b = await call(w, w.keyB, "GET", `/customers?email=${encodeURIComponent(w.A.shopper.email)}`);
      expect(b.body.data).toEqual([]);
      const exact = await call(w, w.keyA, "GET", `/customers?email=${encodeURIComponent(w.A.shopper.email)}`);
      expect(exact.body.data.map((c: { id: string }) => c.id)).toEqual([w.A.shopper.customerId]);
    });
    it("gives each marketing consent, web push included", async () => {
      await w.handle.db
        .update(customers)
        .set({ marketingPushConsent: true, marketingSmsConsent: false })
        .where(eq(customers.id, w.A.shopper.customerId));
      const exact = await call(w, w.keyA, "GET", `/customers?email=${encodeURIComponent(w.A.shopper.email)}`);
      expect(exact.body.data[0]).toMatchObject({ marketingPushConsent: true, marketingSmsConsent: false });
    });
  },
  getCustomerLoyalty() {
    it("reads this store's customer's points, and 404 for another store's customer", async () => {
      await adjustPoints(
        w.handle.db,
        w.A.org.id,
        { customerId: w.A.shopper.customerId, points: 40, reason: "Welcome gift" },
        { userId: w.A.staff.manager.id },
        new Date(),
      );
      const a = await call(w, w.keyA, "GET", `/customers/${w.A.shopper.customerId}/loyalty`);
      expect(a.status).toBe(200);
      expect(a.body).toMatchObject({ customerId: w.A.shopper.customerId, balance: 40, tier: null });
      expect(a.body.entries[0]).toMatchObject({ kind: "adjust", source: "staff", points: 40 });
      expect(JSON.stringify(a.body)).not.toMatch(/email|shopper@/);
      const b = await call(w, w.keyB, "GET", `/customers/${w.A.shopper.customerId}/loyalty`);
      expect(b.status).toBe(404);
      const narrow = await keyWith(w, w.A, ["orders:read"]);
      expect((await call(w, narrow, "GET", `/customers/${w.A.shopper.customerId}/loyalty`)).status).toBe(403);
    });
  },
  getAnalyticsSummary() {
    it("sums this store's orders only", async () => {
      const placed = await placeAtA(2, 1);
      const a = await call(w, w.keyA, "GET", "/analytics/summary");
      expect(a.status).toBe(200);
      expect(a.body.orders).toBeGreaterThanOrEqual(1);
      expect(a.body.revenueCents).toBeGreaterThanOrEqual(placed.totalCents);
      expect(a.body.averageOrderValueCents).toBe(Math.round(a.body.revenueCents / a.body.orders));
      expect(a.body.topProducts.length).toBeGreaterThan(0);
      const b = await call(w, w.keyB, "GET", "/analytics/summary");
      expect(b.body).toMatchObject({
        orders: 0,
        revenueCents: 0,
        averageOrderValueCents: 0,
        topProducts: [],
      });
      const empty = await call(
        w,
        w.keyA,
        "GET",
        "/analytics/summary?from=2020-01-01T00:00:00Z&to=2020-02-01T00:00:00Z",
      );
      expect(empty.body.orders).toBe(0);
      const reversed = await call(
        w,
        w.keyA,
        "GET",
        "/analytics/summary?from=2020-02-01T00:00:00Z&to=2020-01-01T00:00:00Z",
      );
      expect(reversed.status).toBe(400);
    });
  },
  createProductCopyDraft() {
    it("files a pending draft for this store's product, changes nothing on it, and cannot reach another's", async () => {
      const productId = w.A.products[1]!.id;
      await w.handle.db
        .update(products)
        .set({ description: "Approved words, kept." })
        .where(eq(products.id, productId));
      const reply = await call(w, w.keyA, "POST", `/products/${productId}/copy`, { tone: "casual" });
      expect(reply.status).toBe(201);
      expect(reply.body).toMatchObject({
        productId,
        tone: "casual",
        status: "pending",
        source: "template",
        notice: expect.stringMatching(/^AI is off/),
      });
      expect(reply.body.copy.description).toContain(w.A.products[1]!.name);
      const [draft] = await w.handle.db
        .select()
        .from(productCopyDrafts)
        .where(eq(productCopyDrafts.id, reply.body.id));
      expect(draft).toMatchObject({ organizationId: w.A.org.id, status: "pending", requestedBy: null });
      const [product] = await w.handle.db.select().from(products).where(eq(products.id, productId));
      expect(product!.description).toBe("Approved words, kept.");
      const [audit] = await w.handle.db
        .select()
        .from(auditEvents)
        .where(
          and(
            eq(auditEvents.organizationId, w.A.org.id),
            eq(auditEvents.action, "api.createProductCopyDraft"),
          ),
        );
      expect(audit).toBeDefined();
      expect((await call(w, w.keyA, "POST", `/products/${productId}/copy`, {})).body.tone).toBe(
        "professional",
      );
      expect((await call(w, w.keyA, "POST", `/products/${productId}/copy`, { tone: "loud" })).status).toBe(
        400,
      );

      const theirs = w.B.products[1]!.id;
      const refused = await call(w, w.keyA, "POST", `/products/${theirs}/copy`, { tone: "casual" });
      expect(refused.status).toBe(404);
      const bDrafts = await w.handle.db
        .select()
        .from(productCopyDrafts)
        .where(eq(productCopyDrafts.productId, theirs));
      expect(bDrafts).toEqual([]);
    });
  },
  listProductCopyDrafts() {
    it("lists this store's drafts of its product, and answers 404 for another store's product", async () => {
      const productId = w.A.products[2]!.id;
      const made = await call(w, w.keyA, "POST", `/products/${productId}/copy`, { tone: "luxury" });
      const list = await call(w, w.keyA, "GET", `/products/${productId}/copy`);
      expect(list.status).toBe(200);
      expect(list.body.data[0]).toMatchObject({ id: made.body.id, tone: "luxury", status: "pending" });
      expect(list.body.data.every((d: { productId: string }) => d.productId === productId)).toBe(true);
      expect((await call(w, w.keyA, "GET", `/products/${productId}/copy?status=accepted`)).body.data).toEqual(
        [],
      );
      expect((await call(w, w.keyB, "GET", `/products/${productId}/copy`)).status).toBe(404);
      const theirs = await call(w, w.keyB, "GET", `/products/${w.B.products[2]!.id}/copy`);
      expect(theirs.body.data.map((d: { id: string }) => d.id)).not.toContain(made.body.id);
    });
  },
  listPromotions() {
    it("lists this store's promotions only, with codes, terms and whether each is live", async () => {
      const [mine] = await w.handle.db
        .insert(promotions)
        .values({
          organizationId: w.A.org.id,
          name: "REST happy hour",
          kind: "percent_off",
          rule: { kind: "percent_off", percentBps: 2_000 },
        })
        .returning();
      await w.handle.db.insert(promotionCodes).values({
        organizationId: w.A.org.id,
        promotionId: mine!.id,
        code: "RESTCODE",
      });
      const a = await call(w, w.keyA, "GET", "/promotions");
      expect(a.status).toBe(200);
      const found = a.body.data.find((p: { id: string }) => p.id === mine!.id);
      expect(found).toMatchObject({ terms: "20% off", codes: ["RESTCODE"], liveNow: true, status: "active" });
      const b = await call(w, w.keyB, "GET", "/promotions");
      expect(b.body.data.map((p: { id: string }) => p.id)).not.toContain(mine!.id);
      const paused = await call(w, w.keyA, "GET", "/promotions?status=paused");
      expect(paused.body.data.map((p: { id: string }) => p.id)).not.toContain(mine!.id);
      expect((await call(w, w.keyA, "GET", "/promotions?status=bogus")).status).toBe(400);
    });
  },
};

for (const [operationId, define] of Object.entries(matrix)) describe(operationId, define);

describe("REST matrix completeness", () => {
  it("has an entry for every registered endpoint and none for endpoints that do not exist", () => {
    expect(Object.keys(matrix).sort()).toEqual(API_ENDPOINTS.map((e) => e.operationId).sort());
  });

  it("every endpoint refuses a request without a key and a key without its scope", async () => {
    const empty = await keyWith(w, w.A, ["analytics:read"]);
    const onlyProducts = await keyWith(w, w.A, ["products:read"]);
    for (const endpoint of API_ENDPOINTS) {
      const path = endpoint.path.replace("{id}", crypto.randomUUID());
      expect((await call(w, null, endpoint.method, path, body(endpoint.method))).status).toBe(401);
      const key = endpoint.scope === "analytics:read" ? onlyProducts : empty;
      const refused = await call(w, key, endpoint.method, path, body(endpoint.method));
      expect(refused.status, endpoint.operationId).toBe(403);
      expect(refused.body.error.details.requiredScope).toBe(endpoint.scope);
    }
  });
});
