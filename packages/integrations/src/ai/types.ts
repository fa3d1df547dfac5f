/**
 * The AI port: a conversation with a model that can call tools, streamed. Shaped after the Messages API, but
 * nothing here depends on a vendor's SDK, so the product's code and its guards work the same with any adapter.
 */

export type AiTextBlock = { type: "text"; text: string };
export type AiToolUseBlock = { type: "tool_use"; id: string; name: string; input: Record<string, unknown> };
/** What a tool answered. Tool results are data for the model, never instructions (see the system prompt). */
export type AiToolResultBlock = {
  type: "tool_result";
  toolUseId: string;
  content: string;
  isError?: boolean;
};
export type AiBlock = AiTextBlock | AiToolUseBlock | AiToolResultBlock;

export type AiMessage = { role: "user" | "assistant"; content: string | AiBlock[] };

export type AiTool = {
  name: string;
  description: string;
  /** A JSON Schema object describing the tool's input. */
  inputSchema: Record<string, unknown>;
};

/** One part of the system prompt; `cache` marks the end of a long, stable prefix (instructions, catalog). */
export type AiSystemPart = { text: string; cache?: boolean };

export type AiRequest = {
  system: AiSystemPart[];
  messages: AiMessage[];
  tools?: AiTool[];
  maxTokens: number;
  temperature?: number;
  signal?: AbortSignal;
};

export type AiUsage = {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
};

export const NO_USAGE: AiUsage = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };

export type AiStopReason = "end_turn" | "tool_use" | "max_tokens" | "stop_sequence" | "refusal" | "other";

/** What a streamed turn yields: text as it arrives, each complete tool call, then exactly one `done`. */
export type AiStreamEvent =
  | { type: "text"; text: string }
  | { type: "tool_use"; block: AiToolUseBlock }
  | { type: "done"; stopReason: AiStopReason; usage: AiUsage };

export type AiErrorKind =
  "rate_limited" | "overloaded" | "server" | "timeout" | "bad_output" | "refused" | "config";

/** A failed turn, with a kind callers can act on; the message never carries the key or the prompt. */
export class AiError extends Error {
  override name = "AiError";
  constructor(
    readonly kind: AiErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export interface AiProvider {
  /** "local" answers without any network and without a model: the interface says AI is off. */
  readonly kind: "claude" | "local";
  readonly model: string;
  stream(request: AiRequest): AsyncIterable<AiStreamEvent>;
}

/** Runs a turn to its end and gathers it: the text, the tool calls and the usage. */
export async function completeTurn(provider: AiProvider, request: AiRequest) {
  let text = "";
  const toolUses: AiToolUseBlock[] = [];
  let stopReason: AiStopReason = "other";
  let usage = NO_USAGE;
  for await (const event of provider.stream(request)) {
    if (event.type === "text") text += event.text;
    else if (event.type === "tool_use") toolUses.push(event.block);
    else {
      stopReason = event.stopReason;
      usage = event.usage;
    }
  }
  return { text, toolUses, stopReason, usage };
}
