import { z } from "zod";
import {
  listProductReviews,
  myReviewStatus,
  purchaseOf,
  ratingSummary,
  submitReview,
  voteHelpful,
} from "@cannasaas/core";
import { reviewInput } from "@cannasaas/validators";
import { createTRPCRouter, shopperProcedure, tenantProcedure } from "../trpc";

const productId = z.object({ productId: z.uuid({ error: "Unknown product." }) });
const reviewId = z.object({ reviewId: z.uuid({ error: "Unknown review." }) });
const scopeOf = (ctx: { tenant: { id: string }; customerId: string }) => ({
  organizationId: ctx.tenant.id,
  customerId: ctx.customerId,
});

/** Product reviews on the storefront: approved ones for everybody, writing and voting for signed-in shoppers. */
export const reviewsRouter = createTRPCRouter({
  forProduct: tenantProcedure.input(productId).query(async ({ ctx, input }) => {
    // Issued together, so the two reads overlap their trips to the database.
    const [summary, reviews] = await Promise.all([
      ratingSummary(ctx.deps.db, ctx.tenant.id, input.productId),
      listProductReviews(ctx.deps.db, ctx.tenant.id, input.productId),
    ]);
    return { summary, reviews };
  }),
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
