/**
 * `pnpm bench`: the storefront menu and search at 5,000 products under 50 concurrent connections, beside a
 * static page from the same server, and a checkout race of 200 shoppers for 50 units. Needs PostgreSQL
 * (BENCH_DATABASE_URL, default the local server) and a production build (made if missing).
 */
import { loadavg } from "node:os";
import { and, eq } from "drizzle-orm";
import { hashPassword } from "@cannasaas/auth";
import { createDatabase, type Database } from "@cannasaas/db/client";
import { migrateDatabase } from "@cannasaas/db/migrate";
import { organizations, products } from "@cannasaas/db/schema";
import { seedDemo } from "@cannasaas/db/seed";
import { checkoutRace, PREPARE } from "./checkout-race";
import { freshness } from "./freshness";
import { growCatalog } from "./grow-catalog";
import { httpCheckout } from "./http-checkout";
import { getPage, load } from "./load";
import { freshDatabase, startServer } from "./server";
import { printTable } from "./stats";

const PORT = Number(process.env.BENCH_PORT ?? 3900);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const CONNECTIONS = 50;
// Several checkouts of the project may bench on one machine: each names its own database.
const DB_NAME = process.env.BENCH_DB_NAME ?? "cannasaas_bench";

/** Which parts run: BENCH_ONLY=menu,http-checkout,race (any of them; default all). */
const ALL_PARTS = ["menu", "http-checkout", "race"] as const;
type Part = (typeof ALL_PARTS)[number];
const PARTS = new Set<Part>(
  process.env.BENCH_SKIP_HTTP === "1"
    ? ["race"]
    : process.env.BENCH_ONLY
      ? (process.env.BENCH_ONLY.split(",").map((p) => p.trim()) as Part[]).filter((p) =>
          ALL_PARTS.includes(p),
        )
      : ALL_PARTS,
);

async function httpScenarios(databaseUrl: string, db: Database) {
  const server = await startServer(databaseUrl, PORT);
  try {
    if (PARTS.has("menu")) await menuScenarios(db);
    if (PARTS.has("http-checkout")) await checkoutScenario(db);
  } finally {
    server.stop();
  }
}

/** Menu page 1 under a query parameter the menu ignores, new on every request: a page cache miss each time. */
function uncachedMenuPath() {
  let n = 0;
  return () => `/?visit=${++n}`;
}

async function menuScenarios(db: Database) {
  const storefront = `greenleaf.localhost:${PORT}`;
  const scenarios = [
    { name: "static landing page", host: `localhost:${PORT}`, path: "/" },
    { name: "menu page 1 (5k products)", host: storefront, path: "/" },
    { name: "menu search ?q=kush", host: storefront, path: "/?q=kush" },
    { name: "menu page 50, by price", host: storefront, path: "/?page=50&sort=price_asc" },
    { name: "product page", host: storefront, path: `/p/${await aProductSlug(db)}` },
    // Every request a query string the page cache has not seen: what each first view of a page costs.
    { name: "menu page 1, never cached", host: storefront, path: uncachedMenuPath() },
  ];
  const rows = [];
  for (const s of scenarios) {
    await load({ port: PORT, host: s.host, path: s.path, connections: 5, seconds: 3 }); // warm-up
    const result = await load({
      port: PORT,
      host: s.host,
      path: s.path,
      connections: CONNECTIONS,
      seconds: SECONDS,
    });
    rows.push({ name: s.name, ...result });
  }
  printTable(`HTTP, ${CONNECTIONS} connections, ${SECONDS} s each (pnpm start, PostgreSQL)`, rows, rows[0]);
  console.log("goal: p95 under 50 ms and req/s at least 50% of the static page's");

  const html = (await getPage(PORT, storefront, "/")).body;
  console.log(
    `\nMenu page 1 HTML: ${(Buffer.byteLength(html) / 1024).toFixed(1)} KB for 24 products (goal: under 100 KB)`,
  );

  const fresh = await freshness(db, "greenleaf", PORT, storefront);
  console.log(
    `Freshness: a stock change showed on the cached menu after ${fresh.stockMs.toFixed(0)} ms ` +
      `(polled every ${fresh.pollMs} ms; goal: under 1,000 ms)`,
  );
}

async function checkoutScenario(db: Database) {
  const checkout = await httpCheckout(db, "greenleaf", PORT, 50, 3);
  console.log("\nHTTP checkout (POST /api/v1/orders, 50 shoppers at once on different products, 3 rounds)");
  console.log(
    `orders ${checkout.orders}: placed ${checkout.placed}, failed ${checkout.failed}; latency p50 ` +
      `${checkout.p50.toFixed(1)} ms, p95 ${checkout.p95.toFixed(1)} ms, p99 ${checkout.p99.toFixed(1)} ms ` +
      "(goal: p95 under 150 ms)",
  );
  for (const f of checkout.failures) console.log(`  ${f.count} x ${f.status} ${f.message}`);
}

async function aProductSlug(db: Database) {
  const [row] = await db
    .select({ slug: products.slug })
    .from(products)
    .innerJoin(organizations, eq(organizations.id, products.organizationId))
    .where(and(eq(organizations.slug, "greenleaf"), eq(products.status, "active")))
    .orderBy(products.slug)
    .limit(1);
  return row!.slug;
}

async function main() {
  const url = await freshDatabase(DB_NAME);
  const handle = await createDatabase({ url, maxConnections: 20 });
  await migrateDatabase(handle);
  await seedDemo(handle.db, { hashPassword });
  const products = await growCatalog(handle.db, "greenleaf", 5_000);
  console.log(`Seeded; greenleaf has ${products} active products.`);
  // The machine may be shared: its load says how far the figures can be trusted.
  console.log(`load average (1, 5, 15 min) at the start: ${loadAverage()}`);
  console.log(`statements prepared on their connections (DATABASE_PREPARE): ${PREPARE ? "yes" : "no"}`);
  // BENCH_SKIP_HTTP=1 (or BENCH_ONLY=race) runs only the checkout race (no build or server needed).
  if (PARTS.has("menu") || PARTS.has("http-checkout")) await httpScenarios(url, handle.db);
  if (PARTS.has("race")) await raceScenario(handle.db, url);
  console.log(`load average (1, 5, 15 min) at the end: ${loadAverage()}`);
  await handle.close();
}

const loadAverage = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(", ");

async function raceScenario(db: Database, url: string) {
  const race = await checkoutRace(db, url, "greenleaf", 200, 50);
  console.log("\nCheckout race (core placeOrder on PostgreSQL, 20 connections)");
  console.log(
    `shoppers ${race.shoppers}, units ${race.units}: sold ${race.sold}, refused as sold out ${race.refusedSoldOut}, ` +
      `other errors ${race.otherErrors}, reserved after ${race.reservedAfter}`,
  );
  console.log(
    `latency p50 ${race.p50.toFixed(1)} ms, p95 ${race.p95.toFixed(1)} ms, p99 ${race.p99.toFixed(1)} ms; ` +
      `all ${race.shoppers} in ${race.seconds.toFixed(2)} s (goal: p95 under 500 ms)`,
  );
  console.log(
    `per checkout (BEGIN and COMMIT included): a sale ${race.perSale.statements.toFixed(1)} statements in ` +
      `${race.perSale.roundTrips.toFixed(1)} round trips, a refusal ${race.perRefusal.statements.toFixed(1)} in ` +
      `${race.perRefusal.roundTrips.toFixed(1)}; one sale every ${race.saleGapP50.toFixed(1)} ms ` +
      "(p50; how long each sale held the stock row, at most)",
  );
  if (race.sold !== race.units || race.reservedAfter !== race.units) {
    console.error("OVERSOLD OR UNDERSOLD: the race must sell exactly the units in stock.");
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
