/**
 * Gets a laptop (or CI) ready to run the app: an AUTH_SECRET and a personal-data key in apps/web/.env.local, the
 * database migrated (PGlite under .data/ unless DATABASE_URL is set), the demo data seeded once, and personal
 * data from before encryption at rest sealed.
 */
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { hashPassword } from "@cannasaas/auth";
import { sealLegacyPersonalData, sealPersonal } from "@cannasaas/core";
import { createDatabase, defaultDataDir } from "@cannasaas/db/client";
import { createFileStorage } from "@cannasaas/integrations/storage";
import { migrateDatabase } from "@cannasaas/db/migrate";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, isSeeded, seedDemo } from "@cannasaas/db/seed";

const webDir = path.resolve(import.meta.dirname, "..");
const envFile = path.join(webDir, ".env.local");

/** Keeps a secret from the environment or .env.local, or writes a new one there; returns it. */
function ensureEnvSecret(name: string, generate: () => string): string {
  const fromEnv = process.env[name];
  if (fromEnv) return fromEnv;
  const current = existsSync(envFile) ? readFileSync(envFile, "utf8") : "";
  const existing = new RegExp(`^${name}=(.+)$`, "m").exec(current)?.[1];
  if (existing) return existing;
  const value = generate();
  writeFileSync(envFile, `${current}${current && !current.endsWith("\n") ? "\n" : ""}${name}=${value}\n`);
  console.log(`Wrote a new ${name} to ${path.relative(process.cwd(), envFile)}`);
  return value;
}

async function main() {
  ensureEnvSecret("AUTH_SECRET", () => randomBytes(32).toString("base64url"));
  // The seed and the app must seal personal data with the same key.
  process.env.DATA_ENCRYPTION_KEYS = ensureEnvSecret(
    "DATA_ENCRYPTION_KEYS",
    () => `local${Date.now().toString(36)}:${randomBytes(32).toString("base64")}`,
  );
  const handle = await createDatabase({ url: process.env.DATABASE_URL || undefined });
  try {
    await migrateDatabase(handle);
    console.log(`Database ready (${handle.kind === "pglite" ? "embedded PGlite in .data/" : "PostgreSQL"}).`);
    if (await isSeeded(handle.db)) {
      console.log("Demo data already present.");
    } else {
      const started = Date.now();
      const summary = await seedDemo(handle.db, { hashPassword, sealPersonal });
      console.log(`Seeded demo data in ${((Date.now() - started) / 1000).toFixed(1)} s:`, summary);
    }
    const sealed = await sealLegacyPersonalData({
      db: handle.db,
      storage: createFileStorage({ dataDir: defaultDataDir() }),
    });
    if (sealed.datesOfBirth + sealed.documentNumbers + sealed.files > 0) {
      console.log("Sealed personal data stored before encryption at rest:", sealed);
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
