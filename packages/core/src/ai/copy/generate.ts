import type { Database, DbOrTx } from "@cannasaas/db/client";
import { productCopyDrafts } from "@cannasaas/db/schema";
import { AiError, type AiProvider, type AiUsage } from "@cannasaas/integrations/ai";
import type { KV } from "@cannasaas/integrations/kv";
import type { Logger } from "@cannasaas/integrations/logger";
import { onHandle, type ReadStep } from "../../deps";
import { DomainError } from "../../errors";
import { aiModeFor, recordAiUsage } from "../usage";
import { claudeCopy } from "./claude-copy";
import { copyFlags } from "./compliance";
import { loadCopyFacts, type CopyFacts } from "./facts";
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

/** Copy written and checked, not yet filed: what the draft's transaction writes. */
export type PreparedCopy = {
  organizationId: string;
  requestedBy: string | null;
  facts: CopyFacts;
  tone: CopyTone;
  source: "claude" | "template";
  model: string | null;
  copy: ProductCopyText;
  flags: ReturnType<typeof copyFlags>;
  notice: string | null;
  /** What to meter (the model's tokens, "local" for the template), recorded with the draft. */
  usage: (AiUsage | "local")[];
  at: Date;
};

/**
 * Writes copy for one product in a tone, without filing it: the product's facts and the AI mode are read
 * through `read`, and the model is called with no transaction open (see ReadStep). Claude writes it when
 * configured, on plan and under quota; otherwise, or if the model fails, the template does and the notice says
 * so. Findings of the compliance check ride along. `fileProductCopy` then files it.
 */
export async function prepareProductCopy(
  deps: Omit<CopyDeps, "db"> & { read: ReadStep },
  actor: CopyRequester,
  input: { productId: string; tone: CopyTone },
): Promise<PreparedCopy> {
  const now = deps.clock();
  const { facts, mode } = await deps.read(async (db) => ({
    facts: await loadCopyFacts(db, actor.organizationId, input.productId),
    mode: await aiModeFor({ ...deps, db }, actor.organizationId, "product_copy", now),
  }));
  const limited = await deps.kv.rateLimit(`ai:copy:${actor.organizationId}`, RATE.limit, RATE.windowSeconds);
  if (!limited.allowed)
    throw new DomainError("TOO_MANY_REQUESTS", "Too many copy requests at once. Try again in a few minutes.");

  let copy: ProductCopyText | null = null;
  let model: string | null = null;
  const usage: PreparedCopy["usage"] = [];
  let notice: string | null = mode.mode === "local" ? OFF_NOTICES[mode.reason] : null;
  if (mode.mode === "claude") {
    try {
      const answer = await claudeCopy(mode.provider, facts, input.tone);
      usage.push(answer.usage);
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
    usage.push("local");
  }
  return {
    organizationId: actor.organizationId,
    requestedBy: actor.userId,
    facts,
    tone: input.tone,
    source,
    model: source === "claude" ? model : null,
    copy,
    flags: copyFlags(copy),
    notice,
    usage,
    at: now,
  };
}

/** Files prepared copy as a pending draft for review (nothing on the product changes) and meters its usage. */
export async function fileProductCopy(db: DbOrTx, prepared: PreparedCopy): Promise<CopyGeneration> {
  const { facts, copy, flags } = prepared;
  for (const usage of prepared.usage)
    await recordAiUsage(db, prepared.organizationId, "product_copy", prepared.at, usage);
  const [draft] = await db
    .insert(productCopyDrafts)
    .values({
      organizationId: prepared.organizationId,
      productId: facts.productId,
      tone: prepared.tone,
      source: prepared.source,
      model: prepared.model,
      ...copy,
      flags,
      baseDescription: facts.description,
      requestedBy: prepared.requestedBy,
      createdAt: prepared.at,
    })
    .returning({ id: productCopyDrafts.id });
  return {
    draftId: draft!.id,
    productId: facts.productId,
    source: prepared.source,
    copy,
    flags,
    notice: prepared.notice,
  };
}

/** Prepares and files a draft on one handle (a caller that holds its own scope; no outside-call split). */
export async function generateProductCopy(
  deps: CopyDeps,
  actor: CopyRequester,
  input: { productId: string; tone: CopyTone },
): Promise<CopyGeneration> {
  return fileProductCopy(
    deps.db,
    await prepareProductCopy({ ...deps, read: onHandle(deps.db) }, actor, input),
  );
}
