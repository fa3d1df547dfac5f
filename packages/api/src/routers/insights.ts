import { z } from "zod";
import { aiModeFor, consultInsights, MAX_QUESTION_CHARS, recordInsightsUsage } from "@cannasaas/core";
import { createTRPCRouter, staffCallingOut, staffProcedure } from "../trpc";

const ask = staffProcedure("insights.ask");

/**
 * The owner's assistant: questions in plain words about the store's own sales and stock, answered from
 * read-only tools scoped to the active organization, with the figures used. Asking is a mutation so that each
 * question is metered and lands in the audit trail.
 */
export const insightsRouter = createTRPCRouter({
  /** Whether Claude answers for this organization right now, and if not why (the page says AI is off). */
  status: ask.query(async ({ ctx }) => {
    const mode = await aiModeFor(ctx.deps, ctx.organizationId, "insights", ctx.deps.clock());
    return { aiOn: mode.mode === "claude", reason: mode.mode === "local" ? mode.reason : null };
  }),
  /** Calls Claude (several turns): no transaction is open while it answers (see staffCallingOut). */
  ask: staffCallingOut("insights.ask")
    .input(
      z.object({
        question: z
          .string({ error: "Type a question first." })
          .trim()
          .min(1, { error: "Type a question first." })
          .max(MAX_QUESTION_CHARS, { error: `Keep your question under ${MAX_QUESTION_CHARS} characters.` }),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const consulted = await consultInsights(
        { ...ctx.deps, read: ctx.scoped.read },
        { organizationId: ctx.organizationId, userId: ctx.user.id },
        input,
      );
      return ctx.scoped.commit((tx) => recordInsightsUsage(tx, consulted));
    }),
});
