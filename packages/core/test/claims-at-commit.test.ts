import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import type { DatabaseHandle, Transaction } from "@cannasaas/db/client";
import {
  inventoryLevels,
  orders,
  promotionClaims,
  promotionRedemptions,
  promotions,
  stockClaims,
} from "@cannasaas/db/schema";
import { createTestDatabase } from "@cannasaas/db/testing";
import { createMemoryKv } from "@cannasaas/integrations/kv";
import {
  DomainError,
  invalidateMenu,
  placeOrderInTransaction,
  resolveTenant,
  type CoreDeps,
  type Tenant,
} from "../src";
import { committingClaims } from "../src/checkout/commit-claims";
import { createFixtureTenant, limitedDeal, shopperWithPickupCart, type FixtureTenant } from "../src/testing";

/**
 * Checkout claims its stock and its deals' redemptions, and the database takes them at COMMIT (migrations 0043
 * and 0044): no stock or promotion row is locked while the order's transaction is open, and a claim that can no
 * longer be met aborts that COMMIT. Needs two connections at once, so PostgreSQL (PGlite has one).
 */
const url = process.env.TEST_DATABASE_URL;

describe.skipIf(!url)("stock and deals taken at COMMIT (PostgreSQL)", () => {
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

  /**
   * Two orders both get as far as claiming before either commits; the first commits, then the second. Gives
   * the second's refusal (null if it went through) and its shopper.
   */
  async function secondOfTwo(firstQuantity: number, secondQuantity: number) {
    const first = placeAndHold(await shopperWithCart(firstQuantity));
    const secondShopper = await shopperWithCart(secondQuantity);
    const second = placeAndHold(secondShopper);
    await Promise.all([first.isPlaced, second.isPlaced]);
    first.commit();
    await first.done;
    second.commit();
    const error = await second.done.then(
      () => null,
      (e: unknown) => e,
    );
    return { error: error as DomainError | null, secondShopper };
  }

  /** Whether another connection can lock these rows right now (lock_timeout instead of waiting). */
  async function rowsAreFree(lock: (tx: Transaction) => Promise<unknown>) {
    try {
      await handle.db.transaction(async (tx) => {
        await tx.execute(sql`set local lock_timeout = '300ms'`);
        await lock(tx);
      });
      return true;
    } catch {
      return false;
    }
  }
  const stockRowIsFree = () =>
    rowsAreFree((tx) =>
      tx.select({ id: inventoryLevels.id }).from(inventoryLevels).where(stockRow()).for("update"),
    );

  async function endDeal(id: string) {
    await handle.db.update(promotions).set({ status: "ended" }).where(eq(promotions.id, id));
    await invalidateMenu(deps.kv, shop.org.id, "promotions");
  }
  const redemptionsOf = async (id: string) =>
    (await handle.db.select().from(promotions).where(eq(promotions.id, id)))[0]!.redemptionCount;

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
    // Both read 3 available before either committed, so both got as far as claiming.
    const { error, secondShopper } = await secondOfTwo(3, 3);
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
    const { error } = await secondOfTwo(3, 2);
    expect(error?.message).toMatch(/^Only 1 of .+ left at this location\. Lower the quantity to continue\.$/);
  });

  it("holds no lock on a deal's row until the COMMIT, then counts its redemption", async () => {
    await handle.db.update(inventoryLevels).set({ onHand: 20, reserved: 0 }).where(stockRow());
    const deal = await limitedDeal(deps, shop.org, { variantId: edible().id, totalLimit: 10 });
    const order = placeAndHold(await shopperWithCart(1));
    await order.isPlaced;
    const dealRow = eq(promotions.id, deal.id);
    // As another checkout's COMMIT takes it (raising the counter); the redemption rows' foreign key holds only
    // a key-share lock, which that does not wait for.
    expect(await rowsAreFree((tx) => tx.select().from(promotions).where(dealRow).for("no key update"))).toBe(
      true,
    );
    expect(await redemptionsOf(deal.id)).toBe(0);
    order.commit();
    const placed = await order.done;
    expect(placed.order.discountCents).toBe(100);
    expect(await redemptionsOf(deal.id)).toBe(1);
    const rows = await handle.db
      .select()
      .from(promotionRedemptions)
      .where(eq(promotionRedemptions.orderId, placed.order.id));
    expect(rows.map((r) => r.promotionId)).toEqual([deal.id]);
    expect(await handle.db.select().from(promotionClaims)).toEqual([]);
    await endDeal(deal.id);
  });

  it("aborts the COMMIT of an order whose deal was used up meanwhile, leaving none of it behind", async () => {
    await handle.db.update(inventoryLevels).set({ onHand: 20, reserved: 0 }).where(stockRow());
    const deal = await limitedDeal(deps, shop.org, { variantId: edible().id, totalLimit: 1 });
    // Both were priced with the deal's one redemption left before either committed.
    const { error, secondShopper } = await secondOfTwo(1, 1);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe("CONFLICT");
    expect((error as DomainError).message).toBe(
      `${deal.name} has just run out. Your cart now shows the price without it; review it and order again.`,
    );
    expect((error as DomainError).details).toEqual({ promotionId: deal.id });
    expect(await redemptionsOf(deal.id)).toBe(1);
    expect(
      await handle.db.select().from(orders).where(eq(orders.customerId, secondShopper.customerId)),
    ).toEqual([]);
    // The second order's stock claim was never reserved: the COMMIT stopped at the deal.
    const [row] = await handle.db.select().from(inventoryLevels).where(stockRow());
    expect(row!.reserved).toBe(1);
    expect(await handle.db.select().from(promotionClaims)).toEqual([]);
    expect(await handle.db.select().from(stockClaims)).toEqual([]);
    await endDeal(deal.id);
  });
});
