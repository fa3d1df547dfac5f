/**
 * `pnpm --filter @cannasaas/bench soak`: 100 concurrent shoppers (SOAK_SHOPPERS) browse the menu (pages, searches, product
 * pages) and check out through the public API for SOAK_SECONDS (default 600) against the production build on
 * loopback, then print the request counts, errors (5xx or a dropped connection: the goal is 0) and the server's
 * resident memory over time (the goal: flat). Bounded in time and loopback only; not part of CI.
 */
import { readFileSync } from "node:fs";
import http from "node:http";
import { and, eq } from "drizzle-orm";
import { hashPassword } from "@cannasaas/auth";
import { createApiKey, systemClock } from "@cannasaas/core";
import { createDatabase } from "@cannasaas/db/client";
import { migrateDatabase } from "@cannasaas/db/migrate";
import {
  customers,
  identityDocuments,
  inventoryLevels,
  locations,
  organizations,
  products,
  productVariants,
  users,
} from "@cannasaas/db/schema";
import { seedDemo } from "@cannasaas/db/seed";
import { createMemoryKv } from "@cannasaas/integrations/kv";
import { growCatalog } from "./grow-catalog";
import { freshDatabase, startServer } from "./server";
import { percentile } from "./stats";

const PORT = Number(process.env.BENCH_PORT ?? 3900) + 2;
const DB_NAME = `${process.env.BENCH_DB_NAME ?? "cannasaas_bench"}_soak`;
const SECONDS = Number(process.env.SOAK_SECONDS ?? 600);
const SHOPPERS = Number(process.env.SOAK_SHOPPERS ?? 100);
/** Every shopper's order comes from a different customer, so daily purchase limits are never the story. */
const CUSTOMERS = 20_000;
const SEARCHES = ["kush", "blue", "gummies", "vape", "og", "haze", "cbd", "rosin"];

async function prepare() {
  const url = await freshDatabase(DB_NAME);
  const handle = await createDatabase({ url, maxConnections: 10 });
  await migrateDatabase(handle);
  await seedDemo(handle.db, { hashPassword });
  await growCatalog(handle.db, "greenleaf", 2_000);
  const db = handle.db;
  const [org] = await db.select().from(organizations).where(eq(organizations.slug, "greenleaf"));
  const [location] = await db.select().from(locations).where(eq(locations.organizationId, org!.id)).limit(1);
  await db
    .update(inventoryLevels)
    .set({ onHand: 1_000_000, reserved: 0 })
    .where(eq(inventoryLevels.organizationId, org!.id));
  const catalog = await db
    .select({ slug: products.slug, variantId: productVariants.id })
    .from(productVariants)
    .innerJoin(products, eq(products.id, productVariants.productId))
    .where(and(eq(products.organizationId, org!.id), eq(products.status, "active")));
  const buyers: string[] = [];
  for (let i = 0; i < CUSTOMERS; i += 1_000) {
    const people = await db
      .insert(users)
      .values(
        Array.from({ length: 1_000 }, (_, j) => ({
          email: `soak-${i + j}@bench.test`,
          dateOfBirth: "1990-01-01",
          emailVerified: new Date(),
        })),
      )
      .returning({ id: users.id });
    const rows = await db
      .insert(customers)
      .values(people.map((u) => ({ organizationId: org!.id, userId: u.id })))
      .returning({ id: customers.id });
    await db.insert(identityDocuments).values(
      rows.map((c) => ({
        organizationId: org!.id,
        customerId: c.id,
        kind: "government_id" as const,
        status: "approved" as const,
        reviewedAt: new Date(),
      })),
    );
    buyers.push(...rows.map((r) => r.id));
  }
  const { secret } = await createApiKey({ db, kv: createMemoryKv(), clock: systemClock }, org!.id, {
    name: "soak",
    scopes: ["orders:write"],
    rateLimit: 1_000_000,
    createdBy: null,
  });
  await handle.close();
  return { url, catalog, buyers, secret, locationId: location!.id };
}

const residentMb = (pid: number) => {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+) kB/);
  return line ? Number(line[1]) / 1024 : Number.NaN;
};

async function main() {
  const setup = await prepare();
  const server = await startServer(setup.url, PORT);
  const agent = new http.Agent({ keepAlive: true, maxSockets: SHOPPERS });
  const storefront = `greenleaf.localhost:${PORT}`;
  const counts = { pages: 0, orders: 0, refused: 0, errors: 0 };
  const latencies: number[] = [];
  const request = (path: string, host: string, body?: unknown) =>
    new Promise<number>((resolve) => {
      const started = performance.now();
      const req = http.request(
        {
          host: "127.0.0.1",
          port: PORT,
          path,
          agent,
          method: body ? "POST" : "GET",
          headers: body
            ? { host, authorization: `Bearer ${setup.secret}`, "content-type": "application/json" }
            : { host },
        },
        (res) => {
          res.resume();
          res.on("end", () => {
            latencies.push(performance.now() - started);
            resolve(res.statusCode ?? 0);
          });
        },
      );
      req.on("error", () => resolve(0));
      req.end(body ? JSON.stringify(body) : undefined);
    });
  const pick = <T>(list: readonly T[]) => list[Math.floor(Math.random() * list.length)]!;
  let nextBuyer = 0;
  const deadline = performance.now() + SECONDS * 1000;
  const shopper = async () => {
    while (performance.now() < deadline) {
      const browse = [
        `/?page=${1 + Math.floor(Math.random() * 20)}`,
        `/?q=${pick(SEARCHES)}`,
        `/p/${pick(setup.catalog).slug}`,
      ];
      for (const path of browse) {
        const status = await request(path, storefront);
        if (status === 200) counts.pages++;
        else counts.errors++;
      }
      const status = await request("/api/v1/orders", `localhost:${PORT}`, {
        customerId: setup.buyers[nextBuyer++ % setup.buyers.length],
        locationId: setup.locationId,
        items: [{ variantId: pick(setup.catalog).variantId, quantity: 1 }],
      });
      if (status === 201) counts.orders++;
      else if (status >= 400 && status < 500) counts.refused++;
      else counts.errors++;
    }
  };
  const samples: Array<{ second: number; mb: number }> = [];
  const started = performance.now();
  const sampler = setInterval(() => {
    samples.push({ second: (performance.now() - started) / 1000, mb: residentMb(server.pid) });
  }, 10_000);
  try {
    await Promise.all(Array.from({ length: SHOPPERS }, shopper));
  } finally {
    clearInterval(sampler);
    agent.destroy();
    server.stop();
  }
  const minutes = SECONDS / 60;
  console.log(
    `\nSoak: ${SHOPPERS} shoppers for ${minutes.toFixed(1)} min (pnpm start, PostgreSQL, loopback)`,
  );
  console.log(
    `pages ${counts.pages}, orders placed ${counts.orders}, refused by a rule ${counts.refused}, ` +
      `errors ${counts.errors} (goal: 0); latency p50 ${percentile(latencies, 50).toFixed(0)} ms, ` +
      `p95 ${percentile(latencies, 95).toFixed(0)} ms`,
  );
  const settled = samples.filter((s) => s.second >= SECONDS / 5);
  if (settled.length >= 2) {
    const first = settled[0]!;
    const last = settled.at(-1)!;
    const mbs = settled.map((s) => s.mb);
    console.log(
      `server memory (RSS) after warm-up: ${first.mb.toFixed(0)} MB at ${first.second.toFixed(0)} s, ` +
        `${last.mb.toFixed(0)} MB at ${last.second.toFixed(0)} s; min ${Math.min(...mbs).toFixed(0)} MB, ` +
        `max ${Math.max(...mbs).toFixed(0)} MB; drift ${(((last.mb - first.mb) / (last.second - first.second)) * 60).toFixed(1)} MB/min`,
    );
  }
  if (counts.errors > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
