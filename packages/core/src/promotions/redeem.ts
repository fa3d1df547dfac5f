import { and, eq, isNull, sql } from "drizzle-orm";
import type { Transaction } from "@cannasaas/db/client";
import { promotionRedemptions, promotions } from "@cannasaas/db/schema";
import { DomainError } from "../errors";
import { jsonOf } from "../sql-rows";
import type { DomainEvent } from "../events/domain-events";
import type { CartCoupon } from "./for-cart";
import type { PromotionOutcome } from "./types";

/**
 * Records what each applied promotion took off the order, one row per order line (and one for the delivery
 * fee), in the order's transaction, and gives the `promotion.redeemed` events for the caller to record with
 * the order's own (one outbox write for all of them). A promotion's total limit is taken by a conditional
 * update that both checks and raises its counter (row-locked, so concurrent checkouts queue on it), so 50
 * shoppers racing for the last 10 redemptions get exactly 10; the 11th order is refused and rolled back
 * whole, since the shopper was shown a price that included the deal.
 *
 * The update and the rows are two CTEs that checkout's order-lines insert carries
 * (`tx.with(...writes.ctes).insert(orderItems)`, lines with the ids given here), so the deals cost that
 * insert no statement of its own; `writes.taken` goes in its RETURNING and `writes.settle` refuses the order
 * if any promotion had none left. Null when no promotion applied.
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
  // One redemption from every promotion used; any that had none left is missing from `taken`.
  const taken = tx.$with("redemptions_taken", { id: sql<string>`id` }).as(
    sql`update ${promotions} set redemption_count = redemption_count + 1, updated_at = now()
      where organization_id = ${input.organizationId}
        and id = any(${sql.param(applied.map((a) => a.promotionId))}::uuid[])
        and status = 'active'
        and (total_limit is null or redemption_count < total_limit)
      returning id`,
  );
  // The rows of the promotions taken; a refusal below rolls them back with the order.
  const written = tx.$with("redemptions_written", { id: sql<string>`id` }).as(
    sql`insert into ${promotionRedemptions}
        (organization_id, promotion_id, order_id, order_item_id, customer_id, code_id, discount_cents)
      select ${input.organizationId}, v.promotion_id, ${input.orderId}, v.order_item_id, ${input.customerId},
             v.code_id, v.discount_cents
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        as v(promotion_id uuid, order_item_id uuid, code_id uuid, discount_cents integer)
      where v.promotion_id in (select id from redemptions_taken)
      returning id`,
  );
  return {
    ctes: [taken, written] as const,
    /** For the carrying insert's RETURNING: the ids of the promotions taken, as json. */
    taken: sql<unknown>`(select coalesce(json_agg(id), '[]'::json) from redemptions_taken)`,
    /** The events to record, once every promotion applied was taken; else the order is refused. */
    settle(takenJson: unknown) {
      const ids = new Set(jsonOf<string[]>(takenJson ?? []));
      const missed = applied.find((a) => !ids.has(a.promotionId));
      if (missed) {
        throw new DomainError(
          "CONFLICT",
          `${missed.name} has just run out. Your cart now shows the price without it; review it and order again.`,
          { promotionId: missed.promotionId },
        );
      }
      return events;
    },
  };
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
