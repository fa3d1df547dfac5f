import type { Database } from "@cannasaas/db/client";
import { productCopyDrafts } from "@cannasaas/db/schema";
import { AiError, type AiProvider } from "@cannasaas/integrations/ai";
import type { KV } from "@cannasaas/integrations/kv";
import type { Logger } from "@cannasaas/integrations/logger";
import { DomainError } from "../../errors";
import { aiModeFor, recordAiUsage } from "../usage";
import { claudeCopy } from "./claude-copy";
import { copyFlags } from "./compliance";
import { loadCopyFacts } from "./facts";
import { templateCopy, type CopyTone, type ProductCopyText } from "./template";

export type CopyDeps = { db: Database; kv: KV; clock: () => Date; ai?: AiProvider | null; log?: Logger };
export type CopyActor = { organizationId: string; userId: string };
/** Who asked for a draft: a staff member, or an API key (no user; the audit trail names the key). */
export type CopyRequester = { organizationId: string; userId: string | null };

/** Generations per organization per ten minutes: enough for a bulk run, not for a runaway loop. */
const RATE = { limit: 300, windowSeconds: 10 * 60 };

const OFF_NOTICES = {
  no_key: "AI is off: this copy was written from a template over the product's fields.",
  plan: "AI is off on your plan (Claude copy comes with Professional): this copy was written from a template.",
  quota: "This month's AI allowance is used up: this copy was written from a template.",
  failed: "Claude could not write this copy just now, so it was written from a template instead.",
} as const;

export type CopyGeneration = {
  draftId: string;
  productId: string;
  source: "claude" | "template";
  copy: ProductCopyText;
  flags: ReturnType<typeof copyFlags>;
  /** Null when Claude wrote it; otherwise why the template did, in words for the page. */
  notice: string | null;
};

/**
 * Writes copy for one product in a tone and files it as a pending draft for review: nothing on the product
 * changes until someone accepts it. Claude writes it when configured, on plan and under quota; otherwise, or if
 * the model fails, the template does and the draft says so. Findings of the compliance check ride along.
 */
export async function generateProductCopy(
  deps: CopyDeps,
  actor: CopyRequester,
  input: { productId: string; tone: CopyTone },
): Promise<CopyGeneration> {
  const facts = await loadCopyFacts(deps.db, actor.organizationId, input.productId);
  const limited = await deps.kv.rateLimit(`ai:copy:${actor.organizationId}`, RATE.limit, RATE.windowSeconds);
  if (!limited.allowed)
    throw new DomainError("TOO_MANY_REQUESTS", "Too many copy requests at once. Try again in a few minutes.");
  const now = deps.clock();
  const mode = await aiModeFor(deps, actor.organizationId, "product_copy", now);

  let copy: ProductCopyText | null = null;
  let model: string | null = null;
  let notice: string | null = mode.mode === "local" ? OFF_NOTICES[mode.reason] : null;
  if (mode.mode === "claude") {
    try {
      const answer = await claudeCopy(mode.provider, facts, input.tone);
      await recordAiUsage(deps.db, actor.organizationId, "product_copy", now, answer.usage);
      copy = answer.copy;
      model = mode.provider.model;
      if (!copy) deps.log?.warn({ problem: answer.problem }, "product copy answer unusable");
    } catch (error) {
      if (!(error instanceof AiError)) throw error;
      deps.log?.warn({ kind: error.kind, status: error.status }, "product copy model failed");
    }
    if (!copy) notice = OFF_NOTICES.failed;
  }
  const source = copy ? "claude" : "template";
  if (!copy) {
    copy = templateCopy(facts, input.tone);
    await recordAiUsage(deps.db, actor.organizationId, "product_copy", now, "local");
  }
  const flags = copyFlags(copy);
  const [draft] = await deps.db
    .insert(productCopyDrafts)
    .values({
      organizationId: actor.organizationId,
      productId: facts.productId,
      tone: input.tone,
      source,
      model: source === "claude" ? model : null,
      ...copy,
      flags,
      baseDescription: facts.description,
      requestedBy: actor.userId,
      createdAt: now,
    })
    .returning({ id: productCopyDrafts.id });
  return { draftId: draft!.id, productId: facts.productId, source, copy, flags, notice };
}
