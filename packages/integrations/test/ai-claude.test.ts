import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AiError,
  aiSettingsFrom,
  completeTurn,
  createAiProvider,
  createClaudeProvider,
  DEFAULT_ANTHROPIC_MODEL,
  type AiRequest,
  type AiStreamEvent,
} from "../src/ai";
import { startAnthropicStandIn, type AnthropicStandIn, type StandInReply } from "../src/testing";

const KEY = "sk-ant-test-0123456789";
let standIn: AnthropicStandIn;
let replies: StandInReply[] = [];
beforeAll(async () => {
  standIn = await startAnthropicStandIn({
    apiKey: KEY,
    script: (_body, i) => replies[i] ?? { kind: "hang" },
  });
});
afterAll(async () => standIn?.close());

/** Plays these replies to the next requests, in order. */
function play(...next: StandInReply[]) {
  standIn.requests.length = 0;
  replies = next;
}

const claude = (overrides: Partial<Parameters<typeof createClaudeProvider>[0]> = {}) =>
  createClaudeProvider({ apiKey: KEY, baseUrl: standIn.url, timeoutMs: 1_500, maxRetries: 2, ...overrides });

const request: AiRequest = {
  system: [{ text: "You are the store's assistant. ".repeat(40), cache: true }, { text: "Today is Sunday." }],
  messages: [{ role: "user", content: "Something relaxing under $40?" }],
  tools: [
    {
      name: "search_products",
      description: "Search the menu",
      inputSchema: { type: "object", properties: { query: { type: "string" } } },
    },
  ],
  maxTokens: 512,
};

async function collect(events: AsyncIterable<AiStreamEvent>) {
  const out: AiStreamEvent[] = [];
  for await (const e of events) out.push(e);
  return out;
}

async function failure(promise: Promise<unknown>): Promise<AiError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AiError);
  return error as AiError;
}

describe("Claude adapter against the Messages API stand-in", () => {
  it("streams text in deltas and reports the stop reason and usage", async () => {
    play({ kind: "message", blocks: [{ type: "text", text: "Here are two calm options from our menu." }] });
    const events = await collect(claude().stream(request));
    const texts = events.filter((e) => e.type === "text");
    expect(texts.length).toBeGreaterThan(1);
    expect(texts.map((e) => (e.type === "text" ? e.text : "")).join("")).toBe(
      "Here are two calm options from our menu.",
    );
    const done = events.at(-1);
    expect(done).toMatchObject({ type: "done", stopReason: "end_turn" });
    if (done?.type === "done") expect(done.usage.outputTokens).toBeGreaterThan(0);
  });

  it("sends the key, the model, the tools and cache_control on the stable system prefix only", async () => {
    play({ kind: "message", blocks: [{ type: "text", text: "ok" }] });
    await completeTurn(claude({ model: "claude-haiku-5-5" }), request);
    const [sent] = standIn.requests;
    expect([sent?.headers["x-api-key"], sent?.headers.authorization]).toContain(
      sent?.headers["x-api-key"] ? KEY : `Bearer ${KEY}`,
    );
    expect(sent?.body.model).toBe("claude-haiku-5-5");
    expect(sent?.body.stream).toBe(true);
    expect(sent?.body.tools?.[0]).toMatchObject({
      name: "search_products",
      input_schema: { type: "object" },
    });
    const system = sent?.body.system as { text: string; cache_control?: unknown }[];
    expect(system[0]?.cache_control).toEqual({ type: "ephemeral" });
    expect(system[1]?.cache_control).toBeUndefined();
  });

  it("reads cache writes on the first call and cache reads on the next", async () => {
    const cachedRequest = { ...request, system: [{ text: "Catalog: ".repeat(300), cache: true }] };
    play(
      { kind: "message", blocks: [{ type: "text", text: "one" }] },
      { kind: "message", blocks: [{ type: "text", text: "two" }] },
    );
    const first = await completeTurn(claude(), cachedRequest);
    const second = await completeTurn(claude(), cachedRequest);
    expect(first.usage.cacheWriteTokens).toBeGreaterThan(0);
    expect(second.usage.cacheReadTokens).toBe(first.usage.cacheWriteTokens);
    expect(second.usage.cacheWriteTokens).toBe(0);
  });

  it("assembles a tool call from streamed JSON fragments", async () => {
    play({
      kind: "message",
      blocks: [
        { type: "text", text: "Let me look." },
        { type: "tool_use", name: "search_products", input: { query: "relaxing", maxPriceCents: 4000 } },
      ],
    });
    const turn = await completeTurn(claude(), request);
    expect(turn.stopReason).toBe("tool_use");
    expect(turn.toolUses).toEqual([
      expect.objectContaining({ name: "search_products", input: { query: "relaxing", maxPriceCents: 4000 } }),
    ]);
    expect(turn.toolUses[0]?.id).toMatch(/^toolu_/);
  });

  it("passes tool results back as tool_result blocks", async () => {
    play({ kind: "message", blocks: [{ type: "text", text: "done" }] });
    await completeTurn(claude(), {
      ...request,
      messages: [
        { role: "user", content: "hi" },
        {
          role: "assistant",
          content: [{ type: "tool_use", id: "toolu_1", name: "search_products", input: {} }],
        },
        {
          role: "user",
          content: [{ type: "tool_result", toolUseId: "toolu_1", content: "[]", isError: true }],
        },
      ],
    });
    expect(standIn.requests[0]?.body.messages[2]?.content).toEqual([
      { type: "tool_result", tool_use_id: "toolu_1", content: "[]", is_error: true },
    ]);
  });

  it("retries 429 and 500 with backoff, then answers", async () => {
    play(
      { kind: "error", status: 429, retryAfterSeconds: 0 },
      { kind: "error", status: 500 },
      { kind: "message", blocks: [{ type: "text", text: "after retries" }] },
    );
    const turn = await completeTurn(claude(), request);
    expect(turn.text).toBe("after retries");
    expect(standIn.requests).toHaveLength(3);
  });

  it("gives up after the retries with the kind of failure: overloaded, rate limited, server", async () => {
    play({ kind: "error", status: 529 }, { kind: "error", status: 529 }, { kind: "error", status: 529 });
    expect((await failure(completeTurn(claude(), request))).kind).toBe("overloaded");
    expect(standIn.requests).toHaveLength(3);
    play({ kind: "error", status: 429, retryAfterSeconds: 0 });
    expect((await failure(completeTurn(claude({ maxRetries: 0 }), request))).kind).toBe("rate_limited");
    play({ kind: "error", status: 500 });
    expect((await failure(completeTurn(claude({ maxRetries: 0 }), request))).kind).toBe("server");
  });

  it("a refused key is a configuration problem and is not retried", async () => {
    play({ kind: "message", blocks: [{ type: "text", text: "never" }] });
    const error = await failure(completeTurn(claude({ apiKey: "sk-ant-wrong-000000" }), request));
    expect(error.kind).toBe("config");
    expect(error.message).not.toContain("sk-ant");
    expect(standIn.requests).toHaveLength(0);
  });

  it("times out when the server never answers, and when it goes silent mid-answer", async () => {
    play({ kind: "hang" });
    expect((await failure(completeTurn(claude({ maxRetries: 0, timeoutMs: 400 }), request))).kind).toBe(
      "timeout",
    );
    play({ kind: "stall" });
    const started = Date.now();
    expect((await failure(completeTurn(claude({ idleTimeoutMs: 300 }), request))).kind).toBe("timeout");
    expect(Date.now() - started).toBeLessThan(1_400);
  });

  it("malformed output is an error, never a half answer: broken tool JSON, a non-JSON stream, an empty body", async () => {
    play({ kind: "malformed", shape: "tool_json" });
    expect((await failure(completeTurn(claude(), request))).kind).toBe("bad_output");
    play({ kind: "malformed", shape: "not_json" });
    expect((await failure(completeTurn(claude({ maxRetries: 0 }), request))).kind).toBe("bad_output");
    play({ kind: "malformed", shape: "empty_body" });
    expect((await failure(completeTurn(claude({ maxRetries: 0 }), request))).kind).toBe("bad_output");
  });

  it("an error event in the middle of a stream fails the turn", async () => {
    play({ kind: "midstream_error" });
    const error = await failure(completeTurn(claude({ maxRetries: 0 }), request));
    expect(["overloaded", "server"]).toContain(error.kind);
  });

  it("cancelling the caller's signal stops the request", async () => {
    play({ kind: "hang" });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 150);
    const error = await failure(
      completeTurn(claude({ timeoutMs: 5_000 }), { ...request, signal: controller.signal }),
    );
    expect(error.kind).toBe("timeout");
  });
});

describe("AI settings", () => {
  it("no key means AI is off (no provider), blank values count as unset", () => {
    expect(aiSettingsFrom({})).toBeNull();
    expect(aiSettingsFrom({ ANTHROPIC_API_KEY: "  ", ANTHROPIC_MODEL: "" })).toBeNull();
    expect(createAiProvider(null)).toBeNull();
  });

  it("a key gives the Claude adapter with the default model, or the configured one and base URL", () => {
    expect(aiSettingsFrom({ ANTHROPIC_API_KEY: KEY })).toMatchObject({
      model: DEFAULT_ANTHROPIC_MODEL,
      timeoutMs: 30_000,
      maxRetries: 2,
    });
    const settings = aiSettingsFrom({
      ANTHROPIC_API_KEY: KEY,
      ANTHROPIC_MODEL: "claude-haiku-5-5",
      ANTHROPIC_BASE_URL: "http://127.0.0.1:9999",
      ANTHROPIC_TIMEOUT_MS: "5000",
    });
    expect(settings).toMatchObject({
      model: "claude-haiku-5-5",
      baseUrl: "http://127.0.0.1:9999",
      timeoutMs: 5000,
    });
    expect(createAiProvider(settings)).toMatchObject({ kind: "claude", model: "claude-haiku-5-5" });
  });

  it("refuses a bad base URL naming the variable but never echoing the key", () => {
    expect(() => aiSettingsFrom({ ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: "ftp://x" })).toThrow(
      /ANTHROPIC_BASE_URL/,
    );
    expect(() => aiSettingsFrom({ ANTHROPIC_API_KEY: "short" })).toThrow(/ANTHROPIC_API_KEY/);
    try {
      aiSettingsFrom({ ANTHROPIC_API_KEY: "short" });
    } catch (e) {
      expect(String(e)).not.toContain("short");
    }
  });
});
