import { eq } from "drizzle-orm";
import type { Database, DbOrTx } from "@cannasaas/db/client";
import { locations, organizations } from "@cannasaas/db/schema";
import {
  AiError,
  completeTurn,
  type AiBlock,
  type AiMessage,
  type AiProvider,
  type AiUsage,
} from "@cannasaas/integrations/ai";
import type { KV } from "@cannasaas/integrations/kv";
import type { Logger } from "@cannasaas/integrations/logger";
import { onHandle, type ReadStep } from "../../deps";
import { DomainError } from "../../errors";
import { calendarDayIn } from "../../time";
import { groundedNumbers, toolResultText, unverifiedNumbers } from "../guards";
import { aiModeFor, recordAiUsage } from "../usage";
import { createLocalInsights, localInsightAnswer } from "./local-responder";
import { insightsSystemPrompt } from "./prompt";
import { INSIGHT_TOOLS, runInsightTool, type FigureTable, type InsightScope } from "./tools";

export const MAX_QUESTION_CHARS = 500;
const MAX_ROUNDS = 4;
/** Questions per person per ten minutes: plenty for a conversation, not for a loop. */
const RATE = { limit: 30, windowSeconds: 10 * 60 };

export type InsightsDeps = { db: Database; kv: KV; clock: () => Date; ai?: AiProvider | null; log?: Logger };
export type InsightsActor = { organizationId: string; userId: string };

export const INSIGHTS_NOTICES = {
  no_key: "AI is off: this answer comes from a fixed reading of your question, with fixed wording.",
  plan: "AI is off on your plan (Claude answers come with Professional): this answer uses fixed wording.",
  quota: "This month's AI allowance is used up: this answer uses fixed wording.",
  failed: "Claude could not answer just now, so this answer uses fixed wording.",
} as const;

export const UNCHECKED_NOTE =
  "The model's answer quoted figures that are not in your data, so it was replaced by the figures themselves.";
const NO_FIGURES_REPLY =
  "I couldn't check that answer against your figures, so I've left it out. Ask about best sellers, low stock, categories, or orders and revenue for a period.";

export type InsightsAnswer = {
  answer: string;
  /** The figures the tools returned, as the page shows them beside the answer. */
  figures: FigureTable[];
  aiOn: boolean;
  /** Why AI is off, or that the answer was replaced; null when Claude answered and every figure checked out. */
  notice: string | null;
  /** The model quoted a number no tool returned, so its answer was dropped for the figures in plain words. */
  replaced: boolean;
};

type Conversation = {
  text: string;
  calls: { tool: string; data: Record<string, unknown> }[];
  figures: FigureTable[];
};

/**
 * The model's turns run with no transaction open; each tool call reads in a step of its own (see ReadStep).
 * Usage is collected for the final write rather than written between turns.
 */
async function converse(
  read: ReadStep,
  provider: AiProvider,
  scope: Omit<InsightScope, "db">,
  system: ReturnType<typeof insightsSystemPrompt>,
  question: string,
  usage: (AiUsage | "local")[],
): Promise<Conversation> {
  const messages: AiMessage[] = [{ role: "user", content: question }];
  const out: Conversation = { text: "", calls: [], figures: [] };
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const turn = await completeTurn(provider, { system, messages, tools: INSIGHT_TOOLS, maxTokens: 800 });
    if (provider.kind === "claude") usage.push(turn.usage);
    if (turn.text.trim()) out.text = turn.text.trim();
    if (turn.toolUses.length === 0) return out;
    messages.push({
      role: "assistant",
      content: [...(turn.text ? [{ type: "text" as const, text: turn.text }] : []), ...turn.toolUses],
    });
    const results: AiBlock[] = [];
    for (const call of turn.toolUses) {
      const { data, figures } = await read((db) => runInsightTool({ ...scope, db }, call.name, call.input));
      out.calls.push({ tool: call.name, data });
      if (figures) out.figures.push(figures);
      results.push({
        type: "tool_result",
        toolUseId: call.id,
        content: toolResultText(data),
        ...("error" in data ? { isError: true } : {}),
      });
    }
    messages.push({ role: "user", content: results });
  }
  return out;
}

/** An answer not yet metered: `recordInsightsUsage` writes its usage (with the question's audit record). */
export type ConsultedInsights = {
  organizationId: string;
  at: Date;
  answer: InsightsAnswer;
  usage: (AiUsage | "local")[];
};

/**
 * Answers an owner's or manager's question about their own store from read-only, organization-scoped tools over
 * the sales rollups and stock. Claude answers when configured, on plan and under quota; otherwise the local
 * default reads a few question shapes. Either way the answer may quote only numbers the tools returned: one
 * that does not is replaced by the figures in fixed wording, and the figures used travel with the answer.
 * Reads go through `read` (short transactions when the caller calls out), never open while the model answers.
 */
export async function consultInsights(
  deps: Omit<InsightsDeps, "db"> & { read: ReadStep },
  actor: InsightsActor,
  input: { question: string },
): Promise<ConsultedInsights> {
  const question = input.question.trim();
  if (!question) throw new DomainError("BAD_REQUEST", "Type a question first.", { field: "question" });
  if (question.length > MAX_QUESTION_CHARS)
    throw new DomainError("BAD_REQUEST", `Keep your question under ${MAX_QUESTION_CHARS} characters.`, {
      field: "question",
    });
  const limited = await deps.kv.rateLimit(
    `ai:insights:${actor.organizationId}:${actor.userId}`,
    RATE.limit,
    RATE.windowSeconds,
  );
  if (!limited.allowed)
    throw new DomainError(
      "TOO_MANY_REQUESTS",
      "That's a lot of questions at once. Try again in a few minutes.",
    );

  const now = deps.clock();
  const { org, locationRows, mode } = await deps.read(async (db) => {
    const [[org], locationRows] = await Promise.all([
      db
        .select({ name: organizations.name, timeZone: organizations.timeZone })
        .from(organizations)
        .where(eq(organizations.id, actor.organizationId)),
      db
        .select({ id: locations.id, name: locations.name, city: locations.city })
        .from(locations)
        .where(eq(locations.organizationId, actor.organizationId))
        .orderBy(locations.name),
    ]);
    const mode = await aiModeFor({ ...deps, db }, actor.organizationId, "insights", now);
    return { org, locationRows, mode };
  });
  if (!org) throw new DomainError("NOT_FOUND", "That organization does not exist.");
  const today = calendarDayIn(now, org.timeZone);
  const scope = { organizationId: actor.organizationId, today, locations: locationRows };
  const system = insightsSystemPrompt({
    name: org.name,
    timeZone: org.timeZone,
    today,
    locations: locationRows,
  });
  const local = createLocalInsights(locationRows);

  const usage: (AiUsage | "local")[] = [];
  let notice: string | null = mode.mode === "local" ? INSIGHTS_NOTICES[mode.reason] : null;
  let result: Conversation | null = null;
  if (mode.mode === "claude") {
    try {
      result = await converse(deps.read, mode.provider, scope, system, question, usage);
    } catch (error) {
      if (!(error instanceof AiError)) throw error;
      deps.log?.warn({ kind: error.kind, status: error.status }, "insights model failed");
      notice = INSIGHTS_NOTICES.failed;
    }
  }
  const aiOn = result !== null;
  if (!result) {
    result = await converse(deps.read, local, scope, system, question, usage);
    usage.push("local");
  }
  const consulted = (answer: InsightsAnswer): ConsultedInsights => ({
    organizationId: actor.organizationId,
    at: now,
    answer,
    usage,
  });

  const text = result.text.replace(/\*\*/g, "");
  const unverified = unverifiedNumbers(
    text,
    groundedNumbers(
      result.calls.map((c) => c.data),
      [question],
    ),
  );
  if (text && unverified.length === 0)
    return consulted({ answer: text, figures: result.figures, aiOn, notice, replaced: false });
  deps.log?.warn({ unverified: unverified.slice(0, 5) }, "insights answer quoted unverified figures");
  const last = result.calls.findLast((c) => !("error" in c.data));
  return consulted({
    answer: last ? localInsightAnswer(last.tool, last.data) : NO_FIGURES_REPLY,
    figures: result.figures,
    aiOn,
    notice: text ? UNCHECKED_NOTE : notice,
    replaced: text.length > 0,
  });
}

/** Meters what answering cost (the model's turns, or one local answer) and returns the answer. */
export async function recordInsightsUsage(db: DbOrTx, consulted: ConsultedInsights): Promise<InsightsAnswer> {
  for (const usage of consulted.usage)
    await recordAiUsage(db, consulted.organizationId, "insights", consulted.at, usage);
  return consulted.answer;
}

/** Consults and meters on one handle (a caller that holds its own scope; no outside-call split). */
export async function askInsights(
  deps: InsightsDeps,
  actor: InsightsActor,
  input: { question: string },
): Promise<InsightsAnswer> {
  return recordInsightsUsage(
    deps.db,
    await consultInsights({ ...deps, read: onHandle(deps.db) }, actor, input),
  );
}
