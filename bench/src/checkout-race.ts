import { and, eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { preparing, readDbEnv, type Database } from "@cannasaas/db/client";
import * as schema from "@cannasaas/db/schema";
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
 * What one checkout sent to PostgreSQL: statements (BEGIN and COMMIT included) and round trips, counted as the
 * groups of statements sent on its connection in one turn of the event loop (postgres.js pipelines those).
 */
type Trace = { statements: number; roundTrips: number; sending: boolean };

/**
 * A pool of `connections` for the checkouts that counts each transaction's statements, from its BEGIN on a
 * connection to its COMMIT (a sale) or ROLLBACK (a refusal).
 */
function tracedDatabase(url: string, connections: number) {
  const open = new Map<number, Trace>();
  const done = { committed: [] as Trace[], rolledBack: [] as Trace[] };
  const client = postgres(url, {
    max: connections,
    onnotice: () => {},
    connection: { application_name: "cannasaas", "app.bypass_rls": "on" },
    debug: (connection, query, parameters) => {
      const text = query.trim().toLowerCase();
      if (text === "begin") open.set(connection, { statements: 0, roundTrips: 0, sending: false });
      const trace = open.get(connection);
      if (!trace) return;
      trace.statements++;
      // Drizzle sends its statements unprepared; postgres.js first describes one that has parameters (to
      // learn their types) and runs it after the answer: two round trips, and nothing is pipelined behind
      // it. Prepared ones (the default) run at once and pipeline with those sent in the same turn.
      if (parameters.length && !PREPARE) trace.roundTrips += 2;
      else if (!trace.sending) {
        trace.roundTrips++;
        trace.sending = true;
        setImmediate(() => (trace.sending = false));
      }
      if (text === "commit" || text === "rollback") {
        (text === "commit" ? done.committed : done.rolledBack).push(trace);
        open.delete(connection);
      }
    },
  });
  const db = drizzle(PREPARE ? preparing(client) : client, {
    schema,
    casing: "snake_case",
  }) as unknown as Database;
  return { db, done, client };
}

/** The checkouts' statements are prepared on their connections as the app's are (off with DATABASE_PREPARE=0). */
export const PREPARE = readDbEnv().DATABASE_PREPARE;

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.NaN);

/**
 * `shoppers` signed-up, ID-verified shoppers each check out one unit of the same product at once, with
 * `units` in stock: exactly `units` orders may succeed, every other one must be refused cleanly. The checkouts
 * run on their own pool of `connections` (to `url`, the database `db` reads), which counts their statements.
 */
export async function checkoutRace(
  db: Database,
  url: string,
  slug: string,
  shoppers: number,
  units: number,
  connections = 20,
) {
  const pool = tracedDatabase(url, connections);
  const deps = { db: pool.db, kv: createMemoryKv(), clock: systemClock };
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
  const soldAt: number[] = [];
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
        soldAt.push(performance.now());
      } catch (error) {
        if (error instanceof DomainError && error.code === "CONFLICT") {
          refusedSoldOut++;
        } else otherErrors++;
      } finally {
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await pool.client.end({ timeout: 5 });
  const [after] = await db.select().from(inventoryLevels).where(level);
  // Sales of one stock row commit one after another: the gap between two is how long each held the row (an
  // upper bound: it includes waking the next one up).
  const gaps = soldAt
    .sort((a, b) => a - b)
    .slice(1)
    .map((t, i) => t - soldAt[i]!);
  return {
    shoppers,
    units,
    sold,
    refusedSoldOut,
    otherErrors,
    reservedAfter: after!.reserved,
    seconds,
    /** Statements and round trips per checkout (BEGIN and COMMIT included), for a sale and for a refusal. */
    perSale: {
      statements: mean(pool.done.committed.map((t) => t.statements)),
      roundTrips: mean(pool.done.committed.map((t) => t.roundTrips)),
    },
    perRefusal: {
      statements: mean(pool.done.rolledBack.map((t) => t.statements)),
      roundTrips: mean(pool.done.rolledBack.map((t) => t.roundTrips)),
    },
    saleGapP50: percentile(gaps, 50),
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
  };
}
