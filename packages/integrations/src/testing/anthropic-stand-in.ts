import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A block the scripted model answers with; tool_use ids are made up by the stand-in. */
export type StandInBlock =
  { type: "text"; text: string } | { type: "tool_use"; name: string; input: unknown };

/**
 * What the stand-in does with one request:
 * - message: a well-formed answer, streamed as SSE when the request asks for a stream, else JSON;
 * - error: an HTTP error with Anthropic's error body (429 rate_limit_error, 500 api_error, 529 overloaded_error);
 * - hang: accepts the request and never answers (a time-out);
 * - stall: starts the stream, sends the first text delta, then goes silent;
 * - malformed: a stream whose tool call carries broken JSON, or a body that is not JSON, or an empty 200 body;
 * - midstream_error: a stream that starts and then sends an `error` event, as the API does when overloaded.
 */
export type StandInReply =
  | { kind: "message"; blocks: StandInBlock[]; stopReason?: string }
  | { kind: "error"; status: 429 | 500 | 529 | 400 | 401; retryAfterSeconds?: number }
  | { kind: "hang" }
  | { kind: "stall" }
  | { kind: "malformed"; shape: "tool_json" | "not_json" | "empty_body" }
  | { kind: "midstream_error" };

export type StandInRequestBody = {
  model: string;
  max_tokens: number;
  stream?: boolean;
  system?: { type: "text"; text: string; cache_control?: { type: string } }[] | string;
  messages: { role: string; content: unknown }[];
  tools?: { name: string; description?: string; input_schema: unknown }[];
};

export type StandInRequest = {
  headers: Record<string, string | string[] | undefined>;
  body: StandInRequestBody;
};

/** Decides each reply from the request and how many requests came before it (0-based). */
export type StandInScript = (request: StandInRequestBody, index: number) => StandInReply;

export type AnthropicStandIn = {
  /** Base URL to hand to the adapter as ANTHROPIC_BASE_URL. */
  url: string;
  requests: StandInRequest[];
  /** Replaces the script for the requests that follow. */
  setScript(script: StandInScript): void;
  close(): Promise<void>;
};

/** Rough token count (about four characters a token), enough for usage figures to move with the prompt. */
const tokens = (text: string) => Math.max(1, Math.ceil(text.length / 4));

const errorTypes: Record<number, string> = {
  400: "invalid_request_error",
  401: "authentication_error",
  429: "rate_limit_error",
  500: "api_error",
  529: "overloaded_error",
};

/** Splits text into small deltas the way a streamed answer arrives. */
function chunks(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out.length ? out : [""];
}

/**
 * A local HTTP stand-in for Anthropic's Messages API (`POST /v1/messages`): checks the key (x-api-key or a bearer token) and the version header,
 * streams SSE events (message_start, content_block_start/delta/stop with text_delta and input_json_delta,
 * message_delta with usage, message_stop), honours prompt caching by reporting cache writes the first time a
 * cached system prefix is seen and cache reads after, and fails on demand. Every request is recorded.
 */
export async function startAnthropicStandIn(opts: {
  apiKey: string;
  script: StandInScript;
  /** Delay before each streamed event after the first, to look like a model generating (default 0). */
  eventDelayMs?: number;
  /** Delay before the first byte of a reply: the model's own time to first token (default 0). */
  firstByteDelayMs?: number;
  /** false closes the connection after every reply, so no request ever lands on a socket being torn down. */
  keepAlive?: boolean;
}): Promise<AnthropicStandIn> {
  let script = opts.script;
  const requests: StandInRequest[] = [];
  const cachedPrefixes = new Set<string>();
  const hanging = new Set<ServerResponse>();
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  const sendError = (res: ServerResponse, status: number, message: string, retryAfter?: number) => {
    res.writeHead(status, {
      "content-type": "application/json",
      ...(retryAfter !== undefined ? { "retry-after": String(retryAfter) } : {}),
    });
    res.end(JSON.stringify({ type: "error", error: { type: errorTypes[status] ?? "api_error", message } }));
  };

  const usageFor = (body: StandInRequestBody) => {
    const system =
      typeof body.system === "string" ? [{ type: "text" as const, text: body.system }] : (body.system ?? []);
    let cachedText = "";
    let cacheEnd = -1;
    system.forEach((part, i) => {
      if (part.cache_control) cacheEnd = i;
    });
    for (let i = 0; i <= cacheEnd; i++) cachedText += system[i]?.text ?? "";
    const rest =
      system
        .slice(cacheEnd + 1)
        .map((p) => p.text)
        .join("") + JSON.stringify(body.messages);
    const cached = cacheEnd >= 0 ? tokens(cachedText) : 0;
    const hit = cacheEnd >= 0 && cachedPrefixes.has(cachedText);
    if (cacheEnd >= 0) cachedPrefixes.add(cachedText);
    return {
      input_tokens: tokens(rest),
      output_tokens: 1,
      cache_creation_input_tokens: hit ? 0 : cached,
      cache_read_input_tokens: hit ? cached : 0,
    };
  };

  async function streamMessage(res: ServerResponse, body: StandInRequestBody, reply: StandInReply) {
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
    const send = async (event: string, data: unknown, delay = true) => {
      if (delay && opts.eventDelayMs) await sleep(opts.eventDelayMs);
      if (!res.destroyed) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    };
    const usage = usageFor(body);
    const id = `msg_${randomBytes(8).toString("hex")}`;
    await send(
      "message_start",
      {
        type: "message_start",
        message: {
          id,
          type: "message",
          role: "assistant",
          model: body.model,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage,
        },
      },
      false,
    );
    if (reply.kind === "stall") {
      await send("content_block_start", {
        type: "content_block_start",
        index: 0,
        content_block: { type: "text", text: "" },
      });
      await send("content_block_delta", {
        type: "content_block_delta",
        index: 0,
        delta: { type: "text_delta", text: "Let me check" },
      });
      hanging.add(res);
      return;
    }
    if (reply.kind === "midstream_error") {
      await send("content_block_start", {
        type: "content_block_start",
        index: 0,
        content_block: { type: "text", text: "" },
      });
      await send("error", { type: "error", error: { type: "overloaded_error", message: "Overloaded" } });
      res.end();
      return;
    }
    const blocks: StandInBlock[] =
      reply.kind === "malformed"
        ? [{ type: "tool_use", name: "search_products", input: {} }]
        : reply.kind === "message"
          ? reply.blocks
          : [];
    let output = 0;
    for (const [index, block] of blocks.entries()) {
      if (block.type === "text") {
        await send("content_block_start", {
          type: "content_block_start",
          index,
          content_block: { type: "text", text: "" },
        });
        for (const text of chunks(block.text, 12)) {
          await send("content_block_delta", {
            type: "content_block_delta",
            index,
            delta: { type: "text_delta", text },
          });
        }
        output += tokens(block.text);
      } else {
        const toolId = `toolu_${randomBytes(8).toString("hex")}`;
        await send("content_block_start", {
          type: "content_block_start",
          index,
          content_block: { type: "tool_use", id: toolId, name: block.name, input: {} },
        });
        const json = reply.kind === "malformed" ? '{"query": "rel' : JSON.stringify(block.input);
        for (const partial of chunks(json, 10)) {
          await send("content_block_delta", {
            type: "content_block_delta",
            index,
            delta: { type: "input_json_delta", partial_json: partial },
          });
        }
        output += tokens(json);
      }
      await send("content_block_stop", { type: "content_block_stop", index });
    }
    const stopReason =
      reply.kind === "message"
        ? (reply.stopReason ?? (blocks.some((b) => b.type === "tool_use") ? "tool_use" : "end_turn"))
        : "tool_use";
    await send("message_delta", {
      type: "message_delta",
      delta: { stop_reason: stopReason, stop_sequence: null },
      usage: { output_tokens: output },
    });
    await send("message_stop", { type: "message_stop" });
    res.end();
  }

  function jsonMessage(
    res: ServerResponse,
    body: StandInRequestBody,
    blocks: StandInBlock[],
    stopReason?: string,
  ) {
    const usage = usageFor(body);
    const content = blocks.map((b) =>
      b.type === "text"
        ? b
        : { type: "tool_use", id: `toolu_${randomBytes(8).toString("hex")}`, name: b.name, input: b.input },
    );
    res.writeHead(200, { "content-type": "application/json" });
    res.end(
      JSON.stringify({
        id: `msg_${randomBytes(8).toString("hex")}`,
        type: "message",
        role: "assistant",
        model: body.model,
        content,
        stop_reason: stopReason ?? (blocks.some((b) => b.type === "tool_use") ? "tool_use" : "end_turn"),
        stop_sequence: null,
        usage: { ...usage, output_tokens: tokens(JSON.stringify(content)) },
      }),
    );
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunksIn: Buffer[] = [];
    for await (const chunk of req) chunksIn.push(chunk as Buffer);
    if (req.method !== "POST" || !req.url?.startsWith("/v1/messages"))
      return sendError(res, 404, "Not found");
    // The API takes the key as x-api-key; newer SDKs send it as a bearer token.
    const bearer = req.headers.authorization?.replace(/^Bearer /, "");
    if (req.headers["x-api-key"] !== opts.apiKey && bearer !== opts.apiKey)
      return sendError(res, 401, "invalid x-api-key");
    if (!req.headers["anthropic-version"]) return sendError(res, 400, "anthropic-version header is required");
    let body: StandInRequestBody;
    try {
      body = JSON.parse(Buffer.concat(chunksIn).toString("utf8")) as StandInRequestBody;
    } catch {
      return sendError(res, 400, "body is not JSON");
    }
    if (!body.model || !body.max_tokens || !Array.isArray(body.messages) || body.messages.length === 0)
      return sendError(res, 400, "model, max_tokens and messages are required");
    const index = requests.length;
    requests.push({ headers: req.headers, body });
    const reply = script(body, index);
    if (opts.firstByteDelayMs) await sleep(opts.firstByteDelayMs);
    switch (reply.kind) {
      case "error":
        return sendError(res, reply.status, `scripted ${reply.status}`, reply.retryAfterSeconds);
      case "hang":
        hanging.add(res);
        return;
      case "malformed":
        if (reply.shape === "not_json") {
          res.writeHead(200, { "content-type": body.stream ? "text/event-stream" : "application/json" });
          res.end(body.stream ? "event: message_start\ndata: {not json\n\n" : "{not json");
          return;
        }
        if (reply.shape === "empty_body") {
          res.writeHead(200, { "content-type": body.stream ? "text/event-stream" : "application/json" });
          res.end();
          return;
        }
        return streamMessage(res, body, reply);
      default:
        if (!body.stream && reply.kind === "message")
          return jsonMessage(res, body, reply.blocks, reply.stopReason);
        return streamMessage(res, body, reply);
    }
  }

  const server = createServer((req, res) => {
    if (opts.keepAlive === false) res.shouldKeepAlive = false;
    handle(req, res).catch(() => {
      if (!res.headersSent) sendError(res, 500, "stand-in failed");
      else res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    setScript(next) {
      script = next;
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Text of the last user turn (a string, or the text of its blocks, tool results included). */
export function lastUserText(body: StandInRequestBody): string {
  const last = [...body.messages].reverse().find((m) => m.role === "user");
  if (!last) return "";
  if (typeof last.content === "string") return last.content;
  return (last.content as { type: string; text?: string; content?: unknown }[])
    .map((b) => (b.type === "text" ? (b.text ?? "") : typeof b.content === "string" ? b.content : ""))
    .join("\n");
}

/** True once the conversation holds a tool result, i.e. the model has already called a tool. */
export function hasToolResult(body: StandInRequestBody): boolean {
  return body.messages.some(
    (m) =>
      Array.isArray(m.content) && (m.content as { type: string }[]).some((b) => b.type === "tool_result"),
  );
}
