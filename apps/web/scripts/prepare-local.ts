/**
 * Gets a laptop (or CI) ready to run the app: an AUTH_SECRET in apps/web/.env.local, the database migrated
 * (PGlite under .data/ unless DATABASE_URL is set) and the demo data seeded once.
 */
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { hashPassword } from "@cannasaas/auth";
import { createDatabase } from "@cannasaas/db/client";
import { migrateDatabase } from "@cannasaas/db/migrate";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, isSeeded, seedDemo } from "@cannasaas/db/seed";

const webDir = path.resolve(import.meta.dirname, "..");
const envFile = path.join(webDir, ".env.local");

function ensureAuthSecret() {
  if (process.env.AUTH_SECRET) return;
  const current = existsSync(envFile) ? readFileSync(envFile, "utf8") : "";
  if (/^AUTH_SECRET=.+/m.test(current)) return;
  const line = `AUTH_SECRET=${randomBytes(32).toString("base64url")}\n`;
  writeFileSync(envFile, `${current}${current && !current.endsWith("\n") ? "\n" : ""}${line}`);
  console.log(`Wrote a new AUTH_SECRET to ${path.relative(process.cwd(), envFile)}`);
}

async function main() {
  ensureAuthSecret();
  const handle = await createDatabase({ url: process.env.DATABASE_URL || undefined });
  try {
    await migrateDatabase(handle);
    console.log(`Database ready (${handle.kind === "pglite" ? "embedded PGlite in .data/" : "PostgreSQL"}).`);
    if (await isSeeded(handle.db)) {
      console.log("Demo data already present.");
    } else {
      const started = Date.now();
      const summary = await seedDemo(handle.db, { hashPassword });
      console.log(`Seeded demo data in ${((Date.now() - started) / 1000).toFixed(1)} s:`, summary);
    }
  } finally {
    await handle.close();
  }
  const root = process.env.ROOT_DOMAIN ?? "localhost:3000";
  const orgs = [...new Set(DEMO_ACCOUNTS.filter((a) => !a.note?.includes("not launched")).map((a) => a.org))];
  console.log(`\nStorefronts:\n${orgs.map((o) => `  http://${o}.${root}`).join("\n")}`);
  console.log(`Dashboard:   http://${root}/dashboard`);
  console.log(`Dev mailbox: http://${root}/dev/mailbox`);
  console.log(`\nDemo sign-ins (password "${DEMO_PASSWORD}"):`);
  for (const a of DEMO_ACCOUNTS) {
    console.log(`  ${a.org.padEnd(10)} ${a.role.padEnd(10)} ${a.email.padEnd(30)} ${a.note ?? ""}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
