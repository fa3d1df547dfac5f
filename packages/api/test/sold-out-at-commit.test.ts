/**
 * The stock a checkout claims is reserved as its transaction commits (see migration 0043). When another sale
 * takes the last units between the checkout's stock check and its COMMIT, the COMMIT is aborted; the shopper
 * must get the same "just sold out" refusal as ever, through tRPC (409 CONFLICT) and through REST (409), and
 * nothing of the order may remain.
 *
 * To make that happen at a known moment, a third transaction locks the stock row. The checkout reads the stock
 * without a lock, so it gets as far as its COMMIT and waits there; the holder then sells the units and commits.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import type { DatabaseHandle } from "@cannasaas/db/client";
import { inventoryLevels, orders, stockClaims } from "@cannasaas/db/schema";
import { createTestDatabase } from "@cannasaas/db/testing";
import { createApiKey, type CoreDeps } from "@cannasaas/core";
import { createFixtureTenant, createTestKv, type FixtureTenant } from "@cannasaas/core/testing";
import { createDevMailboxTransport } from "@cannasaas/integrations/mail";
import type { AuthDeps } from "@cannasaas/auth";
import { createCaller, createTrpcContext } from "../src";
import { handleApiRequest } from "../src/rest";
import { trpcError } from "./helpers";

const url = process.env.TEST_DATABASE_URL;
const HOST = "lastunits.localhost:3000";

describe.skipIf(!url)("an order whose stock sells out before its COMMIT (PostgreSQL)", () => {
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
    let outcome!: Promise<T>;
    await handle.db.transaction(async (holder) => {
      await holder.select().from(inventoryLevels).where(stockRow()).for("update");
      outcome = checkout();
      outcome.catch(() => {});
      await waitForALockWaiter();
      await holder
        .update(inventoryLevels)
        .set({ reserved: sql`${inventoryLevels.onHand}` })
        .where(stockRow());
    });
    return outcome;
  }

  /** Until some backend of this database waits on a row lock (the checkout's COMMIT, at the stock row). */
  async function waitForALockWaiter() {
    for (let i = 0; i < 200; i++) {
      const rows = await handle.db.execute(
        sql`select 1 from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
      );
      if ((rows as unknown as unknown[]).length) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error("the checkout never waited for the stock row");
  }

  async function ordersOfShopper() {
    return handle.db.select().from(orders).where(eq(orders.customerId, shop.shopper.customerId));
  }

  it("refuses the storefront checkout with 409 and the sold-out message, and keeps nothing of it", async () => {
    const ctx = await createTrpcContext({
      deps,
      headers: new Headers({ host: HOST, "x-forwarded-for": "192.0.2.9" }),
      clientAddressSettings: { trustedProxyHops: 1, clientIpHeader: null },
      rootDomain: "localhost:3000",
      user: { id: shop.shopper.userId, email: shop.shopper.email },
      activeOrganizationId: null,
      deliverOutbox: () => {},
      cartToken: null,
    });
    const api = createCaller(ctx);
    await api.cart.add({ variantId: shop.variants[2]!.id, quantity: 2 });
    await api.cart.setFulfillment({
      locationId: shop.locations[0]!.id,
      fulfillment: "pickup",
      address: null,
    });
    const { slots } = await api.checkout.slots();
    const before = (await ordersOfShopper()).length;

    const error = await trpcError(
      sellOutDuring(() =>
        api.checkout.place({
          purchaser: "adult_use",
          paymentMethod: "cash",
          slotStartsAt: slots[0]!.startsAt,
        }),
      ),
    );
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toMatch(/just sold out at this location\. Remove it to continue\.$/);
    expect((await ordersOfShopper()).length).toBe(before);
    expect(await handle.db.select().from(stockClaims)).toEqual([]);
    // The cart is still there to change, as it was before the attempt.
    expect((await api.cart.get()).lines.map((l) => l.variantId)).toEqual([shop.variants[2]!.id]);
  });

  it("refuses the API order with 409 and the sold-out message, and keeps nothing of it", async () => {
    const key = (
      await createApiKey(deps, shop.org.id, { name: "orders", scopes: ["orders:write"], createdBy: null })
    ).secret;
    const before = (await ordersOfShopper()).length;
    const response = await sellOutDuring(() =>
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
      ),
    );
    expect(response.status).toBe(409);
    const body = (await response.json()) as { error: { message: string } };
    expect(body.error.message).toMatch(/just sold out at this location\. Remove it to continue\.$/);
    expect((await ordersOfShopper()).length).toBe(before);
  });
});
