/**
 * The stock a checkout claims is reserved, and the deals it used are taken, as its transaction commits (see
 * migrations 0043 and 0044). When another sale takes the last units, or the last redemption of a deal, between
 * the checkout's check and its COMMIT, the COMMIT is aborted; the shopper must get the same refusal as ever
 * ("just sold out", "has just run out"), through tRPC (409 CONFLICT) and through REST (409), and nothing of the
 * order may remain.
 *
 * To make that happen at a known moment, a third transaction locks the stock (or the deal's) row. The checkout
 * reads it without a lock, so it gets as far as its COMMIT and waits there; the holder then uses it up and
 * commits.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import type { DatabaseHandle, Transaction } from "@cannasaas/db/client";
import { inventoryLevels, orders, promotionClaims, promotions, stockClaims } from "@cannasaas/db/schema";
import { createTestDatabase } from "@cannasaas/db/testing";
import { createApiKey, invalidateMenu, type CoreDeps } from "@cannasaas/core";
import { createFixtureTenant, createTestKv, limitedDeal, type FixtureTenant } from "@cannasaas/core/testing";
import { createDevMailboxTransport } from "@cannasaas/integrations/mail";
import type { AuthDeps } from "@cannasaas/auth";
import { handleApiRequest } from "../src/rest";
import { shopperCaller, trpcError } from "./helpers";

const url = process.env.TEST_DATABASE_URL;

describe.skipIf(!url)("an order whose stock or deal runs out before its COMMIT (PostgreSQL)", () => {
  let handle: DatabaseHandle;
  let kvHandle: Awaited<ReturnType<typeof createTestKv>>;
  let deps: AuthDeps & CoreDeps;
  let shop: FixtureTenant;

  beforeAll(async () => {
    handle = await createTestDatabase();
    kvHandle = await createTestKv();
    deps = { db: handle.db, kv: kvHandle.kv, clock: () => new Date(), mail: createDevMailboxTransport() };
    shop = await createFixtureTenant(handle.db, { tag: "lastunits", passwordHash: "x" });
  });
  afterAll(async () => {
    await kvHandle?.close();
    await handle?.close();
  });

  const stockRow = () =>
    and(
      eq(inventoryLevels.variantId, shop.variants[2]!.id),
      eq(inventoryLevels.locationId, shop.locations[0]!.id),
    );

  /**
   * Runs `checkout` while another transaction holds the stock row; once the checkout waits for that lock (at
   * its COMMIT), the holder reserves every unit left and commits. Resolves to the checkout's outcome.
   */
  async function sellOutDuring<T>(checkout: () => Promise<T>): Promise<T> {
    await handle.db.update(inventoryLevels).set({ onHand: 3, reserved: 0 }).where(stockRow());
    return usedUpDuring(checkout, async (holder) => {
      await holder.select().from(inventoryLevels).where(stockRow()).for("update");
      return () =>
        holder
          .update(inventoryLevels)
          .set({ reserved: sql`${inventoryLevels.onHand}` })
          .where(stockRow());
    });
  }

  /** The same for a deal with redemptions left: the holder takes the last of them while the checkout waits. */
  async function dealRunsOutDuring<T>(promotionId: string, checkout: () => Promise<T>): Promise<T> {
    const row = eq(promotions.id, promotionId);
    return usedUpDuring(checkout, async (holder) => {
      await holder.select().from(promotions).where(row).for("update");
      return () =>
        holder
          .update(promotions)
          .set({ redemptionCount: sql`${promotions.totalLimit}` })
          .where(row);
    });
  }

  async function usedUpDuring<T>(
    checkout: () => Promise<T>,
    hold: (holder: Transaction) => Promise<() => Promise<unknown>>,
  ): Promise<T> {
    let outcome!: Promise<T>;
    await handle.db.transaction(async (holder) => {
      const useUp = await hold(holder);
      outcome = checkout();
      outcome.catch(() => {});
      await waitForALockWaiter();
      await useUp();
    });
    return outcome;
  }

  /** A deal on the edible with one of its 100 redemptions left. */
  const dealWithOneLeft = () =>
    limitedDeal(deps, shop.org, { variantId: shop.variants[2]!.id, totalLimit: 100, redeemed: 99 });

  async function endDeals() {
    await handle.db
      .update(promotions)
      .set({ status: "ended" })
      .where(eq(promotions.organizationId, shop.org.id));
    await invalidateMenu(deps.kv, shop.org.id, "promotions");
  }

  /** Until some backend of this database waits on a row lock (the checkout's COMMIT, at the held row). */
  async function waitForALockWaiter() {
    for (let i = 0; i < 200; i++) {
      const rows = await handle.db.execute(
        sql`select 1 from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
      );
      if ((rows as unknown as unknown[]).length) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error("the checkout never waited for the row");
  }

  async function ordersOfShopper() {
    return handle.db.select().from(orders).where(eq(orders.customerId, shop.shopper.customerId));
  }

  /** The shopper's storefront session with the edible in a pickup cart, and its checkout of the first slot. */
  async function storefrontCheckout() {
    const api = await shopperCaller(deps, shop);
    await api.cart.add({ variantId: shop.variants[2]!.id, quantity: 2 });
    await api.cart.setFulfillment({
      locationId: shop.locations[0]!.id,
      fulfillment: "pickup",
      address: null,
    });
    const { slots } = await api.checkout.slots();
    const place = () =>
      api.checkout.place({ purchaser: "adult_use", paymentMethod: "cash", slotStartsAt: slots[0]!.startsAt });
    return { api, place };
  }

  /** `POST /api/v1/orders` for one edible, as an integration with an orders key places it. */
  async function apiOrder() {
    const key = (
      await createApiKey(deps, shop.org.id, { name: "orders", scopes: ["orders:write"], createdBy: null })
    ).secret;
    return () =>
      handleApiRequest(
        deps,
        new Request("http://localhost:3000/api/v1/orders", {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
          body: JSON.stringify({
            customerId: shop.shopper.customerId,
            locationId: shop.locations[0]!.id,
            items: [{ variantId: shop.variants[2]!.id, quantity: 1 }],
          }),
        }),
      );
  }

  async function expectNothingKept(ordersBefore: number) {
    expect((await ordersOfShopper()).length).toBe(ordersBefore);
    expect(await handle.db.select().from(stockClaims)).toEqual([]);
    expect(await handle.db.select().from(promotionClaims)).toEqual([]);
  }

  const SOLD_OUT = /just sold out at this location\. Remove it to continue\.$/;
  const RUN_OUT =
    / has just run out\. Your cart now shows the price without it; review it and order again\.$/;

  it("refuses the storefront checkout with 409 and the sold-out message, and keeps nothing of it", async () => {
    const { api, place } = await storefrontCheckout();
    const before = (await ordersOfShopper()).length;
    const error = await trpcError(sellOutDuring(place));
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toMatch(SOLD_OUT);
    await expectNothingKept(before);
    // The cart is still there to change, as it was before the attempt.
    expect((await api.cart.get()).lines.map((l) => l.variantId)).toEqual([shop.variants[2]!.id]);
  });

  it("refuses the API order with 409 and the sold-out message, and keeps nothing of it", async () => {
    const order = await apiOrder();
    const before = (await ordersOfShopper()).length;
    const response = await sellOutDuring(order);
    expect(response.status).toBe(409);
    const body = (await response.json()) as { error: { message: string } };
    expect(body.error.message).toMatch(SOLD_OUT);
    await expectNothingKept(before);
  });

  it("refuses the storefront checkout with 409 when its deal's last redemption goes first", async () => {
    await handle.db.update(inventoryLevels).set({ onHand: 50, reserved: 0 }).where(stockRow());
    const deal = await dealWithOneLeft();
    const { place } = await storefrontCheckout();
    const before = (await ordersOfShopper()).length;
    const error = await trpcError(dealRunsOutDuring(deal.id, place));
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toBe(
      `${deal.name} has just run out. Your cart now shows the price without it; review it and order again.`,
    );
    await expectNothingKept(before);
    const [row] = await handle.db.select().from(promotions).where(eq(promotions.id, deal.id));
    expect(row!.redemptionCount).toBe(100);
    await endDeals();
  });

  it("refuses the API order with 409 when its deal's last redemption goes first", async () => {
    await handle.db.update(inventoryLevels).set({ onHand: 50, reserved: 0 }).where(stockRow());
    const deal = await dealWithOneLeft();
    const order = await apiOrder();
    const before = (await ordersOfShopper()).length;
    const response = await dealRunsOutDuring(deal.id, order);
    expect(response.status).toBe(409);
    const body = (await response.json()) as { error: { message: string } };
    expect(body.error.message).toMatch(RUN_OUT);
    await expectNothingKept(before);
    await endDeals();
  });
});
