/**
 * Report speed at scale: generates BENCH_ORDERS (default 1,000,000) orders with two lines each for one tenant in
 * a scratch database (set-based, generate_series), derives the rollups, then times every report RUNS times and
 * prints p50/p95 per report next to a `select 1` baseline from the same connection pool and run. The goal is a
 * p95 under 300 ms. Needs PostgreSQL (BENCH_DATABASE_URL, default the local server).
 */
import postgres from "postgres";
import { sql } from "drizzle-orm";
import {
  churnRiskReport,
  cohortReport,
  funnelReport,
  moversReport,
  salesBreakdown,
  salesReport,
  BREAKDOWNS,
} from "@cannasaas/core";
import { createFixtureTenant } from "@cannasaas/core/testing";
import { createDatabase } from "@cannasaas/db/client";
import { migrateDatabase } from "@cannasaas/db/migrate";
import { rebuildSalesRollups } from "@cannasaas/db/rollups";
import { percentile } from "./stats";

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const ORDERS = Number(process.env.BENCH_ORDERS ?? 1_000_000);
const CUSTOMERS = Math.max(100, Math.round(ORDERS / 20));
const VARIANTS = 2000;
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const DB = "cannasaas_bench_reports";

const seconds = (t0: number) => ((performance.now() - t0) / 1000).toFixed(1);

async function main() {
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${DB} with (force)`);
  await admin.unsafe(`create database ${DB}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${DB}`;
  const handle = await createDatabase({ url: url.toString(), maxConnections: 4 });
  const db = handle.db;
  await migrateDatabase(handle);
  const t = await createFixtureTenant(db, { tag: "bench-reports", passwordHash: "x" });
  const org = t.org.id;
  const [loc1, loc2] = [t.locations[0]!.id, t.locations[1]!.id];
  const category = t.products[0]!.categoryId;

  let t0 = performance.now();
  await db.execute(sql`
    insert into products (organization_id, category_id, slug, name, status)
    select ${org}, ${category}, 'bench-' || g, 'Bench product ' || g, 'active' from generate_series(1, ${VARIANTS / 2}) g`);
  await db.execute(sql`
    insert into product_variants (organization_id, product_id, sku, name, price_cents, position)
    select ${org}, p.id, p.slug || '-' || v, v || ' g', 1500 + (hashtext(p.slug) & 4095), v
    from products p cross join generate_series(1, 2) v where p.organization_id = ${org} and p.slug like 'bench-%'`);
  await db.execute(sql`
    insert into customers (organization_id) select ${org} from generate_series(1, ${CUSTOMERS})`);
  console.log(`catalog and ${CUSTOMERS} customers: ${seconds(t0)} s`);

  t0 = performance.now();
  // Two years of orders; 88% completed, 8% cancelled, 4% refunded; two lines each.
  await db.execute(sql`
    create temporary table bench_ids as
    select row_number() over () as n, id from customers where organization_id = ${org}`);
  await db.execute(sql`
    create temporary table bench_variants as
    select row_number() over (order by sku) as n, id, price_cents from product_variants where organization_id = ${org}`);
  await db.execute(sql`
    insert into orders (organization_id, order_number, customer_id, location_id, status, fulfillment, purchaser_type,
      payment_method, payment_status, subtotal_cents, discount_cents, excise_cents, sales_tax_cents, total_cents,
      local_day, placed_at, completed_at, completed_by_user_id)
    select ${org}, g, c.id, case when g % 2 = 0 then ${loc1}::uuid else ${loc2}::uuid end,
      (case when g % 25 = 0 then 'refunded' when g % 12 = 0 then 'cancelled' else 'completed' end)::order_status,
      (case when g % 4 = 0 then 'delivery' else 'pickup' end)::fulfillment, 'adult_use', 'cash',
      'paid', 5000, case when g % 10 = 0 then 500 else 0 end, 750, 363, 5613,
      (p.at at time zone 'America/Los_Angeles')::date, p.at,
      case when g % 12 = 0 and g % 25 <> 0 then null else p.at + interval '40 minutes' end,
      case when g % 3 = 0 then ${t.staff.manager.id} else ${t.staff.budtender.id} end
    from generate_series(1, ${ORDERS}) g
    cross join lateral (select now() - (g::float / ${ORDERS}) * interval '730 days' as at) p
    join bench_ids c on c.n = 1 + (hashtext(g::text) & 2147483647) % ${CUSTOMERS}`);
  console.log(`${ORDERS} orders: ${seconds(t0)} s`);
  t0 = performance.now();
  await db.execute(sql`
    insert into order_items (organization_id, order_id, variant_id, product_name, variant_name, sku, category,
      quantity, unit_price_cents, subtotal_cents, total_cents)
    select ${org}, o.id, v.id, 'Bench', 'Bench', 'B', 'flower', 1 + (o.order_number % 2), v.price_cents,
      v.price_cents, v.price_cents
    from orders o cross join generate_series(0, 1) k
    join bench_variants v on v.n = 1 + (hashtext((o.order_number * 2 + k)::text) & 2147483647) % ${VARIANTS}
    where o.organization_id = ${org}`);
  console.log(`${ORDERS * 2} order lines: ${seconds(t0)} s`);
  t0 = performance.now();
  await rebuildSalesRollups(db, org);
  await db.execute(sql`analyze`);
  console.log(`rollups derived: ${seconds(t0)} s`);

  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "America/Los_Angeles" }).format(new Date());
  const back = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
  const month = { from: back(29), to: today };
  const year = { from: back(364), to: today };
  const reports: Array<[string, () => Promise<unknown>]> = [
    ["baseline: select 1", () => db.execute(sql`select 1`)],
    ["sales by day, 30 days (+ previous)", () => salesReport(db, org, { ...month, grain: "day" })],
    ["sales by week, 1 year (+ previous)", () => salesReport(db, org, { ...year, grain: "week" })],
    ["sales by month, 2 years", () => salesReport(db, org, { from: back(729), to: today, grain: "month" })],
    ...BREAKDOWNS.map(
      (by) =>
        [`by ${by}, 1 year`, () => salesBreakdown(db, org, { ...year, by })] as [
          string,
          () => Promise<unknown>,
        ],
    ),
    ["top and slow movers, 1 year", () => moversReport(db, org, year)],
    ["funnel, 1 year", () => funnelReport(db, org, year)],
    ["cohorts, 1 year", () => cohortReport(db, org, year)],
    ["churn risk", () => churnRiskReport(db, org, { asOf: new Date() })],
  ];
  console.log(`\n${RUNS} runs each, ${ORDERS} orders, ${CUSTOMERS} customers, ${VARIANTS} variants`);
  console.log("report".padEnd(40), "p50 ms".padStart(8), "p95 ms".padStart(8), "x baseline p95".padStart(16));
  let baseline = 0;
  for (const [name, run] of reports) {
    await run(); // warm the cache and the plan
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const s = performance.now();
      await run();
      times.push(performance.now() - s);
    }
    const p95 = percentile(times, 95);
    if (!baseline) baseline = p95;
    console.log(
      name.padEnd(40),
      percentile(times, 50).toFixed(1).padStart(8),
      p95.toFixed(1).padStart(8),
      (p95 / baseline).toFixed(0).padStart(16),
      p95 < 300 ? "" : "  over the 300 ms goal",
    );
  }
  await handle.close();
  await admin.unsafe(`drop database if exists ${DB} with (force)`);
  await admin.end();
}

await main();
