import { and, desc, eq } from "drizzle-orm";
import type { Database } from "@cannasaas/db/client";
import { orderItems, orders, productReviews, products, productVariants } from "@cannasaas/db/schema";
import { DomainError } from "../errors";
import { recordDomainEvent } from "../events/domain-events";
import { findMedicalClaims } from "./medical-claims";

type Scope = { organizationId: string; customerId: string };
export type ReviewInput = { productId: string; rating: number; title?: string | null; body: string };

/** The shopper's latest completed order containing the product: the proof of purchase, or null. */
export async function purchaseOf(db: Database, scope: Scope, productId: string) {
  const [row] = await db
    .select({ orderId: orders.id })
    .from(orders)
    .innerJoin(orderItems, eq(orderItems.orderId, orders.id))
    .innerJoin(productVariants, eq(productVariants.id, orderItems.variantId))
    .where(
      and(
        eq(orders.organizationId, scope.organizationId),
        eq(orders.customerId, scope.customerId),
        eq(orders.status, "completed"),
        eq(productVariants.productId, productId),
      ),
    )
    .orderBy(desc(orders.completedAt))
    .limit(1);
  return row?.orderId ?? null;
}

/**
 * A verified purchaser's review, waiting for moderation. One per product per customer (the unique key makes a
 * second attempt, even a simultaneous one, a clear refusal). Medical-claim words are flagged for the moderator;
 * `review.submitted` is raised in the same transaction.
 */
export async function submitReview(db: Database, scope: Scope, input: ReviewInput, now: Date) {
  const [product] = await db
    .select({ id: products.id, name: products.name })
    .from(products)
    .where(and(eq(products.id, input.productId), eq(products.organizationId, scope.organizationId)));
  if (!product) throw new DomainError("NOT_FOUND", "That product is not on this menu.");
  const orderId = await purchaseOf(db, scope, product.id);
  if (!orderId)
    throw new DomainError("FORBIDDEN", "Only shoppers who bought this product here can review it.");
  const title = input.title?.trim() || null;
  const body = input.body.trim();
  return db.transaction(async (tx) => {
    const [review] = await tx
      .insert(productReviews)
      .values({
        organizationId: scope.organizationId,
        productId: product.id,
        customerId: scope.customerId,
        orderId,
        rating: input.rating,
        title,
        body,
        flaggedTerms: findMedicalClaims(`${title ?? ""} ${body}`),
        createdAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (!review) throw new DomainError("CONFLICT", `You have already reviewed ${product.name}.`);
    await recordDomainEvent(tx, {
      organizationId: scope.organizationId,
      type: "review.submitted",
      occurredAt: now,
      data: {
        id: review.id,
        productId: product.id,
        rating: review.rating,
        status: review.status,
        flagged: review.flaggedTerms.length > 0,
        submittedAt: now.toISOString(),
      },
    });
    return review;
  });
}
