import { and, eq } from "drizzle-orm";
import type { Database } from "@cannasaas/db/client";
import {
  customers,
  identityDocuments,
  inventoryLevels,
  locations,
  products,
  productVariants,
  users,
} from "@cannasaas/db/schema";
import {
  addCartItem,
  getOrCreateCart,
  placeOrder,
  resolveTenant,
  setCartFulfillment,
  systemClock,
  DomainError,
  availableSlots,
} from "@cannasaas/core";
import { createMemoryKv } from "@cannasaas/integrations/kv";
import { percentile } from "./stats";

/**
 * `shoppers` signed-up, ID-verified shoppers each check out one unit of the same product at once, with
 * `units` in stock: exactly `units` orders may succeed, every other one must be refused cleanly.
 */
export async function checkoutRace(db: Database, slug: string, shoppers: number, units: number) {
  const deps = { db, kv: createMemoryKv(), clock: systemClock };
  const tenant = (await resolveTenant(deps, slug))!;
  const [location] = await db
    .select()
    .from(locations)
    .where(eq(locations.organizationId, tenant.id))
    .limit(1);
  const [variant] = await db
    .select({ id: productVariants.id })
    .from(productVariants)
    .innerJoin(products, eq(products.id, productVariants.productId))
    .where(and(eq(productVariants.organizationId, tenant.id), eq(products.status, "active")))
    .limit(1);
  const level = and(eq(inventoryLevels.locationId, location!.id), eq(inventoryLevels.variantId, variant!.id));
  await db.update(inventoryLevels).set({ onHand: units, reserved: 0 }).where(level);

  const runId = Date.now().toString(36);
  const people = await db
    .insert(users)
    .values(
      Array.from({ length: shoppers }, (_, i) => ({
        email: `race-${runId}-${i}@bench.test`,
        dateOfBirth: "1990-01-01",
        emailVerified: new Date(),
      })),
    )
    .returning({ id: users.id });
  const buyers = await db
    .insert(customers)
    .values(people.map((u) => ({ organizationId: tenant.id, userId: u.id })))
    .returning({ id: customers.id });
  await db.insert(identityDocuments).values(
    buyers.map((c) => ({
      organizationId: tenant.id,
      customerId: c.id,
      kind: "government_id" as const,
      status: "approved" as const,
      reviewedAt: new Date(),
    })),
  );
  const carts: string[] = [];
  for (const buyer of buyers) {
    const cart = await getOrCreateCart(db, tenant.id, { customerId: buyer.id });
    await addCartItem(db, tenant.id, cart.id, variant!.id, 1);
    await setCartFulfillment(db, tenant.id, cart.id, { locationId: location!.id, fulfillment: "pickup" });
    carts.push(cart.id);
  }

  // The store's next pickup time, so the race runs whether or not the store is open now.
  const slotStartsAt = availableSlots(location!, "pickup", new Date())[0]?.startsAt;
  const latencies: number[] = [];
  let sold = 0;
  let refusedSoldOut = 0;
  let otherErrors = 0;
  const started = performance.now();
  await Promise.all(
    buyers.map(async (buyer, i) => {
      const t0 = performance.now();
      try {
        await placeOrder(deps, tenant, {
          customerId: buyer.id,
          cartId: carts[i]!,
          purchaser: "adult_use",
          paymentMethod: "cash",
          slotStartsAt,
        });
        sold++;
      } catch (error) {
        if (error instanceof DomainError && error.code === "CONFLICT") refusedSoldOut++;
        else otherErrors++;
      } finally {
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const [after] = await db.select().from(inventoryLevels).where(level);
  return {
    shoppers,
    units,
    sold,
    refusedSoldOut,
    otherErrors,
    reservedAfter: after!.reserved,
    seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
  };
}
