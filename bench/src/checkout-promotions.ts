/**
 * Checkout with three live promotions and a points redemption against checkout with neither, on PostgreSQL,
 * in the same run: the same carts (3.5 g flower, three pre-rolls, a vape) placed one after another by fresh
 * ID-verified shoppers, in alternating rounds so both sides see the same machine. The three deals are the
 * demo's happy hour on flower (made all-day here), the pre-roll bundle and the SUMMER5 coupon (entered on
 * every cart); the rest of the demo's promotions are paused. On that side every shopper is a loyalty member
 * with 600 points who picked the demo's "$5 off your order" reward (500 points) for the cart. Promotions are
 * switched the way the dashboard does it: the change, then the menu cache's `promotions` tag made new.
 * After a warm-up that is not recorded, the sides take turns order by order (the side going first
 * alternating), each side's menu cache refilled after the switch as a storefront visit would, and the setup's
 * garbage collected before each timed checkout. Prints p50/p95/p99 per side, the median of the rounds' ratios
 * (each round compares orders placed moments apart, so load from other processes on a shared machine falls on
 * both) with its quartiles, the pooled ratios, the statements per checkout and the load average.
 * `pnpm --filter @cannasaas/bench bench:promotions`; BENCH_DATABASE_URL names the server (default the local
 * PostgreSQL), BENCH_ORDERS the orders per side (default 300), BENCH_ROUND the orders per side in a round
 * (default 1); BENCH_SHOW_QUERIES=1 prints one checkout's statements per side; BENCH_PROFILE=1 prints, per
 * statement, the median time to the next one on each side, and the server's execution time per checkout.
 */
import { loadavg } from "node:os";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { eq, inArray, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import {
  addCartItem,
  appendLedgerEntry,
  applyCouponToCart,
  chooseCartReward,
  availableSlots,
  getOrCreateCart,
  invalidateMenu,
  listMenuProducts,
  livePromotions,
  placeOrder,
  resolveTenant,
  setCartFulfillment,
  systemClock,
  type Tenant,
} from "@cannasaas/core";
import { createDatabase, type Database } from "@cannasaas/db/client";
import { migrateDatabase } from "@cannasaas/db/migrate";
import * as schema from "@cannasaas/db/schema";
import {
  customers,
  identityDocuments,
  inventoryLevels,
  locations,
  loyaltyRewards,
  promotions,
  users,
} from "@cannasaas/db/schema";
import { seedDemo } from "@cannasaas/db/seed";
import { createMemoryKv } from "@cannasaas/integrations/kv";
import { percentile } from "./stats";

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const ORDERS = Number(process.env.BENCH_ORDERS ?? 300);
/**
 * Orders per side in a round. One by default: each round is a pair of orders placed moments apart (the side
 * going first alternating), so load from other processes falls on both sides alike.
 */
const ROUND = Number(process.env.BENCH_ROUND ?? 1);
const ROUNDS = Math.max(2, Math.ceil(ORDERS / ROUND));
const WARMUP = 10;
const PROFILE = !!process.env.BENCH_PROFILE;
setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;
const LIVE = ["Happy hour: 20% off flower", "Pre-roll mix & match: any 3 for $30", "Summer $5 off"];

async function firstInStock(db: Database, tenant: Tenant, locationId: string, category: string) {
  const page = await listMenuProducts(db, tenant.id, {
    page: 1,
    pageSize: 50,
    categorySlug: category,
    locationId,
    menu: "adult_use",
  });
  const product = page.products.find((p) => p.variants.some((v) => v.available > 0))!;
  return product.variants.find((v) => v.available > 0)!.id;
}

/** Makes each shopper a loyalty member holding `points`, as a staff adjustment would. */
async function withPoints(db: Database, tenant: Tenant, customerIds: string[], points: number) {
  await db.update(customers).set({ loyaltyMember: true }).where(inArray(customers.id, customerIds));
  for (const customerId of customerIds) {
    await db.transaction((tx) =>
      appendLedgerEntry(tx, {
        organizationId: tenant.id,
        customerId,
        kind: "adjust",
        source: "staff",
        points,
        reason: "bench",
      }),
    );
  }
}

async function shoppers(db: Database, tenant: Tenant, count: number, tag: string) {
  const people = await db
    .insert(users)
    .values(
      Array.from({ length: count }, (_, i) => ({
        email: `promo-${tag}-${i}@bench.test`,
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
  return buyers.map((b) => b.id);
}

/**
 * Where the deal side's extra time goes: per statement of checkout (same order on both sides), the median
 * time from it to the next statement (its round trip and the work before the next one), side by side. The
 * last row is the commit's round trip.
 */
function printProfile(gaps: Record<"with" | "without", number[][]>, sample: Record<string, string[]>) {
  const at = (side: "with" | "without", i: number) =>
    percentile(
      gaps[side].map((g) => g[i] ?? Number.NaN).filter((x) => !Number.isNaN(x)),
      50,
    );
  const steps = Math.max(...gaps.with.map((g) => g.length), ...gaps.without.map((g) => g.length));
  console.log(
    `\n${"step".padEnd(6)}${"without".padStart(9)}${"with".padStart(9)}${"diff".padStart(8)}  statement (with)`,
  );
  let total = 0;
  for (let i = 0; i < steps; i++) {
    const diff = at("with", i) - at("without", i);
    total += diff;
    const what = i === 0 ? "(up to the first statement)" : (sample.with?.[i - 1]?.slice(0, 70) ?? "");
    console.log(
      `${String(i).padEnd(6)}${at("without", i).toFixed(2).padStart(9)}${at("with", i).toFixed(2).padStart(9)}${diff.toFixed(2).padStart(8)}  ${what}`,
    );
  }
  console.log(`sum of median differences: ${total.toFixed(2)} ms`);
}

async function main() {
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe("drop database if exists cannasaas_bench_promotions with (force)");
  await admin.unsafe("create database cannasaas_bench_promotions");
  const url = new URL(ADMIN_URL);
  url.pathname = "/cannasaas_bench_promotions";
  const handle = await createDatabase({ url: url.toString(), maxConnections: 5 });
  await migrateDatabase(handle);
  const db = handle.db;
  await seedDemo(db, { hashPassword: async () => "bench" });
  // Checkout runs on its own pool, whose driver reports every statement it sends (begin and commit included),
  // so each side's statements per order print too.
  let statements = 0;
  const sample: Record<string, string[]> = {};
  let recording: string[] | null = null;
  let onStatement = () => {};
  let executed: number | null = null;
  const checkoutClient = postgres(url.toString(), {
    max: 5,
    // With BENCH_PROFILE, the server reports each statement's execution time (auto_explain, loaded for these
    // sessions only; needs a superuser, as the local default is), a figure CPU contention moves little.
    onnotice: (notice) => {
      const ms = /^duration: ([\d.]+) ms/.exec(String(notice.message))?.[1];
      if (ms && executed !== null) executed += Number(ms);
    },
    ...(PROFILE && {
      connection: {
        session_preload_libraries: "auto_explain",
        "auto_explain.log_min_duration": "0",
        "auto_explain.log_level": "notice",
      },
    }),
    debug: (_connection, query) => {
      statements++;
      onStatement();
      recording?.push(query.replace(/\s+/g, " ").trim().slice(0, 160));
    },
  });
  const checkoutDb = drizzle(checkoutClient, { schema, casing: "snake_case" }) as unknown as Database;
  const deps = { db: checkoutDb, kv: createMemoryKv(), clock: systemClock };
  const tenant = (await resolveTenant(deps, "greenleaf"))!;
  const [location] = await db
    .select()
    .from(locations)
    .where(eq(locations.organizationId, tenant.id))
    .limit(1);
  await db
    .update(inventoryLevels)
    .set({ onHand: 100_000, reserved: 0 })
    .where(eq(inventoryLevels.organizationId, tenant.id));
  const flower = await firstInStock(db, tenant, location!.id, "flower");
  const preRoll = await firstInStock(db, tenant, location!.id, "pre-roll");
  const vape = await firstInStock(db, tenant, location!.id, "vape");
  // Exactly three live promotions: the happy hour all day, the bundle and the coupon; every other one paused.
  await db.update(promotions).set({ status: "paused" }).where(eq(promotions.organizationId, tenant.id));
  await db
    .update(promotions)
    .set({ status: "active", startMinute: null, endMinute: null })
    .where(sql`${promotions.organizationId} = ${tenant.id} and ${inArray(promotions.name, LIVE)}`);

  const [reward] = await db
    .select()
    .from(loyaltyRewards)
    .where(
      sql`${loyaltyRewards.organizationId} = ${tenant.id} and ${loyaltyRewards.name} = '$5 off your order'`,
    );

  type Side = "with" | "without";
  const times: Record<Side, number[]> = { with: [], without: [] };
  const queries: Record<Side, number> = { with: 0, without: 0 };
  // Per statement of each order, the time from it to the next (its round trip and the work before the next).
  const gaps: Record<Side, number[][]> = { with: [], without: [] };
  const serverMs: Record<Side, number[]> = { with: [], without: [] };
  const ratios: number[] = [];
  let discountCents = 0;
  let stamps: number[] | null = null;
  onStatement = () => stamps?.push(performance.now());

  /** Places `count` orders on one side; returns their latencies (ms). */
  async function runSide(side: Side, tag: string, count: number, record: boolean) {
    await db
      .update(promotions)
      .set({ status: side === "with" ? "active" : "paused" })
      .where(sql`${promotions.organizationId} = ${tenant.id} and ${inArray(promotions.name, LIVE)}`);
    await invalidateMenu(deps.kv, tenant.id, "promotions");
    // The menu cache refilled, as any storefront visit between the change and a checkout would.
    await livePromotions(deps, tenant.id, new Date());
    const buyers = await shoppers(db, tenant, count, tag);
    if (side === "with") await withPoints(db, tenant, buyers, 600);
    const latencies: number[] = [];
    for (const customerId of buyers) {
      const cart = await getOrCreateCart(db, tenant.id, { customerId });
      await addCartItem(db, tenant.id, cart.id, flower, 1);
      await addCartItem(db, tenant.id, cart.id, preRoll, 3);
      await addCartItem(db, tenant.id, cart.id, vape, 1);
      await setCartFulfillment(db, tenant.id, cart.id, { locationId: location!.id, fulfillment: "pickup" });
      if (side === "with") {
        await applyCouponToCart(db, {
          organizationId: tenant.id,
          storeName: tenant.name,
          cartId: cart.id,
          code: "SUMMER5",
          customerId,
          purchaser: "adult_use",
          locationId: location!.id,
          timeZone: location!.timeZone,
          now: new Date(),
        });
        await chooseCartReward(db, { organizationId: tenant.id, customerId }, reward!.id);
      }
      if (record && !sample[side]) recording = sample[side] = [];
      // The store's next pickup time, so the bench runs whether or not the store is open now.
      const slotStartsAt = availableSlots(location!, "pickup", new Date())[0]?.startsAt;
      // The garbage of the setup above (more on the deal side) is collected here, not inside the timed checkout.
      collectGarbage();
      const before = statements;
      stamps = [];
      executed = 0;
      const t0 = performance.now();
      const placed = await placeOrder(deps, tenant, {
        customerId,
        cartId: cart.id,
        purchaser: "adult_use",
        paymentMethod: "cash",
        slotStartsAt,
      });
      const t1 = performance.now();
      recording = null;
      latencies.push(t1 - t0);
      if (record) {
        queries[side] += statements - before;
        gaps[side].push([...stamps, t1].map((t, i, all) => (i ? t - all[i - 1]! : t - t0)));
        serverMs[side].push(executed);
        if (side === "with") discountCents += placed.order.discountCents;
      }
      stamps = null;
      executed = null;
    }
    return latencies;
  }

  // Warm-up (JIT, plan caches, connections), not recorded; then rounds that alternate which side goes first.
  for (const side of ["without", "with"] as const) await runSide(side, `warm-${side}`, WARMUP, false);
  const loadBefore = loadavg();
  for (let round = 0; round < ROUNDS; round++) {
    const order: Side[] = round % 2 === 0 ? ["without", "with"] : ["with", "without"];
    const got: Partial<Record<Side, number[]>> = {};
    for (const side of order) {
      got[side] = await runSide(side, `${side}-${round}`, ROUND, true);
      times[side].push(...got[side]);
    }
    ratios.push(percentile(got.with!, 50) / percentile(got.without!, 50));
  }
  const loadAfter = loadavg();

  const row = (name: string, xs: number[]) =>
    `${name.padEnd(34)}${String(xs.length).padStart(6)}${percentile(xs, 50).toFixed(1).padStart(10)}${percentile(xs, 95).toFixed(1).padStart(10)}${percentile(xs, 99).toFixed(1).padStart(10)}`;
  console.log(
    `\nCheckout (core placeOrder on PostgreSQL), sequential, same carts, ${ROUNDS} alternating rounds of ${ROUND} order(s) per side`,
  );
  console.log(
    `${"scenario".padEnd(34)}${"orders".padStart(6)}${"p50 ms".padStart(10)}${"p95 ms".padStart(10)}${"p99 ms".padStart(10)}`,
  );
  console.log(row("no live promotions (baseline)", times.without));
  console.log(row("3 live promotions + points reward", times.with));
  // Each round's two sides ran back to back, so its ratio compares like with like; the median of the rounds'
  // ratios is the figure least moved by load that comes and goes on a shared machine.
  console.log(
    `ratio with/without: median of ${ratios.length} rounds' p50 ratios ${percentile(ratios, 50).toFixed(2)}x ` +
      `(quartiles ${percentile(ratios, 25).toFixed(2)}x-${percentile(ratios, 75).toFixed(2)}x); pooled p50 ` +
      `${(percentile(times.with, 50) / percentile(times.without, 50)).toFixed(2)}x, pooled p95 ` +
      `${(percentile(times.with, 95) / percentile(times.without, 95)).toFixed(2)}x`,
  );
  console.log(
    `statements per checkout: ${(queries.without / times.without.length).toFixed(1)} without, ` +
      `${(queries.with / times.with.length).toFixed(1)} with; average discount per order with deals ` +
      `$${(discountCents / times.with.length / 100).toFixed(2)}`,
  );
  // The machine may be shared: its load says how far single figures can be trusted.
  const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(", ");
  console.log(`load average (1, 5, 15 min): ${load(loadBefore)} at the start, ${load(loadAfter)} at the end`);
  if (PROFILE) {
    printProfile(gaps, sample);
    console.log(
      `server execution per checkout (auto_explain, p50): ${percentile(serverMs.without, 50).toFixed(2)} ms without, ` +
        `${percentile(serverMs.with, 50).toFixed(2)} ms with`,
    );
  }
  if (process.env.BENCH_SHOW_QUERIES) {
    for (const [side, list] of Object.entries(sample)) console.log(`\n${side}:\n${list.join("\n")}`);
  }
  await checkoutClient.end({ timeout: 5 });
  await handle.close();
  await admin.unsafe("drop database if exists cannasaas_bench_promotions with (force)");
  await admin.end();
}

await main();
