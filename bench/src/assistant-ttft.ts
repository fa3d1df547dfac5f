/**
 * Time to the first streamed word of the storefront assistant, and how much of it is the product's own code
 * (store context, plan and quota checks, tools, guards, metering) rather than the model. Against the Messages
 * API stand-in on the demo catalog, each iteration times the same two-round conversation (a search tool call,
 * then an answer) twice, alternating: through `runAssistantTurn`, and straight through the Claude adapter with
 * the tool result made up in advance (the baseline: the model's own time). Prints p50/p95/p99 of both and of
 * the difference. `pnpm --filter @cannasaas/bench bench:assistant`; BENCH_DATABASE_URL names the server,
 * BENCH_TURNS the iterations (default 200).
 */
import { eq } from "drizzle-orm";
import postgres from "postgres";
import { storefrontLinks } from "@cannasaas/api";
import { readStorefrontLocations, resolveTenant, runAssistantTurn, systemClock } from "@cannasaas/core";
import { createDatabase } from "@cannasaas/db/client";
import { migrateDatabase } from "@cannasaas/db/migrate";
import { organizations } from "@cannasaas/db/schema";
import { seedDemo } from "@cannasaas/db/seed";
import { createClaudeProvider, type AiProvider, type AiRequest } from "@cannasaas/integrations/ai";
import { createMemoryKv } from "@cannasaas/integrations/kv";
import { hasToolResult, startAnthropicStandIn } from "@cannasaas/integrations/testing";
import { percentile } from "./stats";

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const TURNS = Number(process.env.BENCH_TURNS ?? 200);
const KEY = "sk-ant-bench-000000";
const ANSWER = "Kaveman Kush is an indica many describe as relaxed. Ask me for more options.";

async function main() {
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe("drop database if exists cannasaas_bench_assistant with (force)");
  await admin.unsafe("create database cannasaas_bench_assistant");
  const url = new URL(ADMIN_URL);
  url.pathname = "/cannasaas_bench_assistant";
  const handle = await createDatabase({ url: url.toString(), maxConnections: 5 });
  await migrateDatabase(handle);
  const db = handle.db;
  await seedDemo(db, { hashPassword: async () => "bench" });
  const kv = createMemoryKv();
  const tenant = (await resolveTenant({ db, kv }, "greenleaf"))!;
  await db.update(organizations).set({ plan: "enterprise" }).where(eq(organizations.id, tenant.id));
  const [location] = await readStorefrontLocations({ db, kv }, tenant.id);

  const standIn = await startAnthropicStandIn({
    apiKey: KEY,
    keepAlive: false,
    script: (body) =>
      hasToolResult(body)
        ? { kind: "message", blocks: [{ type: "text", text: ANSWER }] }
        : {
            kind: "message",
            blocks: [
              {
                type: "tool_use",
                name: "search_products",
                input: { effects: ["Relaxed"], maxPriceCents: 4000 },
              },
            ],
          },
  });
  const ai: AiProvider = createClaudeProvider({ apiKey: KEY, baseUrl: standIn.url, maxRetries: 0 });

  const throughProduct = async (i: number) => {
    const started = performance.now();
    const events = runAssistantTurn(
      { db, kv, clock: systemClock, ai, links: storefrontLinks },
      {
        organizationId: tenant.id,
        store: { name: tenant.name, state: tenant.state, timeZone: tenant.timeZone },
        sessionId: `bench-${i}`,
        userId: null,
        locationId: location?.id ?? null,
        ip: null,
        message: "something relaxing under $40",
      },
    );
    let first = Number.NaN;
    for await (const event of events) {
      if (event.type === "text" && Number.isNaN(first)) first = performance.now() - started;
      if (event.type === "error") throw new Error(event.message);
    }
    return first;
  };

  const base: AiRequest = {
    system: [{ text: "You are a shopping assistant.", cache: true }],
    messages: [{ role: "user", content: "something relaxing under $40" }],
    maxTokens: 700,
  };
  const modelOnly = async () => {
    const started = performance.now();
    for await (const event of ai.stream(base)) if (event.type === "done") break;
    const followUp: AiRequest = {
      ...base,
      messages: [
        ...base.messages,
        { role: "assistant", content: [{ type: "tool_use", id: "t1", name: "search_products", input: {} }] },
        {
          role: "user",
          content: [{ type: "tool_result", toolUseId: "t1", content: '{"data":{"products":[]}}' }],
        },
      ],
    };
    for await (const event of ai.stream(followUp))
      if (event.type === "text") return performance.now() - started;
    return Number.NaN;
  };

  for (let i = 0; i < 20; i++) {
    await throughProduct(-i - 1);
    await modelOnly();
  }
  const product: number[] = [];
  const model: number[] = [];
  const added: number[] = [];
  for (let i = 0; i < TURNS; i++) {
    // Alternate which side goes first so both see the same machine.
    const m1 = i % 2 === 1 ? await modelOnly() : Number.NaN;
    const p = await throughProduct(i);
    const m = Number.isNaN(m1) ? await modelOnly() : m1;
    product.push(p);
    model.push(m);
    added.push(p - m);
  }
  const row = (name: string, values: number[]) =>
    console.log(name.padEnd(44), ...[50, 95, 99].map((p) => percentile(values, p).toFixed(1).padStart(8)));
  console.log(`\nAssistant time to first streamed word, ${TURNS} turns (ms)`);
  console.log("".padEnd(44), "p50".padStart(8), "p95".padStart(8), "p99".padStart(8));
  row("through the product (tools, guards, context)", product);
  row("baseline: the stand-in model alone", model);
  row("added by the product's own code", added);
  console.log(
    `ratio p95 product / baseline: ${(percentile(product, 95) / percentile(model, 95)).toFixed(2)}`,
  );
  console.log(`goal: added p95 under 50 ms -> ${percentile(added, 95) < 50 ? "met" : "not met"}`);
  await standIn.close();
  await handle.close();
  await admin.unsafe("drop database if exists cannasaas_bench_assistant with (force)");
  await admin.end();
}

await main();
