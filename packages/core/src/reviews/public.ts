import { and, desc, eq, sql } from "drizzle-orm";
import type { Database, DbOrTx } from "@cannasaas/db/client";
import { customers, productReviews, reviewVotes, users } from "@cannasaas/db/schema";
import { DomainError } from "../errors";

const approved = (organizationId: string, productId: string) =>
  and(
    eq(productReviews.organizationId, organizationId),
    eq(productReviews.productId, productId),
    eq(productReviews.status, "approved"),
  );

/** Average (one decimal), count and the 1-5 distribution of a product's approved reviews. */
export async function ratingSummary(db: DbOrTx, organizationId: string, productId: string) {
  const rows = await db
    .select({ rating: productReviews.rating, n: sql<number>`count(*)`.mapWith(Number) })
    .from(productReviews)
    .where(approved(organizationId, productId))
    .groupBy(productReviews.rating);
  const distribution = [1, 2, 3, 4, 5].map((stars) => ({
    stars,
    count: rows.find((r) => r.rating === stars)?.n ?? 0,
  }));
  const count = distribution.reduce((sum, d) => sum + d.count, 0);
  const total = distribution.reduce((sum, d) => sum + d.stars * d.count, 0);
  return { count, average: count ? Math.round((total * 10) / count) / 10 : null, distribution };
}

/** Approved reviews for the product page, most helpful first; reviewers by first name only. */
export async function listProductReviews(db: DbOrTx, organizationId: string, productId: string, limit = 20) {
  const rows = await db
    .select({
      id: productReviews.id,
      rating: productReviews.rating,
      title: productReviews.title,
      body: productReviews.body,
      reviewer: users.name,
      helpfulCount: productReviews.helpfulCount,
      ownerReply: productReviews.ownerReply,
      ownerReplyAt: productReviews.ownerReplyAt,
      createdAt: productReviews.createdAt,
    })
    .from(productReviews)
    .innerJoin(customers, eq(customers.id, productReviews.customerId))
    .leftJoin(users, eq(users.id, customers.userId))
    .where(approved(organizationId, productId))
    .orderBy(desc(productReviews.helpfulCount), desc(productReviews.createdAt))
    .limit(limit);
  return rows.map(({ reviewer, ...r }) => ({
    ...r,
    reviewer: reviewer?.split(/\s+/)[0] ?? "A customer",
    verifiedPurchase: true as const,
  }));
}

/**
 * One helpful vote per shopper per approved review; the count moves in the vote's transaction. Voting on your
 * own review is refused. Returns the new count and whether this call added a vote.
 */
export async function voteHelpful(
  db: Database,
  scope: { organizationId: string; customerId: string },
  reviewId: string,
) {
  return db.transaction(async (tx) => {
    const [review] = await tx
      .select({ customerId: productReviews.customerId, status: productReviews.status })
      .from(productReviews)
      .where(and(eq(productReviews.id, reviewId), eq(productReviews.organizationId, scope.organizationId)));
    if (!review || review.status !== "approved")
      throw new DomainError("NOT_FOUND", "That review does not exist.");
    if (review.customerId === scope.customerId)
      throw new DomainError("BAD_REQUEST", "You cannot vote for your own review.");
    const [vote] = await tx
      .insert(reviewVotes)
      .values({ organizationId: scope.organizationId, reviewId, customerId: scope.customerId })
      .onConflictDoNothing()
      .returning();
    const [row] = await tx
      .update(productReviews)
      .set({ helpfulCount: sql`${productReviews.helpfulCount} + ${vote ? 1 : 0}` })
      .where(eq(productReviews.id, reviewId))
      .returning({ helpfulCount: productReviews.helpfulCount });
    return { helpfulCount: row!.helpfulCount, added: Boolean(vote) };
  });
}

/** What the shopper may do about reviewing a product: already reviewed, may review, or not a purchaser. */
export async function myReviewStatus(
  db: DbOrTx,
  scope: { organizationId: string; customerId: string },
  productId: string,
) {
  const [mine] = await db
    .select({
      id: productReviews.id,
      status: productReviews.status,
      rejectionReason: productReviews.rejectionReason,
    })
    .from(productReviews)
    .where(
      and(
        eq(productReviews.organizationId, scope.organizationId),
        eq(productReviews.productId, productId),
        eq(productReviews.customerId, scope.customerId),
      ),
    );
  return mine ?? null;
}
