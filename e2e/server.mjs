// Starts the app for end-to-end tests: builds it if needed, prepares a fresh embedded database with the demo
// data in a temporary directory (or, with E2E_DATABASE_URL, a fresh PostgreSQL database on that server),
// then runs the production server (`server.ts`, as `pnpm start` does).
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";

const port = process.env.E2E_PORT ?? "3100";
const web = path.resolve(import.meta.dirname, "../apps/web");
const env = {
  ...process.env,
  NODE_ENV: "production",
  CANNASAAS_LOCAL: "1",
  NEXT_TELEMETRY_DISABLED: "1",
  ROOT_DOMAIN: `localhost:${port}`,
  AUTH_SECRET: process.env.AUTH_SECRET ?? "e2e-secret-e2e-secret-e2e-secret-e2e",
  DATA_DIR: process.env.E2E_DATA_DIR ?? mkdtempSync(path.join(tmpdir(), "cannasaas-e2e-")),
  CRON_SECRET: "e2e-cron-secret-e2e-cron-secret",
  DATA_ENCRYPTION_KEYS: process.env.DATA_ENCRYPTION_KEYS ?? `e2e:${Buffer.alloc(32, 7).toString("base64")}`,
  LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
  // The browser plays the one trusted proxy: each test sets its own X-Forwarded-For (tests/support.ts).
  TRUSTED_PROXY_HOPS: "1",
  PORT: port,
};
delete env.CLIENT_IP_HEADER;
delete env.DATABASE_URL;
if (process.env.E2E_DATABASE_URL) env.DATABASE_URL = await freshDatabase(process.env.E2E_DATABASE_URL);
delete env.SMTP_URL;
delete env.UPSTASH_REDIS_REST_URL;

const bin = (name) => path.join(web, "node_modules", ".bin", name);
const built = () => existsSync(path.join(web, ".next", "BUILD_ID"));
if (process.env.E2E_WAIT_FOR_BUILD === "1") {
  // A second server for the same run: the first builds when the build is missing, this one waits for it.
  for (let waited = 0; !built(); waited += 2) {
    if (waited > 900) throw new Error("No build appeared in .next within 15 minutes.");
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
} else if (!built()) {
  execFileSync(bin("next"), ["build", "--turbopack"], { cwd: web, env, stdio: "inherit" });
}
execFileSync(bin("tsx"), ["scripts/prepare-local.ts"], { cwd: web, env, stdio: "inherit" });
const server = spawn(process.execPath, ["--import", "tsx", "server.ts"], { cwd: web, env, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));

/** An empty database named for this server's port on the PostgreSQL server at `adminUrl` (dropped first). */
async function freshDatabase(adminUrl) {
  const name = `cannasaas_e2e_${port}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
