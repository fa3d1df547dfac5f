import { z } from "zod";
import {
  acceptCopyDraft,
  aiModeFor,
  COPY_LIMITS,
  COPY_TONES,
  copyCoverage,
  fileProductCopy,
  listCopyDrafts,
  prepareProductCopy,
  rejectCopyDraft,
} from "@cannasaas/core";
import { createTRPCRouter, staffCallingOut, staffProcedure } from "../trpc";

const read = staffProcedure("catalog.read");
const write = staffProcedure("catalog.write");

const draftId = z.object({ draftId: z.uuid({ error: "Unknown draft." }) });
const text = (label: string, max: number) =>
  z
    .string({ error: `Enter the ${label}.` })
    .trim()
    .min(1, { error: `Enter the ${label}.` })
    .max(max, { error: `Keep the ${label} to ${max} characters.` });

const actorOf = (ctx: { organizationId: string; user: { id: string } }) => ({
  organizationId: ctx.organizationId,
  userId: ctx.user.id,
});

/**
 * Generated product copy: drafts land in a review queue and reach the product only when someone accepts them.
 * Generating and deciding need `catalog.write` (budtenders edit product text); reading the queue `catalog.read`.
 */
export const productCopyRouter = createTRPCRouter({
  /** Whether Claude writes copy for this organization right now, and if not why (the page says AI is off). */
  aiStatus: read.query(async ({ ctx }) => {
    const mode = await aiModeFor(ctx.deps, ctx.organizationId, "product_copy", ctx.deps.clock());
    return { aiOn: mode.mode === "claude", reason: mode.mode === "local" ? mode.reason : null };
  }),
  /** Every product with its waiting drafts and published copy, for bulk runs (which skip waiting ones). */
  coverage: read.query(({ ctx }) => copyCoverage(ctx.deps.db, ctx.organizationId)),
  drafts: read
    .input(
      z
        .object({
          productId: z.uuid({ error: "Unknown product." }).optional(),
          status: z.enum(["pending", "accepted", "rejected"]).optional(),
        })
        .optional(),
    )
    .query(({ ctx, input }) => listCopyDrafts(ctx.deps.db, ctx.organizationId, input ?? {})),
  /** Calls Claude: no transaction is open while it writes (see staffCallingOut). */
  generate: staffCallingOut("catalog.write")
    .input(
      z.object({
        productId: z.uuid({ error: "Unknown product." }),
        tone: z.enum(COPY_TONES, { error: "Choose a tone." }),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const prepared = await prepareProductCopy({ ...ctx.deps, read: ctx.scoped.read }, actorOf(ctx), input);
      return ctx.scoped.commit((tx) => fileProductCopy(tx, prepared));
    }),
  accept: write
    .input(
      draftId.extend({
        copy: z.object({
          description: text("description", COPY_LIMITS.description),
          tagline: text("tagline", COPY_LIMITS.tagline),
          seoTitle: text("SEO title", COPY_LIMITS.seoTitle),
          seoDescription: text("SEO description", COPY_LIMITS.seoDescription),
        }),
        replaceChanged: z.boolean().optional(),
      }),
    )
    .mutation(({ ctx, input }) => acceptCopyDraft(ctx.deps, actorOf(ctx), input)),
  reject: write
    .input(draftId)
    .mutation(({ ctx, input }) => rejectCopyDraft(ctx.deps, actorOf(ctx), input.draftId)),
});
