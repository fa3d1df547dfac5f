/**
 * `pnpm --filter @cannasaas/bench bench:import`: a 5,000-row catalog CSV imported into a fresh PostgreSQL
 * database, then imported again (every row an update), timing validation and the chunked apply separately.
 * Needs PostgreSQL (BENCH_DATABASE_URL, default the local server).
 */
import postgres from "postgres";
import {
  applyCatalogImportChunk,
  createCatalogImport,
  CSV_COLUMNS,
  type CatalogActor,
} from "@cannasaas/core";
import { createFixtureTenant, createTestKv } from "@cannasaas/core/testing";
import { createDatabase } from "@cannasaas/db/client";
import { migrateDatabase } from "@cannasaas/db/migrate";

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const ROWS = Number(process.env.BENCH_ROWS ?? 5000);

function sampleCsv(rows: number) {
  const lines = [CSV_COLUMNS.join(",")];
  for (let i = 0; i < rows; i++) {
    const product = Math.floor(i / 2);
    const cells: Record<string, string> = {
      sku: `BENCH-${i}`,
      product_name: `Bench Strain ${product}`,
      variant_name: i % 2 ? "7 g" : "3.5 g",
      category: "Flower",
      brand: `Brand ${product % 40}`,
      strain_type: "hybrid",
      thc_percent: "21.5",
      weight_mg: i % 2 ? "7000" : "3500",
      price: `${20 + (i % 30)}.${String(i % 100).padStart(2, "0")}`,
      description: `"Batch ${product}, grown indoors"`,
      effects: "relaxed;happy",
      status: "active",
    };
    lines.push(CSV_COLUMNS.map((c) => cells[c] ?? "").join(","));
  }
  return lines.join("\n");
}

async function main() {
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe("drop database if exists cannasaas_bench_import with (force)");
  await admin.unsafe("create database cannasaas_bench_import");
  const url = new URL(ADMIN_URL);
  url.pathname = "/cannasaas_bench_import";
  const handle = await createDatabase({ url: url.toString(), maxConnections: 5 });
  await migrateDatabase(handle);
  const kv = await createTestKv();
  const tenant = await createFixtureTenant(handle.db, { tag: "bench", passwordHash: "x" });
  const deps = { db: handle.db, kv: kv.kv, clock: () => new Date() };
  const actor: CatalogActor = {
    organizationId: tenant.org.id,
    userId: tenant.staff.owner.id,
    canWritePrices: true,
  };
  const csv = sampleCsv(ROWS);

  for (const pass of ["first import", "re-import"]) {
    const t0 = performance.now();
    const job = await createCatalogImport(deps, actor, { fileName: "bench.csv", csv });
    const t1 = performance.now();
    let current = job;
    let chunks = 0;
    while (current.status !== "completed") {
      current = await applyCatalogImportChunk(deps, actor, job.id);
      chunks++;
    }
    const t2 = performance.now();
    console.log(
      `${pass}: ${ROWS} rows, validate ${Math.round(t1 - t0)} ms, apply ${Math.round(t2 - t1)} ms in ${chunks} chunks ` +
        `(${current.productsCreated} products created, ${current.productsUpdated} updated, ${current.rowErrors.length} row errors)`,
    );
  }
  await kv.close();
  await handle.close();
  await admin.unsafe("drop database if exists cannasaas_bench_import with (force)");
  await admin.end();
}

await main();
