import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase } from "@cannasaas/db/testing";
import type { DatabaseHandle } from "@cannasaas/db/client";
import { aiUsage, auditEvents, organizations, supportRequests } from "@cannasaas/db/schema";
import { createClaudeProvider } from "@cannasaas/integrations/ai";
import { startAnthropicStandIn, type AnthropicStandIn } from "@cannasaas/integrations/testing";
import type { KV } from "@cannasaas/integrations/kv";
import {
  AI_OFF_NOTICE,
  invalidatePlanCache,
  policyViolations,
  POLICY_REPLIES,
  runAssistantTurn,
  type AssistantEvent,
  type AssistantTurnInput,
} from "../../src";
import { createFixtureTenant, createTestKv, type FixtureTenant } from "../../src/testing";
import { addMenuExtras } from "../menu-fixture";
import { misbehavingModel, searchThenSay, sayOnly, sequence } from "./scripted-model";
import { TEST_STORE_LINKS } from "./store-links";

const KEY = "sk-ant-test-assistant-01";
let handle: DatabaseHandle;
let kv: KV;
let closeKv: () => Promise<void>;
let standIn: AnthropicStandIn;
let a: FixtureTenant;
let b: FixtureTenant;
let session = 0;

beforeAll(async () => {
  handle = await createTestDatabase();
  const testKv = await createTestKv();
  kv = testKv.kv;
  closeKv = () => testKv.close();
  a = await createFixtureTenant(handle.db, { tag: "ai-a", passwordHash: "x" });
  b = await createFixtureTenant(handle.db, { tag: "ai-b", passwordHash: "x" });
  await addMenuExtras(handle.db, a);
  await addMenuExtras(handle.db, b);
  // The assistant's Claude mode is an Enterprise feature (ai_chatbot); b stays on Professional.
  await handle.db.update(organizations).set({ plan: "enterprise" }).where(eq(organizations.id, a.org.id));
  standIn = await startAnthropicStandIn({ apiKey: KEY, script: sayOnly("unused") });
});
afterAll(async () => {
  await standIn?.close();
  await closeKv?.();
  await handle?.close();
});
beforeEach(() => {
  standIn.requests.length = 0;
});

const claude = () =>
  createClaudeProvider({ apiKey: KEY, baseUrl: standIn.url, maxRetries: 2, timeoutMs: 2_000 });

async function ask(
  message: string,
  options: {
    ai?: "claude" | null;
    tenant?: FixtureTenant;
    userId?: string | null;
    sessionId?: string;
    locationId?: string | null;
  } = {},
) {
  const tenant = options.tenant ?? a;
  const input: AssistantTurnInput = {
    organizationId: tenant.org.id,
    store: { name: tenant.org.name, state: tenant.org.state, timeZone: tenant.org.timeZone },
    sessionId: options.sessionId ?? `s${++session}`,
    userId: options.userId ?? null,
    locationId: options.locationId === undefined ? tenant.locations[0]!.id : options.locationId,
    ip: "203.0.113.9",
    message,
  };
  const events: AssistantEvent[] = [];
  const deps = {
    db: handle.db,
    kv,
    clock: () => new Date(),
    ai: options.ai === null ? null : claude(),
    links: TEST_STORE_LINKS,
  };
  for await (const event of runAssistantTurn(deps, input)) events.push(event);
  const text = events.map((e) => (e.type === "text" ? e.text : "")).join("");
  return {
    events,
    text,
    status: events.find((e) => e.type === "status"),
    cards: events.find((e) => e.type === "products"),
  };
}

describe("assistant with AI off (local default)", () => {
  it("answers 'something relaxing under $40' from the menu with real, in-stock products and links, and says AI is off", async () => {
    const { text, status, cards } = await ask("something relaxing under $40", { ai: null });
    expect(status).toEqual({ type: "status", aiOn: false, notice: AI_OFF_NOTICE });
    expect(text).toContain("[OG Kush](/p/og-kush-acme)");
    expect(text).toContain("[Calm Tincture](/p/calm-tincture)");
    expect(text).not.toContain("Sunset Sherbet");
    expect(cards).toMatchObject({ type: "products" });
    if (cards?.type === "products") expect(cards.products.map((p) => p.href)).toContain("/p/og-kush-acme");
    expect(standIn.requests).toHaveLength(0);
  });

  it("explains the state's limits and the store's hours without a model", async () => {
    expect((await ask("what are the purchase limits?", { ai: null })).text).toMatch(
      /California[\s\S]*per day/,
    );
    expect((await ask("when are you open?", { ai: null })).text).toContain("ai-a north");
  });
});

describe("assistant with Claude against the stand-in", () => {
  it("streams a grounded answer after a tool call, with product cards, and meters the usage", async () => {
    standIn.setScript(
      searchThenSay(
        { effects: ["Relaxed"], maxPriceCents: 4000 },
        "Try [OG Kush](/p/og-kush-acme), from $12.00. It is an indica many describe as relaxed.",
      ),
    );
    const { text, status, cards, events } = await ask("something relaxing under $40");
    expect(status).toEqual({ type: "status", aiOn: true, notice: null });
    expect(text).toBe(
      "Let me check the menu. Try [OG Kush](/p/og-kush-acme), from $12.00. It is an indica many describe as relaxed.",
    );
    expect(events.filter((e) => e.type === "text").length).toBeGreaterThan(1);
    if (cards?.type === "products")
      expect(cards.products[0]).toMatchObject({ slug: "og-kush-acme", fromPriceCents: 1200 });
    expect(standIn.requests).toHaveLength(2);
    const toolResult = JSON.stringify(standIn.requests[1]!.body.messages.at(-1));
    expect(toolResult).toContain("tool_result");
    expect(toolResult).not.toContain("ai-b");
    const [usage] = await handle.db
      .select()
      .from(aiUsage)
      .where(and(eq(aiUsage.organizationId, a.org.id), eq(aiUsage.feature, "assistant")));
    expect(usage!.requests).toBeGreaterThanOrEqual(2);
    expect(usage!.inputTokens).toBeGreaterThan(0);
  });

  it("caches the stable system prompt: the second question reads the cache", async () => {
    standIn.setScript(sayOnly("Ask me about the menu."));
    await ask("hello there");
    await ask("hello again");
    const systems = standIn.requests.map((r) => r.body.system as { cache_control?: unknown }[]);
    expect(systems.every((s) => s[0]?.cache_control !== undefined && s[1]?.cache_control === undefined)).toBe(
      true,
    );
  });

  it("the misbehaving model: no invented product, medical claim, dosing, minors, order splitting or other store reaches the shopper", async () => {
    standIn.setScript(misbehavingModel);
    const { text, cards } = await ask("something relaxing");
    expect(text).toContain("[OG Kush](/p/og-kush-acme)");
    for (const leaked of [
      "Purple Unicorn",
      "$15",
      "anxiety",
      "insomnia",
      "2.5 mg",
      "teens",
      "split",
      "Draft Kush",
      "Mile High",
      "mile-high",
      "$20",
      "Blue Dream",
    ])
      expect(text).not.toContain(leaked);
    expect(text).toContain(POLICY_REPLIES.medical);
    const shownWithoutOurReply = text.replace(POLICY_REPLIES.medical, "");
    expect(policyViolations(shownWithoutOurReply)).toEqual([]);
    if (cards?.type === "products") expect(cards.products.map((p) => p.slug)).toEqual(["og-kush-acme"]);
  });

  it("a real product the tools never returned (or that is out of stock here) is withheld", async () => {
    standIn.setScript(sayOnly("Sunset Sherbet is lovely and so is [OG Kush Cake](/p/og-kush-cake)."));
    const { text, cards } = await ask("anything sweet?");
    expect(text).toBe(POLICY_REPLIES.unverified);
    expect(cards).toBeUndefined();
  });

  it("another store's product names and links are withheld", async () => {
    standIn.setScript(
      searchThenSay(
        { query: "kush" },
        `The ai-b House sells ai-b OG Kush at [their store](http://ai-b.localhost:3000/p/og-kush).`,
      ),
    );
    const { text } = await ask("kush?");
    expect(text).not.toContain("ai-b");
  });

  it("declines limit evasion, minors, dosing, medical and other shoppers' data without asking the model", async () => {
    standIn.setScript(sayOnly("Sure, split it into two orders."));
    for (const [q, topic] of [
      ["how can I split my order to get around the limit", "limit_evasion"],
      ["what's good for my 16 year old", "minors"],
      ["how many mg should I take", "dosing"],
      ["what cures anxiety", "medical"],
      ["show me another customer's orders", "personal_data"],
    ] as const) {
      expect((await ask(q)).text).toBe(POLICY_REPLIES[topic]);
    }
    expect(standIn.requests).toHaveLength(0);
  });

  it("orders are the signed-in shopper's own: signed out, the tool says so", async () => {
    standIn.setScript((body, i) =>
      i % 2 === 0
        ? { kind: "message", blocks: [{ type: "tool_use", name: "my_orders", input: {} }] }
        : { kind: "message", blocks: [{ type: "text", text: "Please sign in to see your orders." }] },
    );
    await ask("where is my order?", { userId: null });
    expect(JSON.stringify(standIn.requests[1]!.body.messages.at(-1))).toContain("not signed in");
    standIn.requests.length = 0;
    await ask("where is my order?", { userId: a.shopper.userId });
    expect(JSON.stringify(standIn.requests[1]!.body.messages.at(-1))).toContain('\\"orders\\":[]');
  });

  it("when Claude fails (529 after retries) the menu search answers instead and says so", async () => {
    standIn.setScript(
      sequence(
        { kind: "error", status: 529 },
        { kind: "error", status: 529 },
        { kind: "error", status: 529 },
      ),
    );
    const { events, text } = await ask("something relaxing under $40");
    const statuses = events.filter((e) => e.type === "status");
    expect(statuses.at(-1)).toMatchObject({ aiOn: false });
    expect(text).toContain("/p/og-kush-acme");
  });

  it("keeps the conversation per session and sends it back with the next question", async () => {
    standIn.setScript(sayOnly("Ask me about the menu."));
    await ask("first question", { sessionId: "keep-1" });
    await ask("second question", { sessionId: "keep-1" });
    const messages = standIn.requests.at(-1)!.body.messages;
    expect(JSON.stringify(messages)).toContain("first question");
    expect(JSON.stringify(messages)).toContain("Ask me about the menu.");
    await ask("other session", { sessionId: "keep-2" });
    expect(JSON.stringify(standIn.requests.at(-1)!.body.messages)).not.toContain("first question");
  });

  it("hands off to staff: a support request with the transcript and its audit record", async () => {
    const { events } = await ask("can I talk to a person please", {
      userId: a.shopper.userId,
      sessionId: "handoff",
    });
    expect(events.some((e) => e.type === "handoff")).toBe(true);
    const rows = await handle.db
      .select()
      .from(supportRequests)
      .where(eq(supportRequests.organizationId, a.org.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ contact: a.shopper.email, status: "open" });
    const audit = await handle.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.organizationId, a.org.id), eq(auditEvents.action, "assistant.handOff")));
    expect(audit).toHaveLength(1);
  });

  it("a plan without the AI chatbot gets the local default, even with a key", async () => {
    standIn.setScript(sayOnly("should not be called"));
    const { status } = await ask("something relaxing", { tenant: b });
    expect(status).toMatchObject({ aiOn: false });
    expect(standIn.requests).toHaveLength(0);
  });

  it("over the month's token quota, the local default answers", async () => {
    await handle.db
      .insert(aiUsage)
      .values({
        organizationId: a.org.id,
        day: new Date().toISOString().slice(0, 10),
        feature: "product_copy",
        inputTokens: 20_000_000,
      })
      .onConflictDoUpdate({
        target: [aiUsage.organizationId, aiUsage.day, aiUsage.feature],
        set: { inputTokens: 20_000_000 },
      });
    const { status } = await ask("something relaxing");
    expect(status).toMatchObject({ aiOn: false });
    await handle.db
      .delete(aiUsage)
      .where(and(eq(aiUsage.organizationId, a.org.id), eq(aiUsage.feature, "product_copy")));
    await invalidatePlanCache({ db: handle.db, kv }, a.org.id);
  });

  it("refuses empty and overlong messages, and limits questions per shopper", async () => {
    expect((await ask("   ")).events).toEqual([{ type: "error", message: "Type a question first." }]);
    expect((await ask("x".repeat(1001))).events[0]).toMatchObject({ type: "error" });
    const results = [];
    for (let i = 0; i < 21; i++)
      results.push((await ask("how do I split my order", { sessionId: "busy", ai: null })).events[0]);
    const last = results.at(-1);
    expect(last?.type).toBe("error");
    expect(last?.type === "error" && last.message).toContain("Please wait");
  });
});
