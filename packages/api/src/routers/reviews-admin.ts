import { z } from "zod";
import { listReviewsForModeration, moderateReview, replyToReview, REVIEW_STATUSES } from "@cannasaas/core";
import { reviewModerationInput, reviewReplySchema } from "@cannasaas/validators";
import { createTRPCRouter, staffProcedure } from "../trpc";

const reviewId = z.object({ reviewId: z.uuid({ error: "Unknown review." }) });

/** The moderation queue in the dashboard. */
export const reviewsAdminRouter = createTRPCRouter({
  queue: staffProcedure("reviews.moderate")
    .input(z.object({ status: z.enum(REVIEW_STATUSES).default("pending") }).optional())
    .query(({ ctx, input }) =>
      listReviewsForModeration(ctx.deps.db, ctx.organizationId, input?.status ?? "pending"),
    ),
  moderate: staffProcedure("reviews.moderate")
    .input(reviewModerationInput)
    .mutation(async ({ ctx, input }) => {
      const row = await moderateReview(ctx.deps.db, ctx.organizationId, input, ctx.user.id, ctx.deps.clock());
      return { reviewId: row.id, status: row.status };
    }),
  reply: staffProcedure("reviews.moderate")
    .input(reviewId.extend({ reply: reviewReplySchema }))
    .mutation(async ({ ctx, input }) => {
      const row = await replyToReview(ctx.deps.db, ctx.organizationId, input, ctx.deps.clock());
      return { reviewId: row.id, ownerReply: row.ownerReply };
    }),
});
