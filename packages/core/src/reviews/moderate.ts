import { and, asc, desc, eq } from "drizzle-orm";
import type { Database, DbOrTx } from "@cannasaas/db/client";
import { customers, productReviews, products, users } from "@cannasaas/db/schema";
import { DomainError } from "../errors";

export const REVIEW_STATUSES = ["pending", "approved", "rejected"] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** The moderation queue (oldest first) or the decided reviews (newest first), with product and reviewer. */
export async function listReviewsForModeration(db: DbOrTx, organizationId: string, status: ReviewStatus) {
  return db
    .select({
      id: productReviews.id,
      productId: productReviews.productId,
      productName: products.name,
      reviewer: users.name,
      rating: productReviews.rating,
      title: productReviews.title,
      body: productReviews.body,
      status: productReviews.status,
      flaggedTerms: productReviews.flaggedTerms,
      rejectionReason: productReviews.rejectionReason,
      ownerReply: productReviews.ownerReply,
      helpfulCount: productReviews.helpfulCount,
      createdAt: productReviews.createdAt,
      moderatedAt: productReviews.moderatedAt,
    })
    .from(productReviews)
    .innerJoin(products, eq(products.id, productReviews.productId))
    .innerJoin(customers, eq(customers.id, productReviews.customerId))
    .leftJoin(users, eq(users.id, customers.userId))
    .where(and(eq(productReviews.organizationId, organizationId), eq(productReviews.status, status)))
    .orderBy(status === "pending" ? asc(productReviews.createdAt) : desc(productReviews.moderatedAt))
    .limit(100);
}

export type ModerationInput =
  { reviewId: string; decision: "approve" } | { reviewId: string; decision: "reject"; reason: string };

/**
 * Approves or rejects a review. Conditional on it still waiting, so two moderators cannot both decide; a
 * rejection needs a reason (kept for the shopper and the trail).
 */
export async function moderateReview(
  db: Database,
  organizationId: string,
  input: ModerationInput,
  actorUserId: string,
  now: Date,
) {
  const reason = input.decision === "reject" ? input.reason.trim() : null;
  if (input.decision === "reject" && (!reason || reason.length < 3))
    throw new DomainError("BAD_REQUEST", "Say why the review is rejected.");
  const [row] = await db
    .update(productReviews)
    .set({
      status: input.decision === "approve" ? "approved" : "rejected",
      rejectionReason: reason,
      moderatedByUserId: actorUserId,
      moderatedAt: now,
    })
    .where(
      and(
        eq(productReviews.id, input.reviewId),
        eq(productReviews.organizationId, organizationId),
        eq(productReviews.status, "pending"),
      ),
    )
    .returning();
  if (row) return row;
  const [exists] = await db
    .select({ status: productReviews.status })
    .from(productReviews)
    .where(and(eq(productReviews.id, input.reviewId), eq(productReviews.organizationId, organizationId)));
  if (!exists) throw new DomainError("NOT_FOUND", "That review does not exist.");
  throw new DomainError("CONFLICT", `That review was already ${exists.status}.`);
}

/** The store's public answer under an approved review; an empty text removes it. */
export async function replyToReview(
  db: DbOrTx,
  organizationId: string,
  input: { reviewId: string; reply: string },
  now: Date,
) {
  const reply = input.reply.trim();
  const [row] = await db
    .update(productReviews)
    .set({ ownerReply: reply || null, ownerReplyAt: reply ? now : null })
    .where(
      and(
        eq(productReviews.id, input.reviewId),
        eq(productReviews.organizationId, organizationId),
        eq(productReviews.status, "approved"),
      ),
    )
    .returning();
  if (!row) throw new DomainError("NOT_FOUND", "Only approved reviews of this store can have a reply.");
  return row;
}
