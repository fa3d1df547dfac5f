import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { DatabaseHandle } from "@cannasaas/db/client";
import {
  customers,
  inventoryLevels,
  inventoryLots,
  outboxMessages,
  stockMovements,
  users,
} from "@cannasaas/db/schema";
import { createTestDatabase } from "@cannasaas/db/testing";
import { createMemoryKv } from "@cannasaas/integrations/kv";
import {
  addCartItem,
  adjustStock,
  advanceOrder,
  damageStock,
  DomainError,
  getMenuProduct,
  getOrCreateCart,
  listExpiringLots,
  listInventoryLevels,
  listLots,
  listLowStock,
  listStockMovements,
  placeOrder,
  receiveStock,
  resolveTenant,
  returnStock,
  setCartFulfillment,
  setLowStockThreshold,
  transferStock,
  type CoreDeps,
} from "../src";
import { createFixtureTenant, type FixtureTenant } from "../src/testing";

let handle: DatabaseHandle;
let deps: CoreDeps;
let shop: FixtureTenant;
let other: FixtureTenant;
const now = new Date("2026-05-01T18:00:00Z"); // 11:00 on 2026-05-01 in Los Angeles

beforeAll(async () => {
  handle = await createTestDatabase();
  deps = { db: handle.db, kv: createMemoryKv(), clock: () => now };
  shop = await createFixtureTenant(handle.db, { tag: "inv-shop", passwordHash: "x" });
  other = await createFixtureTenant(handle.db, { tag: "inv-other", passwordHash: "x" });
});
afterAll(async () => handle?.close());

const north = () => shop.locations[0]!.id;
const south = () => shop.locations[1]!.id;
const actor = () => ({ organizationId: shop.org.id, actorUserId: shop.staff.manager.id });

async function level(variantId: string, locationId = north()) {
  const [row] = await handle.db
    .select()
    .from(inventoryLevels)
    .where(and(eq(inventoryLevels.variantId, variantId), eq(inventoryLevels.locationId, locationId)));
  return row;
}
async function setLevel(variantId: string, locationId: string, onHand: number, reserved = 0) {
  await handle.db
    .update(inventoryLevels)
    .set({ onHand, reserved })
    .where(and(eq(inventoryLevels.variantId, variantId), eq(inventoryLevels.locationId, locationId)));
}
async function movementsOf(variantId: string) {
  return handle.db.select().from(stockMovements).where(eq(stockMovements.variantId, variantId));
}
async function lotsOf(variantId: string, locationId = north()) {
  return handle.db
    .select()
    .from(inventoryLots)
    .where(and(eq(inventoryLots.variantId, variantId), eq(inventoryLots.locationId, locationId)));
}
async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe("stock movements under concurrency", () => {
  it("20 parallel +1 and -1 adjustments of one level lose no update and write 20 movements", async () => {
    const variant = shop.variants[0]!.id;
    await setLevel(variant, north(), 50);
    const before = (await movementsOf(variant)).length;
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        adjustStock(deps, actor(), {
          locationId: north(),
          variantId: variant,
          delta: i % 4 === 0 ? -1 : 1,
          reason: `count ${i}`,
        }),
      ),
    );
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    // 5 of the 20 take one away, 15 add one.
    expect((await level(variant))!.onHand).toBe(50 + 15 - 5);
    expect((await movementsOf(variant)).length - before).toBe(20);
  });

  it("parallel write-offs never take on hand below zero: exactly as many succeed as there were units", async () => {
    const variant = shop.variants[1]!.id;
    await setLevel(variant, south(), 7);
    const results = await Promise.allSettled(
      Array.from({ length: 15 }, () =>
        damageStock(deps, actor(), {
          locationId: south(),
          variantId: variant,
          quantity: 1,
          reason: "dropped",
        }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(7);
    for (const r of results) {
      if (r.status === "rejected") expect((r.reason as DomainError).message).toMatch(/Only 0 of .* on hand/);
    }
    expect((await level(variant, south()))!.onHand).toBe(0);
  });

  it("transfers in opposite directions at once neither deadlock nor lose units", async () => {
    const variant = shop.variants[2]!.id;
    await setLevel(variant, north(), 30);
    await setLevel(variant, south(), 30);
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        transferStock(deps, actor(), {
          variantId: variant,
          fromLocationId: i % 2 ? north() : south(),
          toLocationId: i % 2 ? south() : north(),
          quantity: i % 2 ? 2 : 1,
        }),
      ),
    );
    expect((await level(variant, north()))!.onHand).toBe(30 - 5 * 2 + 5);
    expect((await level(variant, south()))!.onHand).toBe(30 + 5 * 2 - 5);
  });
});

describe("movements and reservations", () => {
  it("refuses to take on hand below what open orders reserved, with the numbers, and writes nothing", async () => {
    const variant = shop.variants[0]!.id;
    await setLevel(variant, south(), 10, 8);
    const before = (await movementsOf(variant)).length;
    const error = await refusal(
      adjustStock(deps, actor(), { locationId: south(), variantId: variant, delta: -3, reason: "count" }),
    );
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toContain("Only 2 of inv-shop Blue Dream (3.5 g) can be taken out here");
    expect(error.message).toContain("8 reserved");
    expect(await level(variant, south())).toMatchObject({ onHand: 10, reserved: 8 });
    expect((await movementsOf(variant)).length).toBe(before);
    await adjustStock(deps, actor(), { locationId: south(), variantId: variant, delta: -2, reason: "count" });
    expect(await level(variant, south())).toMatchObject({ onHand: 8, reserved: 8 });
  });

  it("requires a reason for adjustments and damage, and whole non-zero quantities", async () => {
    const item = { locationId: north(), variantId: shop.variants[0]!.id };
    expect((await refusal(adjustStock(deps, actor(), { ...item, delta: 1, reason: "  " }))).message).toMatch(
      /Say why/,
    );
    expect((await refusal(damageStock(deps, actor(), { ...item, quantity: 1, reason: "" }))).code).toBe(
      "BAD_REQUEST",
    );
    expect((await refusal(adjustStock(deps, actor(), { ...item, delta: 0, reason: "x" }))).code).toBe(
      "BAD_REQUEST",
    );
    expect((await refusal(returnStock(deps, actor(), { ...item, quantity: 1.5 }))).code).toBe("BAD_REQUEST");
  });

  it("refuses another organization's location or product", async () => {
    const mine = { locationId: north(), variantId: shop.variants[0]!.id };
    expect(
      (
        await refusal(
          receiveStock(deps, actor(), { ...mine, locationId: other.locations[0]!.id, quantity: 1 }),
        )
      ).code,
    ).toBe("NOT_FOUND");
    expect(
      (await refusal(receiveStock(deps, actor(), { ...mine, variantId: other.variants[0]!.id, quantity: 1 })))
        .code,
    ).toBe("NOT_FOUND");
    expect(
      (
        await refusal(
          transferStock(deps, actor(), {
            variantId: mine.variantId,
            fromLocationId: north(),
            toLocationId: other.locations[0]!.id,
            quantity: 1,
          }),
        )
      ).code,
    ).toBe("NOT_FOUND");
  });
});

describe("transfers", () => {
  it("moves units both ways in one transaction, recording both sides", async () => {
    const variant = shop.variants[1]!.id;
    await setLevel(variant, north(), 12);
    await setLevel(variant, south(), 1);
    const result = await transferStock(deps, actor(), {
      variantId: variant,
      fromLocationId: north(),
      toLocationId: south(),
      quantity: 5,
      reason: "rebalance",
    });
    expect(result.from.level.onHand).toBe(7);
    expect(result.to.level.onHand).toBe(6);
    const moves = (await movementsOf(variant)).filter((m) => m.kind.startsWith("transfer"));
    expect(moves.map((m) => [m.kind, m.quantity, m.reason, m.actorUserId])).toEqual(
      expect.arrayContaining([
        ["transfer_out", -5, "To inv-shop south: rebalance", shop.staff.manager.id],
        ["transfer_in", 5, "From inv-shop north: rebalance", shop.staff.manager.id],
      ]),
    );
  });

  it("refuses more than is available at the source and writes nothing on either side", async () => {
    const variant = shop.variants[1]!.id;
    await setLevel(variant, north(), 4, 1);
    await setLevel(variant, south(), 2);
    const before = (await movementsOf(variant)).length;
    const error = await refusal(
      transferStock(deps, actor(), {
        variantId: variant,
        fromLocationId: north(),
        toLocationId: south(),
        quantity: 4,
      }),
    );
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toMatch(/Only 3 of .* can be taken out here: 4 on hand, 1 reserved/);
    expect(await level(variant, north())).toMatchObject({ onHand: 4, reserved: 1 });
    expect(await level(variant, south())).toMatchObject({ onHand: 2 });
    expect((await movementsOf(variant)).length).toBe(before);
  });

  it("rolls back the source side when the destination side fails", async () => {
    const flower = shop.variants[0]!.id;
    const edible = shop.variants[2]!.id;
    await receiveStock(deps, actor(), {
      locationId: north(),
      variantId: flower,
      quantity: 3,
      lot: { packageLabel: "1A4FF0100000022000000901", expiresOn: "2027-01-01" },
    });
    // The same label already names another product at the destination.
    await receiveStock(deps, actor(), {
      locationId: south(),
      variantId: edible,
      quantity: 1,
      lot: { packageLabel: "1A4FF0100000022000000901" },
    });
    const [lot] = await lotsOf(flower);
    const before = { north: await level(flower), south: await level(flower, south()), lot };
    const error = await refusal(
      transferStock(deps, actor(), {
        variantId: flower,
        fromLocationId: north(),
        toLocationId: south(),
        quantity: 2,
        lotId: lot!.id,
      }),
    );
    expect(error.message).toMatch(/already holds another product/);
    expect(await level(flower)).toEqual(before.north);
    expect(await level(flower, south())).toEqual(before.south);
    expect((await lotsOf(flower))[0]).toEqual(lot);
  });

  it("carries a lot's label and expiry to the destination", async () => {
    const variant = shop.variants[1]!.id;
    await setLevel(variant, north(), 0);
    await setLevel(variant, south(), 0);
    const received = await receiveStock(deps, actor(), {
      locationId: north(),
      variantId: variant,
      quantity: 10,
      lot: { packageLabel: "1a4ff0100000022000000777", expiresOn: "2026-12-31" },
    });
    const lotId = received.movements[0]!.lotId!;
    await transferStock(deps, actor(), {
      variantId: variant,
      fromLocationId: north(),
      toLocationId: south(),
      quantity: 4,
      lotId,
    });
    const [source] = await lotsOf(variant);
    const [dest] = await lotsOf(variant, south());
    expect(source).toMatchObject({
      packageLabel: "1A4FF0100000022000000777",
      quantity: 6,
      initialQuantity: 10,
    });
    expect(dest).toMatchObject({
      packageLabel: "1A4FF0100000022000000777",
      quantity: 4,
      initialQuantity: 4,
      expiresOn: "2026-12-31",
    });
    expect((await level(variant, south()))!.onHand).toBe(4);
  });
});

describe("lots", () => {
  let tenant: FixtureTenant;
  const t = () => ({ organizationId: tenant.org.id, actorUserId: tenant.staff.manager.id });

  beforeAll(async () => {
    tenant = await createFixtureTenant(handle.db, { tag: "inv-lots", passwordHash: "x" });
  });

  it("refuses a malformed package label and writes nothing", async () => {
    const variant = tenant.variants[0]!.id;
    const before = await level(variant, tenant.locations[0]!.id);
    const error = await refusal(
      receiveStock(deps, t(), {
        locationId: tenant.locations[0]!.id,
        variantId: variant,
        quantity: 5,
        lot: { packageLabel: "not-a-label" },
      }),
    );
    expect(error.details).toEqual({ field: "packageLabel" });
    expect(await level(variant, tenant.locations[0]!.id)).toEqual(before);
    expect(await lotsOf(variant, tenant.locations[0]!.id)).toEqual([]);
  });

  it("keeps lots in step with on hand: receipts fill them, sales and write-offs draw soonest expiry first", async () => {
    const loc = tenant.locations[0]!.id;
    const variant = tenant.variants[0]!.id;
    await setLevel(variant, loc, 2); // two units received before lots were tracked
    const late = await receiveStock(deps, t(), {
      locationId: loc,
      variantId: variant,
      quantity: 5,
      lot: { packageLabel: "1A4FF0100000022000000002", expiresOn: "2026-09-01" },
    });
    const soon = await receiveStock(deps, t(), {
      locationId: loc,
      variantId: variant,
      quantity: 3,
      lot: { packageLabel: "1A4FF0100000022000000001", expiresOn: "2026-05-20" },
    });
    expect(soon.level.onHand).toBe(10);

    const writeOff = await damageStock(deps, t(), {
      locationId: loc,
      variantId: variant,
      quantity: 4,
      reason: "mould",
    });
    expect(writeOff.movements.map((m) => [m.lotId, m.quantity])).toEqual([
      [soon.movements[0]!.lotId, -3],
      [late.movements[0]!.lotId, -1],
    ]);
    const lots = await lotsOf(variant, loc);
    expect(Object.fromEntries(lots.map((l) => [l.packageLabel, l.quantity]))).toEqual({
      "1A4FF0100000022000000001": 0,
      "1A4FF0100000022000000002": 4,
    });
    expect((await level(variant, loc))!.onHand).toBe(6);

    // Topping up an existing label adds to it; a named lot cannot give more than it holds.
    await receiveStock(deps, t(), {
      locationId: loc,
      variantId: variant,
      quantity: 2,
      lot: { packageLabel: "1A4FF0100000022000000002" },
    });
    const [topped] = (await lotsOf(variant, loc)).filter((l) => l.packageLabel.endsWith("02"));
    expect(topped).toMatchObject({ initialQuantity: 7, quantity: 6 });
    const tooMuch = await refusal(
      damageStock(deps, t(), {
        locationId: loc,
        variantId: variant,
        quantity: 7,
        reason: "x",
        lotId: topped!.id,
      }),
    );
    expect(tooMuch.message).toBe("Package 1A4FF0100000022000000002 has only 6 left.");
  });

  it("a completed order draws its units from lots and a refund puts them back in the same lots", async () => {
    const loc = tenant.locations[1]!.id;
    const variant = tenant.variants[2]!; // edible: no weight limits
    await setLevel(variant.id, loc, 0);
    const lot = await receiveStock(deps, t(), {
      locationId: loc,
      variantId: variant.id,
      quantity: 4,
      lot: { packageLabel: "1A4FF0100000022000000555", expiresOn: "2026-06-01" },
    });
    const tenantRow = (await resolveTenant(deps, "inv-lots"))!;
    const [user] = await handle.db
      .insert(users)
      .values({ email: "lot-buyer@example.test", dateOfBirth: "1990-01-01", emailVerified: now })
      .returning();
    const [customer] = await handle.db
      .insert(customers)
      .values({ organizationId: tenant.org.id, userId: user!.id })
      .returning();
    const cart = await getOrCreateCart(handle.db, tenant.org.id, { customerId: customer!.id });
    await addCartItem(handle.db, tenant.org.id, cart.id, variant.id, 3);
    await setCartFulfillment(handle.db, tenant.org.id, cart.id, { locationId: loc, fulfillment: "pickup" });
    const { order } = await placeOrder(deps, tenantRow, {
      customerId: customer!.id,
      cartId: cart.id,
      purchaser: "adult_use",
      paymentMethod: "cash",
    });
    expect(await level(variant.id, loc)).toMatchObject({ onHand: 4, reserved: 3 });
    for (const to of ["confirmed", "preparing", "ready", "completed"] as const) {
      await advanceOrder(deps, tenant.org.id, { orderId: order.id, to, actorUserId: null });
    }
    expect(await level(variant.id, loc)).toMatchObject({ onHand: 1, reserved: 0 });
    expect((await lotsOf(variant.id, loc))[0]!.quantity).toBe(1);
    const sale = (await movementsOf(variant.id)).filter((m) => m.orderId === order.id);
    expect(sale.map((m) => [m.kind, m.quantity, m.lotId])).toEqual([["sell", -3, lot.movements[0]!.lotId]]);

    await advanceOrder(deps, tenant.org.id, { orderId: order.id, to: "refunded", actorUserId: null });
    expect(await level(variant.id, loc)).toMatchObject({ onHand: 4, reserved: 0 });
    expect((await lotsOf(variant.id, loc))[0]!.quantity).toBe(4);
  });

  it("lists lots expiring within the chosen days of the store's today, expired ones first", async () => {
    const loc = tenant.locations[0]!.id;
    const variant = tenant.variants[1]!.id;
    for (const [label, expiresOn] of [
      ["1A4FF0100000022000000101", "2026-04-30"],
      ["1A4FF0100000022000000102", "2026-05-31"],
      ["1A4FF0100000022000000103", "2026-06-01"],
      ["1A4FF0100000022000000104", null],
    ] as const) {
      await receiveStock(deps, t(), {
        locationId: loc,
        variantId: variant,
        quantity: 1,
        lot: { packageLabel: label, expiresOn },
      });
    }
    const { today, lots } = await listExpiringLots(handle.db, tenant.org.id, { days: 30, now });
    expect(today).toBe("2026-05-01");
    const mine = lots.filter((l) => l.variantId === variant);
    expect(mine.map((l) => [l.packageLabel, l.daysLeft, l.expired])).toEqual([
      ["1A4FF0100000022000000101", -1, true],
      ["1A4FF0100000022000000102", 30, false],
    ]);
    // 2026-05-20 from the earlier test is within 30 days but used up: not listed.
    expect(lots.map((l) => l.packageLabel)).not.toContain("1A4FF0100000022000000001");
    const wider = await listExpiringLots(handle.db, tenant.org.id, { days: 31, now });
    expect(wider.lots.map((l) => l.packageLabel)).toContain("1A4FF0100000022000000103");
    expect((await listExpiringLots(handle.db, other.org.id, { days: 3650, now })).lots).toEqual([]);

    const page = await listLots(handle.db, tenant.org.id, { page: 1, pageSize: 2, locationId: loc });
    expect(page.items).toHaveLength(2);
    expect(page.hasMore).toBe(true);
  });
});

describe("low stock", () => {
  it("emits inventory.low_stock once, when available falls from above the threshold to at or below it", async () => {
    const tenant = await createFixtureTenant(handle.db, { tag: "inv-low", passwordHash: "x" });
    const a = { organizationId: tenant.org.id, actorUserId: tenant.staff.admin.id };
    const item = { locationId: tenant.locations[0]!.id, variantId: tenant.variants[0]!.id };
    await setLowStockThreshold(deps, a, { ...item, threshold: 6 });
    const events = () =>
      handle.db
        .select()
        .from(outboxMessages)
        .where(
          and(
            eq(outboxMessages.organizationId, tenant.org.id),
            eq(outboxMessages.topic, "inventory.low_stock"),
          ),
        );
    await adjustStock(deps, a, { ...item, delta: -3, reason: "count" }); // 10 -> 7
    expect(await events()).toHaveLength(0);
    await adjustStock(deps, a, { ...item, delta: -1, reason: "count" }); // 7 -> 6
    await adjustStock(deps, a, { ...item, delta: -1, reason: "count" }); // 6 -> 5, already low
    const sent = await events();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.payload).toMatchObject({
      type: "inventory.low_stock",
      data: { ...item, available: 6, lowStockThreshold: 6 },
    });
    const low = await listLowStock(handle.db, tenant.org.id);
    expect(low.map((l) => [l.variantId, l.available])).toEqual([[item.variantId, 5]]);
    expect(await listLowStock(handle.db, other.org.id)).toEqual([]);

    const levels = await listInventoryLevels(handle.db, tenant.org.id, {
      locationId: item.locationId,
      page: 1,
      pageSize: 10,
      lowOnly: true,
    });
    expect(levels.items.map((l) => l.variantId)).toEqual([item.variantId]);
    expect((await refusal(setLowStockThreshold(deps, a, { ...item, threshold: -1 }))).code).toBe(
      "BAD_REQUEST",
    );
  });
});

describe("history and the storefront", () => {
  it("filters movements by item, location, kind and time and pages through them", async () => {
    const tenant = await createFixtureTenant(handle.db, { tag: "inv-hist", passwordHash: "x" });
    const a = { organizationId: tenant.org.id, actorUserId: tenant.staff.owner.id };
    const item = { locationId: tenant.locations[0]!.id, variantId: tenant.variants[0]!.id };
    for (let i = 1; i <= 5; i++) await receiveStock(deps, a, { ...item, quantity: i });
    await damageStock(deps, a, { ...item, quantity: 1, reason: "crushed" });
    await returnStock(deps, a, { ...item, locationId: tenant.locations[1]!.id, quantity: 2 });

    const first = await listStockMovements(handle.db, tenant.org.id, {
      page: 1,
      pageSize: 4,
      variantId: item.variantId,
    });
    expect(first.items).toHaveLength(4);
    expect(first.hasMore).toBe(true);
    const second = await listStockMovements(handle.db, tenant.org.id, {
      page: 2,
      pageSize: 4,
      variantId: item.variantId,
    });
    expect(second.items).toHaveLength(3);
    expect(second.hasMore).toBe(false);
    const damage = await listStockMovements(handle.db, tenant.org.id, {
      page: 1,
      pageSize: 10,
      kind: "damage",
    });
    expect(damage.items.map((m) => [m.quantity, m.reason, m.actorEmail])).toEqual([
      [-1, "crushed", tenant.staff.owner.email],
    ]);
    const south = await listStockMovements(handle.db, tenant.org.id, {
      page: 1,
      pageSize: 10,
      locationId: tenant.locations[1]!.id,
    });
    expect(south.items.map((m) => m.kind)).toEqual(["return"]);
    const future = await listStockMovements(handle.db, tenant.org.id, {
      page: 1,
      pageSize: 10,
      from: new Date(Date.now() + 3_600_000),
    });
    expect(future.items).toEqual([]);
    expect(
      (await listStockMovements(handle.db, other.org.id, { page: 1, pageSize: 50, kind: "damage" })).items,
    ).toEqual([]);
  });

  it("a receipt is on the storefront product page at once", async () => {
    const product = shop.products[2]!;
    const before = await getMenuProduct(handle.db, shop.org.id, product.slug);
    await receiveStock(deps, actor(), { locationId: north(), variantId: shop.variants[2]!.id, quantity: 25 });
    const after = await getMenuProduct(handle.db, shop.org.id, product.slug);
    expect(after!.variants[0]!.available).toBe(before!.variants[0]!.available + 25);
  });
});
