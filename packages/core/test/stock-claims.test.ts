import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import type { DatabaseHandle } from "@cannasaas/db/client";
import { inventoryLevels, orders, stockClaims } from "@cannasaas/db/schema";
import { createTestDatabase } from "@cannasaas/db/testing";
import { createMemoryKv } from "@cannasaas/integrations/kv";
import { DomainError, placeOrderInTransaction, resolveTenant, type CoreDeps, type Tenant } from "../src";
import { committingClaims } from "../src/checkout/stock-claims";
import { createFixtureTenant, shopperWithPickupCart, type FixtureTenant } from "../src/testing";

/**
 * Checkout claims its stock and the database reserves it at COMMIT (migration 0043): no stock row is locked
 * while the order's transaction is open, and a claim the stock no longer covers aborts that COMMIT. Needs two
 * connections at once, so PostgreSQL (PGlite has one).
 */
const url = process.env.TEST_DATABASE_URL;

describe.skipIf(!url)("stock claims reserved at COMMIT (PostgreSQL)", () => {
  let handle: DatabaseHandle;
  let deps: CoreDeps;
  let shop: FixtureTenant;
  let tenant: Tenant;
  const now = new Date("2026-05-01T18:00:00Z");

  beforeAll(async () => {
    handle = await createTestDatabase();
    deps = { db: handle.db, kv: createMemoryKv(), clock: () => now };
    shop = await createFixtureTenant(handle.db, { tag: "claims", passwordHash: "x" });
    tenant = (await resolveTenant(deps, "claims"))!;
  });
  afterAll(async () => handle?.close());

  const edible = () => shop.variants[2]!;
  const north = () => shop.locations[0]!;
  const stockRow = () =>
    and(eq(inventoryLevels.variantId, edible().id), eq(inventoryLevels.locationId, north().id));

  const shopperWithCart = (quantity: number) =>
    shopperWithPickupCart(handle.db, shop.org.id, {
      verifiedAt: now,
      locationId: north().id,
      lines: [{ variantId: edible().id, quantity }],
    });

  /** Places the order in a transaction left open until `commit` is called; resolves when the order is placed. */
  function placeAndHold(shopper: { customerId: string; cartId: string }) {
    let commit!: () => void;
    const gate = new Promise<void>((resolve) => (commit = resolve));
    let placed!: () => void;
    const isPlaced = new Promise<void>((resolve) => (placed = resolve));
    const done = committingClaims(handle.db, async (tx) => {
      const result = await placeOrderInTransaction(tx, deps, tenant, {
        ...shopper,
        purchaser: "adult_use",
        paymentMethod: "cash",
      });
      placed();
      await gate;
      return result;
    });
    // A refusal before the order is placed must not leave the test waiting.
    done.catch(() => placed());
    return { isPlaced, commit, done };
  }

  /** Whether another connection can lock the stock row right now (lock_timeout instead of waiting). */
  async function stockRowIsFree() {
    try {
      await handle.db.transaction(async (tx) => {
        await tx.execute(sql`set local lock_timeout = '300ms'`);
        await tx.select({ id: inventoryLevels.id }).from(inventoryLevels).where(stockRow()).for("update");
      });
      return true;
    } catch {
      return false;
    }
  }

  it("holds no lock on the stock row until the COMMIT, then reserves the units", async () => {
    await handle.db.update(inventoryLevels).set({ onHand: 10, reserved: 0 }).where(stockRow());
    const order = placeAndHold(await shopperWithCart(2));
    await order.isPlaced;
    expect(await stockRowIsFree()).toBe(true);
    const [before] = await handle.db.select().from(inventoryLevels).where(stockRow());
    expect(before!.reserved).toBe(0);
    order.commit();
    await order.done;
    const [after] = await handle.db.select().from(inventoryLevels).where(stockRow());
    expect(after!.reserved).toBe(2);
    expect(await handle.db.select().from(stockClaims)).toEqual([]);
  });

  it("aborts the COMMIT of an order the stock no longer covers, leaving none of it behind", async () => {
    await handle.db.update(inventoryLevels).set({ onHand: 3, reserved: 0 }).where(stockRow());
    const first = placeAndHold(await shopperWithCart(3));
    const secondShopper = await shopperWithCart(3);
    const second = placeAndHold(secondShopper);
    // Both read 3 available before either committed, so both got as far as claiming.
    await Promise.all([first.isPlaced, second.isPlaced]);
    first.commit();
    await first.done;
    second.commit();
    const error = await second.done.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe("CONFLICT");
    expect((error as DomainError).message).toMatch(
      /just sold out at this location\. Remove it to continue\.$/,
    );
    expect((error as DomainError).details).toEqual({ variantId: edible().id, available: 0 });
    const [row] = await handle.db.select().from(inventoryLevels).where(stockRow());
    expect(row!.reserved).toBe(3);
    expect(
      await handle.db.select().from(orders).where(eq(orders.customerId, secondShopper.customerId)),
    ).toEqual([]);
    expect(await handle.db.select().from(stockClaims)).toEqual([]);
  });

  it("says how many are left when some are", async () => {
    await handle.db.update(inventoryLevels).set({ onHand: 4, reserved: 0 }).where(stockRow());
    const first = placeAndHold(await shopperWithCart(3));
    const second = placeAndHold(await shopperWithCart(2));
    await Promise.all([first.isPlaced, second.isPlaced]);
    first.commit();
    await first.done;
    second.commit();
    const error = (await second.done.then(
      () => null,
      (e: unknown) => e,
    )) as DomainError;
    expect(error.message).toMatch(/^Only 1 of .+ left at this location\. Lower the quantity to continue\.$/);
  });
});
