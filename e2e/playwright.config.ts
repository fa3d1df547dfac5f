import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);
export const ROOT = `localhost:${PORT}`;
const PAGE_CACHE_PORT = Number(process.env.E2E_PAGE_CACHE_PORT ?? 3101);

/**
 * End-to-end tests against the production build (`next start`) on *.localhost hosts, with the system Chromium
 * (no browser download) and a throw-away embedded database seeded with the demo data.
 */
export default defineConfig({
  testDir: "./tests",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: `http://${ROOT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"],
    },
  },
  webServer: [
    {
      command: `node ./server.mjs`,
      url: `http://${ROOT}/api/health/live`,
      timeout: 600_000,
      reuseExistingServer: !process.env.CI,
      stdout: "pipe",
      stderr: "pipe",
      env: { E2E_PORT: String(PORT) },
    },
    // The same build on PostgreSQL, where the storefront page cache is on (tests/page-cache.spec.ts).
    {
      command: `node ./server.mjs`,
      url: `http://localhost:${PAGE_CACHE_PORT}/api/health/live`,
      timeout: 600_000,
      reuseExistingServer: !process.env.CI,
      stdout: "pipe",
      stderr: "pipe",
      env: {
        E2E_PORT: String(PAGE_CACHE_PORT),
        E2E_DATABASE_URL: process.env.E2E_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres",
        E2E_WAIT_FOR_BUILD: "1",
      },
    },
  ],
});
