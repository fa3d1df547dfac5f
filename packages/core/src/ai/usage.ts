import { and, eq, gte, sql } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import { aiUsage } from "@cannasaas/db/schema";
import type { AiProvider, AiUsage } from "@cannasaas/integrations/ai";
import type { KV } from "@cannasaas/integrations/kv";
import { planState } from "../plans/features";
import type { Feature, Plan } from "../plans/catalog";

export type AiFeature = "assistant" | "product_copy" | "insights";

/**
 * Monthly model tokens (input + output, cache reads at a tenth) per plan. Starter has no Claude features, so its
 * quota is zero and everything it gets is the local default; the figures keep a store's bill predictable.
 */
export const AI_MONTHLY_TOKEN_QUOTA: Record<Plan, number> = {
  starter: 0,
  professional: 2_000_000,
  enterprise: 10_000_000,
};

/** Which plan feature turns Claude on for each use (the matrix has no separate "AI descriptions" flag; copy
 * rides on the Professional plan's AI feature). */
export const AI_PLAN_FEATURE: Record<AiFeature, Feature> = {
  assistant: "ai_chatbot",
  product_copy: "ai_recommendations",
  // The owner's questions about their own figures ride on the same Professional AI feature as copy.
  insights: "ai_recommendations",
};

const utcDay = (at: Date) => at.toISOString().slice(0, 10);
const monthStart = (at: Date) => `${at.toISOString().slice(0, 7)}-01`;

/** Adds one request's usage (or one local answer) to today's row; an upsert, so concurrent calls add up. */
export async function recordAiUsage(
  db: DbOrTx,
  organizationId: string,
  feature: AiFeature,
  at: Date,
  usage: AiUsage | "local",
) {
  const local = usage === "local";
  const u = local ? { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 } : usage;
  await db
    .insert(aiUsage)
    .values({
      organizationId,
      day: utcDay(at),
      feature,
      requests: local ? 0 : 1,
      inputTokens: u.inputTokens,
      outputTokens: u.outputTokens,
      cacheReadTokens: u.cacheReadTokens,
      cacheWriteTokens: u.cacheWriteTokens,
      localAnswers: local ? 1 : 0,
    })
    .onConflictDoUpdate({
      target: [aiUsage.organizationId, aiUsage.day, aiUsage.feature],
      set: {
        requests: sql`${aiUsage.requests} + excluded.requests`,
        inputTokens: sql`${aiUsage.inputTokens} + excluded.input_tokens`,
        outputTokens: sql`${aiUsage.outputTokens} + excluded.output_tokens`,
        cacheReadTokens: sql`${aiUsage.cacheReadTokens} + excluded.cache_read_tokens`,
        cacheWriteTokens: sql`${aiUsage.cacheWriteTokens} + excluded.cache_write_tokens`,
        localAnswers: sql`${aiUsage.localAnswers} + excluded.local_answers`,
      },
    });
}

/** This calendar month's (UTC) usage per feature, with the tokens that count against the quota. */
export async function monthlyAiUsage(db: DbOrTx, organizationId: string, at: Date) {
  const rows = await db
    .select({
      feature: aiUsage.feature,
      requests: sql<number>`sum(${aiUsage.requests})`.mapWith(Number),
      inputTokens: sql<number>`sum(${aiUsage.inputTokens})`.mapWith(Number),
      outputTokens: sql<number>`sum(${aiUsage.outputTokens})`.mapWith(Number),
      cacheReadTokens: sql<number>`sum(${aiUsage.cacheReadTokens})`.mapWith(Number),
      cacheWriteTokens: sql<number>`sum(${aiUsage.cacheWriteTokens})`.mapWith(Number),
      localAnswers: sql<number>`sum(${aiUsage.localAnswers})`.mapWith(Number),
    })
    .from(aiUsage)
    .where(and(eq(aiUsage.organizationId, organizationId), gte(aiUsage.day, monthStart(at))))
    .groupBy(aiUsage.feature);
  const quotaTokens = rows.reduce(
    (sum, r) => sum + r.inputTokens + r.outputTokens + r.cacheWriteTokens + Math.ceil(r.cacheReadTokens / 10),
    0,
  );
  return { rows, quotaTokens };
}

export type AiMode =
  { mode: "claude"; provider: AiProvider } | { mode: "local"; reason: "no_key" | "plan" | "quota" };

/**
 * Whether this request may use Claude: a key is configured, the plan includes the feature, and the month's
 * tokens are under the plan's quota. Otherwise the local default answers, and the interface says AI is off.
 */
export async function aiModeFor(
  deps: { db: DbOrTx; kv: KV; ai?: AiProvider | null },
  organizationId: string,
  feature: AiFeature,
  at: Date,
): Promise<AiMode> {
  if (!deps.ai) return { mode: "local", reason: "no_key" };
  const state = await planState(deps, organizationId);
  if (!state.features.includes(AI_PLAN_FEATURE[feature])) return { mode: "local", reason: "plan" };
  const { quotaTokens } = await monthlyAiUsage(deps.db, organizationId, at);
  if (quotaTokens >= AI_MONTHLY_TOKEN_QUOTA[state.effectivePlan]) return { mode: "local", reason: "quota" };
  return { mode: "claude", provider: deps.ai };
}
