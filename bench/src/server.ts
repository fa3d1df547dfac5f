import { execFileSync, spawn } from "node:child_process";
import { existsSync, openSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const web = path.resolve(import.meta.dirname, "../../apps/web");

/** An empty database of that name on the bench's PostgreSQL (dropped first if it exists). */
export async function freshDatabase(name: string) {
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function waitFor(url: string) {
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not come up`);
}

/**
 * The production build (made if missing) served as `pnpm start` serves it (`server.ts`: the page cache's
 * front door, then Next) on loopback against `databaseUrl`, ready when this resolves. `pid` is the server's
 * process, for reading its memory.
 */
export async function startServer(databaseUrl: string, port: number, extraEnv: Record<string, string> = {}) {
  const env = {
    ...process.env,
    NODE_ENV: "production",
    CANNASAAS_LOCAL: "1",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: databaseUrl,
    ROOT_DOMAIN: `localhost:${port}`,
    AUTH_SECRET: "bench-secret-bench-secret-bench-secret",
    LOG_LEVEL: "warn",
  };
  if (!existsSync(path.join(web, ".next", "BUILD_ID"))) {
    execFileSync(path.join(web, "node_modules", ".bin", "next"), ["build", "--turbopack"], {
      cwd: web,
      env,
      stdio: "inherit",
    });
  }
  // Node runs the server directly, so `pid` is the server itself and not a shell wrapper.
  // BENCH_SERVER_LOG names a file for the server's output (the fuzz run reads it to explain a 500).
  const log = process.env.BENCH_SERVER_LOG ? openSync(process.env.BENCH_SERVER_LOG, "w") : "ignore";
  const server = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    cwd: web,
    env: { ...env, PORT: String(port), ...extraEnv },
    stdio: ["ignore", log, log],
  });
  await waitFor(`http://127.0.0.1:${port}/api/health/ready`);
  return { pid: server.pid!, stop: () => server.kill("SIGTERM") };
}
