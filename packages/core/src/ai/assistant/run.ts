import type { Database } from "@cannasaas/db/client";
import { AiError, type AiBlock, type AiMessage, type AiProvider } from "@cannasaas/integrations/ai";
import type { KV } from "@cannasaas/integrations/kv";
import type { Logger } from "@cannasaas/integrations/logger";
import {
  checkSegment,
  POLICY_REPLIES,
  requestTopic,
  SentenceBuffer,
  toolResultText,
  type PolicyTopic,
  type StoreLinks,
} from "../guards";
import { aiModeFor, recordAiUsage, type AiMode } from "../usage";
import { HANDOFF_REQUEST, handOffToStaff } from "./handoff";
import { createLocalAssistant } from "./local-responder";
import { assistantSystemPrompt } from "./prompt";
import { loadChat, saveChat, type ChatTurn } from "./session";
import { loadStoreContext, mentionContext, type StoreContext } from "./store-context";
import { ASSISTANT_TOOLS, newGrounding, runTool, type Grounding, type ToolScope } from "./tools";

export const MAX_MESSAGE_CHARS = 1000;
const MAX_ROUNDS = 4;
const RATE = { perShopper: 20, perIp: 40, windowSeconds: 10 * 60 };

export type AssistantProductCard = {
  slug: string;
  name: string;
  brand: string | null;
  fromPriceCents: number;
  href: string;
};

/** What the chat panel receives, in order: one status, checked text, product cards, then done (or an error). */
export type AssistantEvent =
  | { type: "status"; aiOn: boolean; notice: string | null }
  | { type: "text"; text: string }
  | { type: "products"; products: AssistantProductCard[] }
  | { type: "handoff" }
  | { type: "done" }
  | { type: "error"; message: string };

export type AssistantDeps = {
  db: Database;
  kv: KV;
  clock: () => Date;
  ai?: AiProvider | null;
  log?: Logger;
  /** The storefront's pages, from the app: product links, the orders page, other pages an answer may link. */
  links: StoreLinks;
};

export type AssistantTurnInput = {
  organizationId: string;
  store: { name: string; state: string; timeZone: string };
  /** A random id from the shopper's chat cookie; conversations are kept per session. */
  sessionId: string;
  userId: string | null;
  locationId: string | null;
  ip: string | null;
  message: string;
  signal?: AbortSignal;
};

export const AI_OFF_NOTICE =
  "AI is off: answers come from a search of this store's menu, with fixed wording.";
const AI_DOWN_NOTICE = "AI answers are unavailable right now: this answer comes from a search of the menu.";

/** Refusals before any work: empty, too long, too many questions. */
async function refusal(deps: AssistantDeps, input: AssistantTurnInput): Promise<string | null> {
  const message = input.message.trim();
  if (!message) return "Type a question first.";
  if (message.length > MAX_MESSAGE_CHARS) return `Keep your question under ${MAX_MESSAGE_CHARS} characters.`;
  const who = input.userId ?? input.sessionId;
  const checks = [
    deps.kv.rateLimit(`ai:chat:who:${input.organizationId}:${who}`, RATE.perShopper, RATE.windowSeconds),
  ];
  if (input.ip) checks.push(deps.kv.rateLimit(`ai:chat:ip:${input.ip}`, RATE.perIp, RATE.windowSeconds));
  const results = await Promise.all(checks);
  if (results.some((r) => !r.allowed))
    return "You've asked a lot of questions in a short time. Please wait a few minutes.";
  return null;
}

/**
 * One shopper question, answered as a stream of checked events. The model (or the local default) may call the
 * store's tools; its text is cut into sentences and each is shown only after the guards pass it, so nothing
 * ungrounded or against policy reaches the shopper, whatever the model says.
 */
export async function* runAssistantTurn(
  deps: AssistantDeps,
  input: AssistantTurnInput,
): AsyncGenerator<AssistantEvent> {
  const refused = await refusal(deps, input);
  if (refused) {
    yield { type: "error", message: refused };
    return;
  }
  const now = deps.clock();
  const message = input.message.trim();
  const [history, store, mode] = await Promise.all([
    loadChat(deps.kv, input.organizationId, input.sessionId),
    loadStoreContext(deps, input.organizationId, input.store),
    aiModeFor(deps, input.organizationId, "assistant", now),
  ]);
  yield {
    type: "status",
    aiOn: mode.mode === "claude",
    notice: mode.mode === "claude" ? null : AI_OFF_NOTICE,
  };
  const turns: ChatTurn[] = [...history, { role: "shopper", text: message }];
  const finish = async (answer: string) => {
    await saveChat(deps.kv, input.organizationId, input.sessionId, [
      ...turns,
      { role: "assistant", text: answer },
    ]);
  };

  if (HANDOFF_REQUEST.test(message)) {
    await handOffToStaff(deps.db, { ...input, message, transcript: turns, at: now });
    const answer = `I've passed your message to the staff at ${store.name}. ${input.userId ? "They can reply to the email on your account." : "Sign in or call the store so they can reach you."}`;
    yield { type: "handoff" };
    yield { type: "text", text: answer };
    await finish(answer);
    yield { type: "done" };
    return;
  }
  const topic = requestTopic(message);
  if (topic) {
    yield { type: "text", text: POLICY_REPLIES[topic] };
    await finish(POLICY_REPLIES[topic]);
    yield { type: "done" };
    return;
  }

  const locationId = store.locations.some((l) => l.id === input.locationId) ? input.locationId : null;
  const scope: ToolScope = {
    ...deps,
    now,
    organizationId: input.organizationId,
    store: input.store,
    locationId,
    userId: input.userId,
  };
  const grounding = newGrounding();
  const answer = new Answer(store, grounding, message, deps.links);
  try {
    yield* converse(deps, mode, scope, store, history, answer, input);
  } catch (error) {
    if (!(error instanceof AiError)) throw error;
    deps.log?.warn({ kind: error.kind, status: error.status }, "assistant model failed");
    if (answer.shown.length > 0) {
      yield { type: "text", text: " Sorry, the answer was cut off. Please ask again." };
    } else {
      // Nothing reached the shopper yet: answer from the menu search instead, and say so.
      yield { type: "status", aiOn: false, notice: AI_DOWN_NOTICE };
      yield* converse(deps, { mode: "local", reason: "no_key" }, scope, store, history, answer, input);
    }
  }
  for (const text of answer.closing()) yield { type: "text", text };
  const cards = answer.cards();
  if (cards.length) yield { type: "products", products: cards };
  await finish(answer.shown.join(""));
  yield { type: "done" };
}

/** The model's (or local default's) rounds: stream, check each sentence, run tools, until it stops calling them. */
async function* converse(
  deps: AssistantDeps,
  mode: AiMode,
  scope: ToolScope,
  store: StoreContext,
  history: ChatTurn[],
  answer: Answer,
  input: AssistantTurnInput,
): AsyncGenerator<AssistantEvent> {
  const provider = mode.mode === "claude" ? mode.provider : createLocalAssistant();
  const location = store.locations.find((l) => l.id === scope.locationId);
  const system = assistantSystemPrompt(
    {
      name: store.name,
      stateName: store.stateName,
      categories: store.categories,
      locations: store.locations.map((l) => l.label),
    },
    {
      localTime: scope.now.toLocaleString("en-US", {
        timeZone: scope.store.timeZone,
        dateStyle: "full",
        timeStyle: "short",
      }),
      locationName: location?.name ?? null,
      signedIn: scope.userId !== null,
    },
  );
  const messages: AiMessage[] = [
    ...history.map((t): AiMessage => ({
      role: t.role === "shopper" ? "user" : "assistant",
      content: t.text,
    })),
    { role: "user", content: answer.question },
  ];
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const buffer = new SentenceBuffer();
    const blocks: AiBlock[] = [];
    let text = "";
    for await (const event of provider.stream({
      system,
      messages,
      tools: ASSISTANT_TOOLS,
      maxTokens: 700,
      signal: input.signal,
    })) {
      if (event.type === "text") {
        text += event.text;
        for (const sentence of buffer.push(event.text)) {
          const shown = answer.check(sentence);
          if (shown) yield { type: "text", text: shown };
        }
      } else if (event.type === "tool_use") {
        blocks.push(event.block);
      } else {
        await recordAiUsage(
          deps.db,
          scope.organizationId,
          "assistant",
          scope.now,
          provider.kind === "local" ? "local" : event.usage,
        );
      }
    }
    for (const sentence of buffer.flush()) {
      const shown = answer.check(sentence);
      if (shown) yield { type: "text", text: shown };
    }
    const toolUses = blocks.filter((b) => b.type === "tool_use");
    if (toolUses.length === 0) return;
    messages.push({
      role: "assistant",
      content: [...(text ? [{ type: "text" as const, text }] : []), ...toolUses],
    });
    const results: AiBlock[] = [];
    for (const call of toolUses) {
      const data = await runTool(scope, answer.grounding, call.name, call.input);
      results.push({
        type: "tool_result",
        toolUseId: call.id,
        content: toolResultText(data),
        ...("error" in data ? { isError: true } : {}),
      });
    }
    messages.push({ role: "user", content: results });
  }
}

/** The answer as the shopper sees it: sentences that passed, and what was withheld and why. */
class Answer {
  readonly shown: string[] = [];
  private readonly withheld: { policy: PolicyTopic[] }[] = [];
  constructor(
    private readonly store: StoreContext,
    readonly grounding: Grounding,
    readonly question: string,
    private readonly links: StoreLinks,
  ) {}

  /** The sentence if it passes the guards, else null (and it is remembered as withheld). */
  check(sentence: string): string | null {
    const verdict = checkSegment(
      sentence,
      mentionContext(this.store, this.grounding, this.question, this.links),
    );
    if (verdict.ok) {
      // Sentences from two rounds (before and after a tool call) need a space between them.
      const last = this.shown.at(-1);
      const text = last && !/\s$/.test(last) && !/^\s/.test(sentence) ? ` ${sentence}` : sentence;
      this.shown.push(text);
      return text;
    }
    this.withheld.push({ policy: verdict.policy });
    return null;
  }

  /** A plain fallback when everything was withheld, or a note when part of the answer was. */
  closing(): string[] {
    if (this.withheld.length === 0) return [];
    const topic = this.withheld.flatMap((w) => w.policy)[0];
    const reply = topic ? POLICY_REPLIES[topic] : POLICY_REPLIES.unverified;
    if (this.shown.length === 0) {
      this.shown.push(reply);
      return [reply];
    }
    const note = topic
      ? ` ${reply}`
      : " (I left out part of the answer that I couldn't check against the menu.)";
    this.shown.push(note);
    return [note];
  }

  /** Cards for the grounded products the shown answer names or links. */
  cards(): AssistantProductCard[] {
    const text = this.shown.join(" ").toLowerCase();
    return [...this.grounding.allowed.values()]
      .filter((p) => text.includes(this.links.product(p.slug)) || text.includes(p.name.toLowerCase()))
      .slice(0, 6)
      .map((p) => ({
        slug: p.slug,
        name: p.name,
        brand: p.brand,
        fromPriceCents: Math.min(...p.priceCents),
        href: this.links.product(p.slug),
      }));
  }
}
