import path from "node:path";
import { ESLint } from "eslint";
import tseslint from "typescript-eslint";
import { describe, expect, it } from "vitest";

/**
 * Lints snippets as if they were files of each package, with that package's own eslint.config.js, and checks
 * that the layer and environment rules (tooling/eslint/layers.js) refuse what ARCHITECTURE.md forbids and
 * accept what it allows. Type-aware rules are switched off: the snippets are not files of a TypeScript project.
 */
const root = path.resolve(import.meta.dirname, "../../..");
const LAYER_RULES = new Set(["no-restricted-imports", "no-restricted-properties", "no-restricted-syntax"]);

const linters = new Map<string, ESLint>();
function linterFor(packageDir: string) {
  let linter = linters.get(packageDir);
  if (!linter) {
    const cwd = path.join(root, packageDir);
    linter = new ESLint({
      cwd,
      overrideConfigFile: path.join(cwd, "eslint.config.js"),
      overrideConfig: [tseslint.configs.disableTypeChecked],
    });
    linters.set(packageDir, linter);
  }
  return linter;
}

/** The layer-rule errors for `code` linted as `file` (a path inside packageDir). */
async function layerErrors(packageDir: string, file: string, code: string) {
  const [result] = await linterFor(packageDir).lintText(code, {
    filePath: path.join(root, packageDir, file),
  });
  if (!result) throw new Error("ESLint returned no result");
  const fatal = result.messages.filter((m) => m.fatal);
  expect(fatal, `the snippet must parse: ${fatal.map((m) => m.message).join("; ")}`).toEqual([]);
  return result.messages.filter((m) => m.ruleId !== null && LAYER_RULES.has(m.ruleId) && m.severity === 2);
}

async function expectRefused(packageDir: string, file: string, code: string) {
  const errors = await layerErrors(packageDir, file, code);
  expect(errors.length, `${packageDir}/${file} should refuse:\n${code}`).toBeGreaterThan(0);
  return errors;
}

async function expectAllowed(packageDir: string, file: string, code: string) {
  const errors = await layerErrors(packageDir, file, code);
  expect(
    errors.map((e) => `${e.ruleId}: ${e.message}`),
    `${packageDir}/${file} should allow:\n${code}`,
  ).toEqual([]);
}

type Case = { from: string; file?: string; code: string };

const refusedImports: Case[] = [
  { from: "packages/core", code: `export { appRouter } from "@cannasaas/api";` },
  { from: "packages/core", code: `import { createCaller } from "@cannasaas/api/root";\nvoid createCaller;` },
  { from: "packages/core", code: `import { env } from "@cannasaas/web/env";\nvoid env;` },
  { from: "packages/core", code: `const api = await import("@cannasaas/api");\nvoid api;` },
  { from: "packages/db", code: `import { placeOrder } from "@cannasaas/core";\nvoid placeOrder;` },
  {
    from: "packages/db",
    file: "src/schema/orders.ts",
    code: `import type { CoreDeps } from "@cannasaas/core";\nexport type X = CoreDeps;`,
  },
  { from: "packages/integrations", code: `import { placeOrder } from "@cannasaas/core";\nvoid placeOrder;` },
  { from: "packages/ui", code: `import { db } from "@cannasaas/db/client";\nvoid db;` },
  { from: "packages/ui", code: `import { placeOrder } from "@cannasaas/core";\nvoid placeOrder;` },
  {
    from: "packages/ui",
    code: `import type { AppRouter } from "@cannasaas/api";\nexport type X = AppRouter;`,
  },
  { from: "packages/ui", code: `import { can } from "@cannasaas/auth";\nvoid can;` },
  { from: "packages/auth", code: `import { appRouter } from "@cannasaas/api";\nvoid appRouter;` },
  { from: "packages/api", code: `import { env } from "@cannasaas/web/env";\nvoid env;` },
  {
    from: "apps/web",
    file: "src/app/page.tsx",
    code: `import { kv } from "@cannasaas/core/src/kv";\nvoid kv;`,
  },
];

const allowedImports: Case[] = [
  {
    from: "packages/core",
    code: `import { getDb } from "@cannasaas/db/client";\nimport { createKv } from "@cannasaas/integrations/kv";\nvoid getDb; void createKv;`,
  },
  {
    from: "packages/core",
    code: `import { stripeOptionsFromEnv } from "./stripe";\nimport { thumbnail } from "../sharp";\nvoid stripeOptionsFromEnv; void thumbnail;`,
  },
  { from: "packages/core", code: `import { jobs } from "../twilio/jobs";\nvoid jobs;` },
  { from: "packages/db", code: `import { drizzle } from "drizzle-orm/postgres-js";\nvoid drizzle;` },
  {
    from: "packages/integrations",
    code: `import Stripe from "stripe";\nimport { S3Client } from "@aws-sdk/client-s3";\nvoid Stripe; void S3Client;`,
  },
  { from: "packages/ui", code: `import { clsx } from "clsx";\nvoid clsx;` },
  {
    from: "packages/auth",
    code: `import { DomainError } from "@cannasaas/core";\nimport { db } from "@cannasaas/db/client";\nvoid DomainError; void db;`,
  },
  {
    from: "packages/api",
    code: `import { placeOrder } from "@cannasaas/core";\nimport { can } from "@cannasaas/auth";\nvoid placeOrder; void can;`,
  },
  {
    from: "apps/web",
    file: "src/app/page.tsx",
    code: `import { appRouter } from "@cannasaas/api";\nimport { Button } from "@cannasaas/ui";\nvoid appRouter; void Button;`,
  },
];

describe("layers: who may import whom", () => {
  it.each(refusedImports)("$from refuses $code", async ({ from, file, code }) => {
    const errors = await expectRefused(from, file ?? "src/probe.ts", code);
    expect(
      errors.every((e) => e.ruleId === "no-restricted-imports" || e.ruleId === "no-restricted-syntax"),
    ).toBe(true);
  });

  it.each(allowedImports)("$from allows $code", async ({ from, file, code }) => {
    await expectAllowed(from, file ?? "src/probe.ts", code);
  });
});

describe("layers: outside SDKs stay in packages/integrations", () => {
  it.each([
    `import Stripe from "stripe";\nvoid Stripe;`,
    `import sharp from "sharp";\nvoid sharp;`,
    `import Anthropic from "@anthropic-ai/sdk";\nvoid Anthropic;`,
    `import twilio from "twilio";\nvoid twilio;`,
    `import webpush from "web-push";\nvoid webpush;`,
    `import { S3Client } from "@aws-sdk/client-s3";\nvoid S3Client;`,
    `import type { Stripe } from "stripe/cjs/stripe.core";\nexport type X = Stripe;`,
    `const { default: sharp } = await import("sharp");\nvoid sharp;`,
  ])("packages/core refuses %s", async (code) => {
    await expectRefused("packages/core", "src/catalog/probe.ts", code);
  });

  it("no file of core is exempt: the billing and image code that once imported an SDK is refused it too", async () => {
    for (const file of ["src/billing/stripe.ts", "src/catalog-admin/images.ts"]) {
      await expectRefused("packages/core", file, `import Stripe from "stripe";\nvoid Stripe;`);
      await expectRefused("packages/core", file, `import sharp from "sharp";\nvoid sharp;`);
    }
  });
});

describe("environment variables are read in env.ts only", () => {
  const stray: Case[] = [
    { from: "packages/core", code: `export const key = process.env.DATA_ENCRYPTION_KEYS;` },
    { from: "packages/core", code: `export const key = process.env["DATA_ENCRYPTION_KEYS"];` },
    { from: "packages/core", code: `const { env } = process;\nexport const key = env.X;` },
    { from: "packages/core", code: `import { env } from "node:process";\nexport const key = env.X;` },
    {
      from: "packages/api",
      file: "src/routers/deliveries.ts",
      code: `export const kmh = Number(process.env.DELIVERY_AVERAGE_SPEED_KMH);`,
    },
    { from: "packages/db", file: "src/client.ts", code: `export const url = process.env.DATABASE_URL;` },
    {
      from: "packages/integrations",
      file: "src/kv/index.ts",
      code: `export const url = process.env.UPSTASH_REDIS_REST_URL;`,
    },
    { from: "packages/auth", code: `export const secret = process.env.AUTH_SECRET;` },
    { from: "packages/ui", file: "src/button.tsx", code: `export const dev = process.env.NODE_ENV;` },
    { from: "apps/web", file: "src/proxy.ts", code: `export const root = process.env.ROOT_DOMAIN;` },
    {
      from: "apps/web",
      file: "src/app/api/cron/[job]/route.ts",
      code: `export const secret = process.env.CRON_SECRET;`,
    },
  ];

  it.each(stray)("$from refuses $code", async ({ from, file, code }) => {
    const errors = await expectRefused(from, file ?? "src/probe.ts", code);
    expect(errors.some((e) => /env\.ts/.test(e.message))).toBe(true);
  });

  const allowed: Case[] = [
    {
      from: "packages/core",
      file: "src/env.ts",
      code: `export const key = process.env.DATA_ENCRYPTION_KEYS;`,
    },
    { from: "packages/db", file: "src/env.ts", code: `export const url = process.env.DATABASE_URL;` },
    { from: "apps/web", file: "src/env.ts", code: `export const root = process.env.ROOT_DOMAIN;` },
    {
      from: "packages/core",
      file: "test/import.test.ts",
      code: `export const url = process.env.TEST_DATABASE_URL;`,
    },
    {
      from: "packages/db",
      file: "src/testing.ts",
      code: `export const url = process.env.TEST_DATABASE_URL;`,
    },
    { from: "packages/db", file: "scripts/extract.ts", code: `export const dir = process.env.DATA_DIR;` },
    { from: "packages/core", code: `export const env = { clock: "system" };\nexport const x = env.clock;` },
  ];

  it.each(allowed)("$from allows $file", async ({ from, file, code }) => {
    await expectAllowed(from, file ?? "src/probe.ts", code);
  });
});
