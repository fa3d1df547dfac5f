/**
 * `pnpm --filter @cannasaas/bench fuzz`: FUZZ_INPUTS (default 10,000) generated inputs, from the zod schemas of
 * every tRPC procedure and public REST endpoint (well-formed and hostile: NUL, lone surrogates, huge strings,
 * wrong types, out-of-range numbers, unknown keys, broken JSON), sent over HTTP to the production build on
 * loopback with the demo data, signed in as the owner, a manager, a budtender and the viewer, as a shopper and
 * anonymously, and with an API key holding every scope. Bounded by count and by FUZZ_SECONDS (default 900).
 * Prints the answers by status and every 500 or message-less refusal; exits 1 if there is any.
 */
import http from "node:http";
import { readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { hashPassword } from "@cannasaas/auth";
import { API_SCOPES, createApiKey, systemClock } from "@cannasaas/core";
import { createDatabase } from "@cannasaas/db/client";
import { migrateDatabase } from "@cannasaas/db/migrate";
import { organizations } from "@cannasaas/db/schema";
import { seedDemo } from "@cannasaas/db/seed";
import { createMemoryKv } from "@cannasaas/integrations/kv";
import {
  createRandom,
  fuzzEndpoints,
  fuzzProcedures,
  generateInput,
  HOSTILE_VALUES,
  type Random,
} from "@cannasaas/api/fuzz";
import { freshDatabase, startServer } from "./server";
import { percentile } from "./stats";

const PORT = Number(process.env.BENCH_PORT ?? 3900) + 3;
const DB_NAME = `${process.env.BENCH_DB_NAME ?? "cannasaas_bench"}_fuzz`;
const INPUTS = Number(process.env.FUZZ_INPUTS ?? 10_000);
const SECONDS = Number(process.env.FUZZ_SECONDS ?? 900);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);
const CONCURRENCY = 8;
const PASSWORD = "cannasaas-demo";
const LOG = `/tmp/cannasaas-fuzz-server-${process.pid}.log`;
const PLATFORM = `localhost:${PORT}`;
const STOREFRONT = `greenleaf.localhost:${PORT}`;
/** Ends the fuzzing user's own sessions; nothing else to learn from it. */
const SKIPPED = new Set(["account.signOutEverywhere"]);

type Answer = { status: number; body: string; ms: number };
const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function send(method: string, path: string, headers: Record<string, string>, body?: string) {
  return new Promise<Answer>((resolve) => {
    const started = performance.now();
    const req = http.request({ host: "127.0.0.1", port: PORT, path, method, agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString("utf8"),
          ms: performance.now() - started,
        }),
      );
    });
    req.on("error", (e) => resolve({ status: 0, body: String(e), ms: performance.now() - started }));
    req.end(body);
  });
}

/** Signs in through Auth.js as a browser would and returns the cookie header to send. */
async function signIn(host: string, email: string): Promise<string> {
  const cookies = new Map<string, string>();
  const keep = (setCookie: string[] | undefined) => {
    for (const c of setCookie ?? []) {
      const [pair] = c.split(";");
      const [name, ...value] = pair!.split("=");
      cookies.set(name!, value.join("="));
    }
  };
  const jar = () => [...cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrf = await fetchRaw("GET", "/api/auth/csrf", { host });
  keep(csrf.setCookie);
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const callback = await fetchRaw(
    "POST",
    "/api/auth/callback/credentials",
    { host, cookie: jar(), "content-type": "application/x-www-form-urlencoded" },
    new URLSearchParams({ csrfToken, email, password: PASSWORD, callbackUrl: `http://${host}/` }).toString(),
  );
  keep(callback.setCookie);
  if (![...cookies.keys()].some((k) => k.includes("session-token"))) {
    throw new Error(`sign-in as ${email} failed (${callback.status})`);
  }
  return jar();
}

function fetchRaw(method: string, path: string, headers: Record<string, string>, body?: string) {
  return new Promise<{ status: number; body: string; setCookie?: string[] }>((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port: PORT, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString("utf8"),
          setCookie: res.headers["set-cookie"],
        }),
      );
    });
    req.on("error", reject);
    req.end(body);
  });
}

async function prepare() {
  const url = await freshDatabase(DB_NAME);
  const handle = await createDatabase({ url, maxConnections: 5 });
  await migrateDatabase(handle);
  await seedDemo(handle.db, { hashPassword });
  const [org] = await handle.db.select().from(organizations).where(eq(organizations.slug, "greenleaf"));
  const { secret } = await createApiKey(
    { db: handle.db, kv: createMemoryKv(), clock: systemClock },
    org!.id,
    {
      name: "fuzz",
      scopes: [...API_SCOPES],
      rateLimit: 1_000_000,
      createdBy: null,
    },
  );
  await handle.close();
  return { url, secret };
}

/** A refusal carries a message: tRPC's error.json.message or the REST API's error.message. */
function messageOf(body: string): string | null {
  type Refusal = { error?: { message?: string; json?: { message?: string } } };
  try {
    const parsed = JSON.parse(body) as Refusal | Refusal[];
    const error = Array.isArray(parsed) ? parsed[0]?.error : parsed.error;
    return error?.json?.message ?? error?.message ?? null;
  } catch {
    return null;
  }
}

/** Percent-encodes for a URL path; a lone surrogate goes out as its raw (invalid UTF-8) bytes, as a hostile client may. */
function pathSegment(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return `${encodeURIComponent(text.replace(/[\ud800-\udfff]/g, ""))}%ED%A0%80`;
  }
}

const encode = (value: unknown) => JSON.stringify(value === undefined ? undefined : { json: value });

function brokenBody(random: Random): string {
  return random.pick(["{", '{"json":', "\u0000", "null", "[]", '{"json":"\\ud800"}', "x".repeat(200_000)]);
}

async function main() {
  const setup = await prepare();
  process.env.BENCH_SERVER_LOG = LOG;
  const server = await startServer(setup.url, PORT, { TRUSTED_PROXY_HOPS: "0" });
  const random = createRandom(SEED);
  const procedures = fuzzProcedures().filter((p) => !SKIPPED.has(p.path));
  const endpoints = fuzzEndpoints();
  const sessions = {
    owner: await signIn(PLATFORM, "owner@greenleaf.test"),
    manager: await signIn(PLATFORM, "manager@greenleaf.test"),
    budtender: await signIn(PLATFORM, "budtender@greenleaf.test"),
    viewer: await signIn(PLATFORM, "viewer@greenleaf.test"),
    shopper: await signIn(STOREFRONT, "shopper@greenleaf.test"),
  };
  const byStatus = new Map<number, number>();
  const failures: string[] = [];
  const latencies: number[] = [];
  let sent = 0;
  const deadline = performance.now() + SECONDS * 1000;

  const oneTrpc = async () => {
    const p = random.pick(procedures);
    const staff = p.permission !== null;
    const [host, cookie] = staff
      ? [PLATFORM, random.pick([sessions.owner, sessions.manager, sessions.budtender, sessions.viewer])]
      : random.pick([
          [STOREFRONT, sessions.shopper],
          [STOREFRONT, ""],
          [PLATFORM, ""],
          [PLATFORM, sessions.owner],
        ] as const);
    const input = generateInput(p.input, random);
    const headers: Record<string, string> = { host, ...(cookie ? { cookie } : {}) };
    if (p.type === "query") {
      const qs = input === undefined ? "" : `?input=${encodeURIComponent(encode(input)!)}`;
      return {
        label: `trpc ${p.path}`,
        input,
        answer: await send("GET", `/api/trpc/${p.path}${qs}`, headers),
      };
    }
    const body = random.chance(0.05) ? brokenBody(random) : (encode(input) ?? "");
    headers["content-type"] = "application/json";
    return {
      label: `trpc ${p.path}`,
      input,
      answer: await send("POST", `/api/trpc/${p.path}`, headers, body),
    };
  };

  const oneRest = async () => {
    const e = random.pick(endpoints);
    const params = (generateInput(e.params, random) ?? {}) as Record<string, unknown>;
    const path = e.path.replace(/\{(\w+)\}/g, (_, name: string) =>
      pathSegment(String(typeof params === "object" && params ? (params[name] ?? random.uuid()) : params)),
    );
    const query = generateInput(e.query, random);
    const qs =
      query && typeof query === "object" && !Array.isArray(query)
        ? `?${new URLSearchParams(
            Object.entries(query).map(([k, v]): [string, string] => [
              k,
              typeof v === "string" ? v : (JSON.stringify(v) ?? ""),
            ]),
          )}`
        : "";
    const headers: Record<string, string> = {
      host: PLATFORM,
      authorization: `Bearer ${random.chance(0.05) ? "sk_bogus\u00e9" : setup.secret}`,
    };
    let body: string | undefined;
    if (e.method === "POST") {
      headers["content-type"] = "application/json";
      if (random.chance(0.5))
        headers["idempotency-key"] = random.chance(0.8) ? random.uuid() : "bad key\u00e9";
      body = random.chance(0.05) ? brokenBody(random) : JSON.stringify(generateInput(e.body, random) ?? null);
    }
    return {
      label: `rest ${e.method} ${e.path}`,
      input: { params, query, body: body?.slice(0, 200) },
      answer: await send(e.method, `/api/v1${path}${qs}`, headers, body),
    };
  };

  const worker = async () => {
    while (sent < INPUTS && performance.now() < deadline) {
      sent++;
      const { label, input, answer } = random.chance(0.8) ? await oneTrpc() : await oneRest();
      byStatus.set(answer.status, (byStatus.get(answer.status) ?? 0) + 1);
      latencies.push(answer.ms);
      const shown = `${label} ${answer.status} with ${JSON.stringify(input)?.slice(0, 300)}`;
      if (answer.status >= 500 || answer.status === 0)
        failures.push(`${shown}: ${answer.body.slice(0, 300)}`);
      else if (answer.status >= 400 && !messageOf(answer.body)?.trim())
        failures.push(`${shown}: refused without a message: ${answer.body.slice(0, 200)}`);
    }
  };

  const started = performance.now();
  try {
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  } finally {
    agent.destroy();
    server.stop();
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `\nFuzz (seed ${SEED}): ${sent} inputs in ${seconds.toFixed(0)} s over ${procedures.length} tRPC procedures and ${endpoints.length} REST endpoints (pnpm start, PostgreSQL, loopback)`,
  );
  console.log(
    `answers by status: ${[...byStatus]
      .sort(([a], [b]) => a - b)
      .map(([s, n]) => `${s}: ${n}`)
      .join(", ")}`,
  );
  console.log(
    `latency ms p50 ${percentile(latencies, 50).toFixed(0)}, p95 ${percentile(latencies, 95).toFixed(0)}, p99 ${percentile(latencies, 99).toFixed(0)}`,
  );
  console.log(`500s or dropped connections, and refusals without a message: ${failures.length}`);
  for (const f of failures.slice(0, 30)) console.log(`  ${f}`);
  if (failures.length) {
    const log = readFileSync(LOG, "utf8")
      .split("\n")
      .filter((l) => /error/i.test(l));
    console.log(`server log errors (${log.length}), first 20:`);
    for (const line of log.slice(0, 20)) console.log(`  ${line.slice(0, 400)}`);
  }
  process.exit(failures.length ? 1 : 0);
}

await main();
