import Anthropic from "@anthropic-ai/sdk";
import {
  AiError,
  NO_USAGE,
  type AiBlock,
  type AiMessage,
  type AiProvider,
  type AiRequest,
  type AiStopReason,
  type AiStreamEvent,
  type AiToolUseBlock,
  type AiUsage,
} from "./types";

/** A current model that is fast enough for a chat panel and good at tool use; ANTHROPIC_MODEL overrides it. */
export const DEFAULT_ANTHROPIC_MODEL = "claude-sonnet-5-5";

export type ClaudeOptions = {
  apiKey: string;
  model?: string;
  /** Any server speaking the Messages API (a proxy, a stand-in in tests). */
  baseUrl?: string;
  /** Time allowed for the response to start (the SDK's request time-out). */
  timeoutMs?: number;
  /** Longest silence allowed between two streamed events once the answer has started. */
  idleTimeoutMs?: number;
  /** Retries on 408/409/429/5xx/529 and connection errors, with exponential backoff honouring Retry-After. */
  maxRetries?: number;
};

type SdkBlock = Anthropic.Messages.ContentBlockParam;

function toSdkContent(content: string | AiBlock[]): string | SdkBlock[] {
  if (typeof content === "string") return content;
  return content.map((block): SdkBlock => {
    if (block.type === "text") return { type: "text", text: block.text };
    if (block.type === "tool_use")
      return { type: "tool_use", id: block.id, name: block.name, input: block.input };
    return {
      type: "tool_result",
      tool_use_id: block.toolUseId,
      content: block.content,
      ...(block.isError ? { is_error: true } : {}),
    };
  });
}

const toSdkMessages = (messages: AiMessage[]): Anthropic.Messages.MessageParam[] =>
  messages.map((m) => ({ role: m.role, content: toSdkContent(m.content) }));

function stopReasonOf(raw: string | null | undefined): AiStopReason {
  switch (raw) {
    case "end_turn":
    case "tool_use":
    case "max_tokens":
    case "stop_sequence":
    case "refusal":
      return raw;
    default:
      return "other";
  }
}

/** Maps the SDK's errors to the port's kinds, so callers never import the SDK. */
export function aiErrorFrom(error: unknown): AiError {
  if (error instanceof AiError) return error;
  if (error instanceof Anthropic.APIConnectionTimeoutError)
    return new AiError("timeout", "The AI service did not answer in time.");
  if (error instanceof Anthropic.APIError) {
    const status = error.status as number | undefined;
    if (status === 429) return new AiError("rate_limited", "The AI service is rate limiting us.", status);
    if (status === 529) return new AiError("overloaded", "The AI service is overloaded.", status);
    if (status === 401 || status === 403)
      return new AiError("config", "The AI service refused our key.", status);
    if (status === undefined || status >= 500)
      return new AiError("server", "The AI service failed.", status ?? undefined);
    return new AiError("bad_output", `The AI service refused the request (${status}).`, status);
  }
  if (error instanceof Error && error.name === "AbortError")
    return new AiError("timeout", "The AI service stopped answering.");
  return new AiError("bad_output", "The AI service sent something we could not read.");
}

/** The Claude adapter: Messages API, streamed, with tool use and prompt caching of the stable system prefix. */
export function createClaudeProvider(options: ClaudeOptions): AiProvider {
  const model = options.model ?? DEFAULT_ANTHROPIC_MODEL;
  const idleTimeoutMs = options.idleTimeoutMs ?? 20_000;
  const client = new Anthropic({
    apiKey: options.apiKey,
    ...(options.baseUrl ? { baseURL: options.baseUrl } : {}),
    timeout: options.timeoutMs ?? 30_000,
    maxRetries: options.maxRetries ?? 2,
  });

  async function* stream(request: AiRequest): AsyncIterable<AiStreamEvent> {
    const abort = new AbortController();
    const onOuterAbort = () => abort.abort();
    request.signal?.addEventListener("abort", onOuterAbort);
    let idle: ReturnType<typeof setTimeout> | undefined;
    const armIdle = () => {
      clearTimeout(idle);
      idle = setTimeout(() => abort.abort(), idleTimeoutMs);
    };
    try {
      armIdle();
      const events = await client.messages.create(
        {
          model,
          max_tokens: request.maxTokens,
          ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
          system: request.system.map((part) => ({
            type: "text" as const,
            text: part.text,
            ...(part.cache ? { cache_control: { type: "ephemeral" as const } } : {}),
          })),
          messages: toSdkMessages(request.messages),
          ...(request.tools?.length
            ? {
                tools: request.tools.map((tool) => ({
                  name: tool.name,
                  description: tool.description,
                  input_schema: tool.inputSchema as Anthropic.Messages.Tool.InputSchema,
                })),
              }
            : {}),
          stream: true,
        },
        { signal: abort.signal },
      );
      let usage: AiUsage = { ...NO_USAGE };
      let stopReason: AiStopReason = "other";
      let tool: (Omit<AiToolUseBlock, "input"> & { json: string }) | null = null;
      let finished = false;
      for await (const event of events) {
        armIdle();
        switch (event.type) {
          case "message_start": {
            const u = event.message.usage;
            usage = {
              inputTokens: u.input_tokens ?? 0,
              outputTokens: u.output_tokens ?? 0,
              cacheReadTokens: u.cache_read_input_tokens ?? 0,
              cacheWriteTokens: u.cache_creation_input_tokens ?? 0,
            };
            break;
          }
          case "content_block_start":
            if (event.content_block.type === "tool_use") {
              tool = {
                type: "tool_use",
                id: event.content_block.id,
                name: event.content_block.name,
                json: "",
              };
            } else if (event.content_block.type === "text" && event.content_block.text) {
              yield { type: "text", text: event.content_block.text };
            }
            break;
          case "content_block_delta":
            if (event.delta.type === "text_delta") yield { type: "text", text: event.delta.text };
            else if (event.delta.type === "input_json_delta" && tool) tool.json += event.delta.partial_json;
            break;
          case "content_block_stop":
            if (tool) {
              yield {
                type: "tool_use",
                block: { type: "tool_use", id: tool.id, name: tool.name, input: parseToolInput(tool.json) },
              };
              tool = null;
            }
            break;
          case "message_delta":
            stopReason = stopReasonOf(event.delta.stop_reason);
            usage = { ...usage, outputTokens: event.usage.output_tokens ?? usage.outputTokens };
            break;
          case "message_stop":
            finished = true;
            break;
        }
      }
      if (!finished) throw new AiError("bad_output", "The AI service's answer ended early.");
      yield { type: "done", stopReason, usage };
    } catch (error) {
      if (request.signal?.aborted) throw new AiError("timeout", "The request was cancelled.");
      if (abort.signal.aborted) throw new AiError("timeout", "The AI service stopped answering.");
      throw aiErrorFrom(error);
    } finally {
      clearTimeout(idle);
      request.signal?.removeEventListener("abort", onOuterAbort);
    }
  }

  return { kind: "claude", model, stream };
}

function parseToolInput(json: string): Record<string, unknown> {
  if (json.trim() === "") return {};
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new AiError("bad_output", "The model sent a tool call we could not read.");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new AiError("bad_output", "The model sent a tool call that is not an object.");
  return value as Record<string, unknown>;
}
