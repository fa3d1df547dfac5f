import { z } from "zod";
import {
  listProductReviews,
  listReviewsForModeration,
  moderateReview,
  myReviewStatus,
  purchaseOf,
  ratingSummary,
  replyToReview,
  REVIEW_STATUSES,
  submitReview,
  voteHelpful,
} from "@cannasaas/core";
import { reviewInput, reviewModerationInput } from "@cannasaas/validators";
import { createTRPCRouter, shopperProcedure, staffProcedure, tenantProcedure } from "../trpc";

const productId = z.object({ productId: z.uuid({ error: "Unknown product." }) });
const reviewId = z.object({ reviewId: z.uuid({ error: "Unknown review." }) });
const scopeOf = (ctx: { tenant: { id: string }; customerId: string }) => ({
  organizationId: ctx.tenant.id,
  customerId: ctx.customerId,
});

/** Product reviews on the storefront: approved ones for everybody, writing and voting for signed-in shoppers. */
export const reviewsRouter = createTRPCRouter({
  forProduct: tenantProcedure.input(productId).query(async ({ ctx, input }) => ({
    summary: await ratingSummary(ctx.deps.db, ctx.tenant.id, input.productId),
    reviews: await listProductReviews(ctx.deps.db, ctx.tenant.id, input.productId),
  })),
  /** Whether the shopper may review the product, and their own review if they wrote one. */
  mine: shopperProcedure.input(productId).query(async ({ ctx, input }) => {
    const review = await myReviewStatus(ctx.deps.db, scopeOf(ctx), input.productId);
    const purchased = review ? true : Boolean(await purchaseOf(ctx.deps.db, scopeOf(ctx), input.productId));
    return { review, canReview: !review && purchased, purchased };
  }),
  submit: shopperProcedure.input(reviewInput).mutation(async ({ ctx, input }) => {
    const review = await submitReview(ctx.deps.db, scopeOf(ctx), input, ctx.deps.clock());
    return { reviewId: review.id, status: review.status };
  }),
  voteHelpful: shopperProcedure
    .input(reviewId)
    .mutation(({ ctx, input }) => voteHelpful(ctx.deps.db, scopeOf(ctx), input.reviewId)),
});

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
    .input(reviewId.extend({ reply: z.string().trim().max(2000) }))
    .mutation(async ({ ctx, input }) => {
      const row = await replyToReview(ctx.deps.db, ctx.organizationId, input, ctx.deps.clock());
      return { reviewId: row.id, ownerReply: row.ownerReply };
    }),
});
