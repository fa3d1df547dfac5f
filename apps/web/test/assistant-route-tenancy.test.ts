/**
 * The storefront assistant's route, end to end against the real database and KV: the assistant of store A never
 * sees, names or links store B's products, whether its local default or a model (the Messages API stand-in)
 * answers, and a chat session cookie carried from one store to another starts a fresh conversation.
 */
import { NextRequest } from "next/server";
import { inArray } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { AuthDeps } from "@cannasaas/auth";
import type { DatabaseHandle } from "@cannasaas/db/client";
import { inventoryLevels, organizations, products, productVariants } from "@cannasaas/db/schema";
import { createTestDatabase } from "@cannasaas/db/testing";
import { createFixtureTenant, createTestKv, type FixtureTenant } from "@cannasaas/core/testing";
import { createClaudeProvider } from "@cannasaas/integrations/ai";
import { createDevMailboxTransport } from "@cannasaas/integrations/mail";
import {
  hasToolResult,
  startAnthropicStandIn,
  type AnthropicStandIn,
  type StandInScript,
} from "@cannasaas/integrations/testing";

vi.hoisted(() => {
  process.env.ROOT_DOMAIN = "cannasaas.test";
  process.env.PUBLIC_SCHEME = "http";
  process.env.AUTH_SECRET = "assistant-route-test-secret-assistant";
});
const world = vi.hoisted(() => ({ deps: null as AuthDeps | null }));
vi.mock("~/auth", () => ({ auth: async () => null }));
vi.mock("~/server/deps", () => ({ getDeps: async () => world.deps }));

const { POST } = await import("../src/app/(storefront)/s/[tenant]/assistant/route");

const KEY = "sk-ant-test-assistant-route";
let handle: DatabaseHandle;
let closeKv: () => Promise<void>;
let standIn: AnthropicStandIn;
let a: FixtureTenant;
let b: FixtureTenant;
let baseDeps: AuthDeps;

/** Store B's own product, in stock, with a name nothing of A's resembles. */
const THEIRS = { slug: "zebra-zkittlez", name: "Zebra Zkittlez" };

beforeAll(async () => {
  handle = await createTestDatabase();
  const kv = await createTestKv();
  closeKv = () => kv.close();
  a = await createFixtureTenant(handle.db, { tag: "asr-a", passwordHash: "x" });
  b = await createFixtureTenant(handle.db, { tag: "asr-b", passwordHash: "x" });
  // Claude answers shoppers only on Enterprise (AI chatbot).
  await handle.db
    .update(organizations)
    .set({ plan: "enterprise" })
    .where(inArray(organizations.id, [a.org.id, b.org.id]));
  const [product] = await handle.db
    .insert(products)
    .values({
      organizationId: b.org.id,
      categoryId: b.products[0]!.categoryId,
      slug: THEIRS.slug,
      name: THEIRS.name,
      strainType: "sativa",
      effects: ["Relaxed"],
    })
    .returning();
  const [variant] = await handle.db
    .insert(productVariants)
    .values({
      organizationId: b.org.id,
      productId: product!.id,
      sku: "zebra-1",
      name: "3.5 g",
      weightMg: 3500,
      priceCents: 2000,
    })
    .returning();
  await handle.db.insert(inventoryLevels).values(
    b.locations.map((l) => ({
      organizationId: b.org.id,
      locationId: l.id,
      variantId: variant!.id,
      onHand: 50,
    })),
  );
  standIn = await startAnthropicStandIn({ apiKey: KEY, script: () => ({ kind: "hang" }) });
  baseDeps = {
    db: handle.db,
    kv: kv.kv,
    clock: () => new Date(),
    mail: createDevMailboxTransport(),
  };
});
afterAll(async () => {
  await standIn?.close();
  await closeKv?.();
  await handle?.close();
});
beforeEach(() => {
  standIn.requests.length = 0;
  world.deps = { ...baseDeps, ai: null };
});

const useModel = (script: StandInScript) => {
  standIn.setScript(script);
  world.deps = {
    ...baseDeps,
    ai: createClaudeProvider({ apiKey: KEY, baseUrl: standIn.url, maxRetries: 0, timeoutMs: 3_000 }),
  };
};

/** Asks store `t`'s assistant, as its own storefront page would; returns the parsed events. */
async function ask(t: FixtureTenant, message: string, options: { host?: string; chat?: string } = {}) {
  const host = options.host ?? `${t.org.slug}.cannasaas.test`;
  const cookies = [
    `age_ok=1`,
    `cs_loc=${t.locations[0]!.id}`,
    ...(options.chat ? [`cs_chat=${options.chat}`] : []),
  ];
  const request = new NextRequest(`http://${host}/assistant`, {
    method: "POST",
    headers: {
      host,
      origin: `http://${host}`,
      "content-type": "application/json",
      cookie: cookies.join("; "),
    },
    body: JSON.stringify({ message }),
  });
  const response = await POST(request, { params: Promise.resolve({ tenant: t.org.slug }) });
  const body = response.status === 200 ? await response.text() : "";
  const events = body
    .split("\n\n")
    .filter((chunk) => chunk.startsWith("event:"))
    .map(
      (chunk) =>
        JSON.parse(
          chunk
            .split("\n")
            .find((l) => l.startsWith("data: "))!
            .slice(6),
        ) as {
          type: string;
          text?: string;
          products?: { slug: string; name: string; href: string }[];
        },
    );
  return {
    status: response.status,
    events,
    text: events.map((e) => e.text ?? "").join(""),
    cards: events.flatMap((e) => e.products ?? []),
    body,
    setCookie: response.headers.get("set-cookie"),
  };
}

describe("the storefront assistant route keeps stores apart", () => {
  it("answers only on the store's own host: another store's host gets a 404", async () => {
    expect((await ask(a, "hello", { host: `${b.org.slug}.cannasaas.test` })).status).toBe(404);
  });

  it("with AI off, searches only its own store's menu", async () => {
    const mine = await ask(a, "Do you have Blue Dream?");
    expect(mine.status).toBe(200);
    expect(mine.cards.map((c) => c.name)).toContain("asr-a Blue Dream");
    const theirs = await ask(a, `Do you have ${THEIRS.name}?`);
    expect(theirs.body).not.toMatch(/zebra/i);
    expect(theirs.body).not.toContain("asr-b");
    // B's own assistant does find it: the product is real, just not A's.
    expect((await ask(b, `Do you have ${THEIRS.name}?`)).cards.map((c) => c.slug)).toContain(THEIRS.slug);
  });

  it("gives the model only its own store's data from every tool, and withholds another store's product it names anyway", async () => {
    useModel((body) =>
      hasToolResult(body)
        ? {
            kind: "message",
            blocks: [
              {
                type: "text",
                text: `We have [${THEIRS.name}](/p/${THEIRS.slug}) for $20.00. [asr-a Blue Dream](/p/blue-dream) is in stock too.`,
              },
            ],
          }
        : {
            kind: "message",
            blocks: [
              { type: "tool_use", name: "search_products", input: { query: THEIRS.name } },
              { type: "tool_use", name: "get_product", input: { slug: THEIRS.slug } },
              { type: "tool_use", name: "search_products", input: { query: "Blue Dream" } },
            ],
          },
    );
    const answer = await ask(a, "What sativa do you have?");
    expect(standIn.requests.length).toBe(2);
    // What the tools answered (the model's own tool_use inputs, which name B's product, are not data from us).
    const toolResults = JSON.stringify(
      standIn.requests[1]!.body.messages.flatMap((m) =>
        Array.isArray(m.content)
          ? (m.content as { type: string }[]).filter((block) => block.type === "tool_result")
          : [],
      ),
    );
    expect(toolResults.match(/tool_result/g)).toHaveLength(3);
    expect(toolResults).toContain("asr-a Blue Dream");
    expect(toolResults).not.toMatch(/zebra/i);
    expect(toolResults).not.toContain("asr-b");
    expect(answer.body).not.toMatch(/zebra/i);
    expect(answer.text).toContain("asr-a Blue Dream");
    expect(answer.cards.map((c) => c.slug)).toEqual(["blue-dream"]);
  });

  it("starts a fresh conversation when a chat cookie from one store is sent to another", async () => {
    const chat = "a".repeat(32);
    useModel(() => ({ kind: "message", blocks: [{ type: "text", text: "Happy to help." }] }));
    await ask(a, "I am looking for something with limonene", { chat });
    await ask(a, "Anything else?", { chat });
    // A's own conversation carries on.
    expect(JSON.stringify(standIn.requests.at(-1)!.body.messages)).toContain("limonene");
    await ask(b, "Hello there", { chat });
    const atB = JSON.stringify(standIn.requests.at(-1)!.body.messages);
    expect(atB).toContain("Hello there");
    expect(atB).not.toContain("limonene");
  });
});
