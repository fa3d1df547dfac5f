import { and, eq, isNull, sql } from "drizzle-orm";
import type { Transaction } from "@cannasaas/db/client";
import { promotionClaims, promotionRedemptions, promotions } from "@cannasaas/db/schema";
import type { DomainEvent } from "../events/domain-events";
import type { CartCoupon } from "./for-cart";
import type { PromotionOutcome } from "./types";

/**
 * Records what each applied promotion took off the order, one row per order line (and one for the delivery
 * fee), in the order's transaction, and gives the `promotion.redeemed` events for the caller to record with
 * the order's own (one outbox write for all of them). Each promotion's redemption is claimed, and taken by the
 * database as the transaction commits: a conditional update that both checks and raises its counter (see
 * `promotion_claims_take`), so 50 shoppers racing for the last 10 redemptions get exactly 10. The 11th
 * order's COMMIT is aborted whole, since the shopper was shown a price that included the deal (see
 * `claimRefusal` in ../checkout/commit-claims.ts).
 *
 * The claims and the rows are two CTEs that checkout's order-lines insert carries
 * (`tx.with(...writes.ctes).insert(orderItems)`, lines with the ids given here), so the deals cost that insert
 * no statement of its own. Null when no promotion applied.
 */
export function redemptionWrites(
  tx: Transaction,
  input: {
    organizationId: string;
    orderId: string;
    orderNumber: number;
    customerId: string;
    /** order item id by variant id, given before the lines are inserted */
    orderItemIds: Map<string, string>;
    outcome: PromotionOutcome;
    coupon: CartCoupon | null;
    now: Date;
  },
) {
  const applied = input.outcome.applied;
  if (!applied.length) return null;
  const rows: RedemptionRow[] = [];
  const events: DomainEvent[] = [];
  for (const a of applied) {
    const codeId = input.coupon?.promotionId === a.promotionId ? input.coupon.codeId : null;
    for (const l of a.lines) {
      rows.push({
        promotion_id: a.promotionId,
        order_item_id: input.orderItemIds.get(l.lineId)!,
        code_id: codeId,
        discount_cents: l.discountCents,
      });
    }
    if (a.deliveryDiscountCents > 0) {
      rows.push({
        promotion_id: a.promotionId,
        order_item_id: null,
        code_id: codeId,
        discount_cents: a.deliveryDiscountCents,
      });
    }
    events.push({
      organizationId: input.organizationId,
      type: "promotion.redeemed",
      occurredAt: input.now,
      data: {
        promotionId: a.promotionId,
        name: a.name,
        orderId: input.orderId,
        orderNumber: input.orderNumber,
        customerId: input.customerId,
        code: codeId ? input.coupon!.code : null,
        discountCents: a.discountCents,
        deliveryDiscountCents: a.deliveryDiscountCents,
        lines: a.lines.map((l) => ({ variantId: l.lineId, discountCents: l.discountCents })),
      },
    });
  }
  // One redemption from every promotion used, taken as the transaction commits (`promotion_claims_take`), in
  // promotion order so two checkouts using the same deals lock them in the same order.
  const claimed = [...new Set(applied.map((a) => a.promotionId))].sort();
  const claims = tx.$with("promotion_claims_written", { id: sql<string>`id` }).as(
    sql`insert into ${promotionClaims} (organization_id, promotion_id)
      select ${input.organizationId}, c.id
      from unnest(${sql.param(claimed)}::uuid[]) with ordinality as c(id, n) order by c.n
      returning id`,
  );
  const written = tx.$with("redemptions_written", { id: sql<string>`id` }).as(
    sql`insert into ${promotionRedemptions}
        (organization_id, promotion_id, order_id, order_item_id, customer_id, code_id, discount_cents)
      select ${input.organizationId}, v.promotion_id, ${input.orderId}, v.order_item_id, ${input.customerId},
             v.code_id, v.discount_cents
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        as v(promotion_id uuid, order_item_id uuid, code_id uuid, discount_cents integer)
      returning id`,
  );
  return { ctes: [claims, written] as const, events };
}

/** A `promotion_redemptions` row as the checkout statement reads it from json. */
type RedemptionRow = {
  promotion_id: string;
  order_item_id: string | null;
  code_id: string | null;
  discount_cents: number;
};

/**
 * Gives an order's redemptions back when it is cancelled or refunded: each row is marked reversed once (a
 * second call finds none), and each promotion's counter drops by one per order, inside the status change's
 * transaction.
 */
export async function reverseRedemptions(
  tx: Transaction,
  organizationId: string,
  orderId: string,
  now: Date,
) {
  const reversed = await tx
    .update(promotionRedemptions)
    .set({ reversedAt: now })
    .where(
      and(
        eq(promotionRedemptions.organizationId, organizationId),
        eq(promotionRedemptions.orderId, orderId),
        isNull(promotionRedemptions.reversedAt),
      ),
    )
    .returning({ promotionId: promotionRedemptions.promotionId });
  for (const promotionId of new Set(reversed.map((r) => r.promotionId))) {
    await tx
      .update(promotions)
      .set({ redemptionCount: sql`greatest(${promotions.redemptionCount} - 1, 0)` })
      .where(and(eq(promotions.id, promotionId), eq(promotions.organizationId, organizationId)));
  }
  return reversed.length;
}
