/**
 * `pnpm bench`: the storefront menu and search at 5,000 products under 50 concurrent connections, beside a
 * static page from the same server, and a checkout race of 200 shoppers for 50 units. Needs PostgreSQL
 * (BENCH_DATABASE_URL, default the local server) and a production build (made if missing).
 */
import { execFileSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { hashPassword } from "@cannasaas/auth";
import { createDatabase } from "@cannasaas/db/client";
import { migrateDatabase } from "@cannasaas/db/migrate";
import { seedDemo } from "@cannasaas/db/seed";
import { checkoutRace } from "./checkout-race";
import { growCatalog } from "./grow-catalog";
import { load } from "./load";
import { printTable } from "./stats";

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const PORT = Number(process.env.BENCH_PORT ?? 3900);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const CONNECTIONS = 50;
const web = path.resolve(import.meta.dirname, "../../apps/web");

async function freshDatabase() {
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe("drop database if exists cannasaas_bench with (force)");
  await admin.unsafe("create database cannasaas_bench");
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = "/cannasaas_bench";
  return url.toString();
}

async function waitFor(url: string) {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not come up`);
}

async function httpScenarios(databaseUrl: string) {
  const env = {
    ...process.env,
    NODE_ENV: "production",
    CANNASAAS_LOCAL: "1",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: databaseUrl,
    ROOT_DOMAIN: `localhost:${PORT}`,
    AUTH_SECRET: "bench-secret-bench-secret-bench-secret",
    LOG_LEVEL: "warn",
  };
  const bin = (name: string) => path.join(web, "node_modules", ".bin", name);
  if (!existsSync(path.join(web, ".next", "BUILD_ID"))) {
    execFileSync(bin("next"), ["build", "--turbopack"], { cwd: web, env, stdio: "inherit" });
  }
  const server = spawn(bin("next"), ["start", "-p", String(PORT)], { cwd: web, env, stdio: "ignore" });
  try {
    await waitFor(`http://127.0.0.1:${PORT}/api/health/ready`);
    const storefront = `greenleaf.localhost:${PORT}`;
    const scenarios = [
      { name: "static landing page", host: `localhost:${PORT}`, path: "/" },
      { name: "menu page 1 (5k products)", host: storefront, path: "/" },
      { name: "menu search ?q=kush", host: storefront, path: "/?q=kush" },
      { name: "menu page 50, by price", host: storefront, path: "/?page=50&sort=price_asc" },
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
    printTable(`HTTP, ${CONNECTIONS} connections, ${SECONDS} s each (next start, PostgreSQL)`, rows, rows[0]);
  } finally {
    server.kill("SIGTERM");
  }
}

async function main() {
  const url = await freshDatabase();
  const handle = await createDatabase({ url, maxConnections: 20 });
  await migrateDatabase(handle);
  await seedDemo(handle.db, { hashPassword });
  const products = await growCatalog(handle.db, "greenleaf", 5_000);
  console.log(`Seeded; greenleaf has ${products} active products.`);
  // BENCH_SKIP_HTTP=1 runs only the checkout race (no build or server needed).
  if (process.env.BENCH_SKIP_HTTP !== "1") await httpScenarios(url);

  const race = await checkoutRace(handle.db, "greenleaf", 200, 50);
  console.log("\nCheckout race (core placeOrder on PostgreSQL, 20 connections)");
  console.log(
    `shoppers ${race.shoppers}, units ${race.units}: sold ${race.sold}, refused as sold out ${race.refusedSoldOut}, ` +
      `other errors ${race.otherErrors}, reserved after ${race.reservedAfter}`,
  );
  console.log(
    `latency p50 ${race.p50.toFixed(1)} ms, p95 ${race.p95.toFixed(1)} ms, p99 ${race.p99.toFixed(1)} ms; ` +
      `all ${race.shoppers} in ${race.seconds.toFixed(2)} s`,
  );
  await handle.close();
  if (race.sold !== race.units || race.reservedAfter !== race.units) {
    console.error("OVERSOLD OR UNDERSOLD: the race must sell exactly the units in stock.");
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
