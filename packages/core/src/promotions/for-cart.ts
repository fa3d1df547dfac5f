import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import type { KV } from "@cannasaas/integrations/kv";
import { cartPromotionCodes, promotionCodes } from "@cannasaas/db/schema";
import { unitPrice, type CartLine, type Purchaser } from "../cart/view";
import { applyPromotions } from "./apply";
import { jsonOf, rowsOf } from "../sql-rows";
import { cachedRunningPromotions, withLiveCounts } from "./live";
import { customerFacts, loadActivePromotions, needsCustomerFacts, toPromotionLines } from "./load";
import type { EnginePromotion, PromotionOutcome } from "./types";

export type CartCoupon = { codeId: string; code: string; promotionId: string };

/** The coupon entered on a cart, if any. */
export async function cartCoupon(
  db: DbOrTx,
  organizationId: string,
  cartId: string,
): Promise<CartCoupon | null> {
  const [row] = await db
    .select({ codeId: promotionCodes.id, code: promotionCodes.code, promotionId: promotionCodes.promotionId })
    .from(cartPromotionCodes)
    .innerJoin(promotionCodes, eq(promotionCodes.id, cartPromotionCodes.codeId))
    .where(and(eq(cartPromotionCodes.organizationId, organizationId), eq(cartPromotionCodes.cartId, cartId)));
  return row ?? null;
}

export type CartPromotionInput = {
  organizationId: string;
  cartId: string;
  customerId: string | null;
  purchaser: Purchaser;
  locationId: string | null;
  /** The location's time zone when one is chosen, else the store's. */
  timeZone: string;
  deliveryFeeCents: number;
  now: Date;
  lines: Array<{
    variantId: string;
    productId: string;
    category: string;
    unitPriceCents: number;
    quantity: number;
  }>;
};

/**
 * What promotions take off a cart, loaded and decided the same way for the cart page and for checkout (which
 * calls it inside its transaction, after locking the customer, so per-customer limits cannot race). With a
 * `kv`, the store's promotions come from the menu cache (`livePromotions`).
 */
export async function promotionsForCart(
  db: DbOrTx,
  input: CartPromotionInput,
  kv?: KV,
): Promise<{ outcome: PromotionOutcome; coupon: CartCoupon | null }> {
  // One query after another: inside checkout's transaction they share its one connection.
  const { live, coupon } = await livePromotionsAndCoupon(db, kv, input);
  // Who the shopper is matters only to deals that read it; no live deal, no further queries.
  const customer =
    input.customerId && needsCustomerFacts(live)
      ? await customerFacts(db, input.organizationId, input.customerId)
      : null;
  const lines = await toPromotionLines(db, input.organizationId, input.lines, live);
  const outcome = applyPromotions(live, lines, {
    now: input.now,
    timeZone: input.timeZone,
    locationId: input.locationId,
    menu: input.purchaser,
    customer,
    codePromotionId: coupon?.promotionId ?? null,
    deliveryFeeCents: input.deliveryFeeCents,
  });
  return { outcome, coupon };
}

/**
 * The store's live promotions and the cart's coupon. With a `kv` the promotions come from the menu cache
 * and the live counters of limited deals are read in the coupon's query, so a cart with deals costs one
 * statement here, as a cart without them does; without one, both straight from the database.
 */
async function livePromotionsAndCoupon(
  db: DbOrTx,
  kv: KV | undefined,
  input: Pick<CartPromotionInput, "organizationId" | "cartId" | "now">,
): Promise<{ live: EnginePromotion[]; coupon: CartCoupon | null }> {
  const { organizationId, cartId, now } = input;
  if (!kv) {
    const live = await loadActivePromotions(db, organizationId, now);
    return { live, coupon: await cartCoupon(db, organizationId, cartId) };
  }
  const { running, limited } = await cachedRunningPromotions({ db, kv }, organizationId, now);
  if (!limited.length) return { live: running, coupon: await cartCoupon(db, organizationId, cartId) };
  const [row] = rowsOf<{ coupon: unknown; counts: unknown }>(
    await db.execute(sql`
      select
        (select json_build_object('codeId', pc.id, 'code', pc.code, 'promotionId', pc.promotion_id)
           from cart_promotion_codes cpc join promotion_codes pc on pc.id = cpc.code_id
           where cpc.organization_id = ${organizationId} and cpc.cart_id = ${cartId}) as coupon,
        (select coalesce(json_object_agg(p.id, p.redemption_count), '{}'::json)
           from promotions p
           where p.organization_id = ${organizationId} and p.id = any(${sql.param(limited)}::uuid[])) as counts`),
  );
  const counts = jsonOf<Record<string, number>>(row?.counts ?? {});
  return {
    live: withLiveCounts(running, new Map(Object.entries(counts))),
    coupon: row?.coupon ? jsonOf<CartCoupon>(row.coupon) : null,
  };
}

/** The promotion input for a cart's loaded lines, priced for the purchaser as `priceOrder` prices them. */
export function cartPromotionInput(
  tenant: { id: string; timeZone: string },
  cart: { id: string; customerId: string | null; locationId: string | null },
  purchaser: Purchaser,
  lines: CartLine[],
  location: { timeZone: string } | null,
  deliveryFeeCents: number,
  now: Date,
): CartPromotionInput {
  return {
    organizationId: tenant.id,
    cartId: cart.id,
    customerId: cart.customerId,
    purchaser,
    locationId: cart.locationId,
    timeZone: location?.timeZone ?? tenant.timeZone,
    deliveryFeeCents,
    now,
    lines: lines.map((l) => ({
      variantId: l.variantId,
      productId: l.productId,
      category: l.category,
      unitPriceCents: unitPrice(l, purchaser),
      quantity: l.quantity,
    })),
  };
}

/** What the cart page shows about deals: what applied, why others did not combine, and the coupon. */
export function cartPromotionSummary(outcome: PromotionOutcome, coupon: CartCoupon | null) {
  return {
    applied: outcome.applied.map((a) => ({
      promotionId: a.promotionId,
      name: a.name,
      discountCents: a.discountCents,
    })),
    explanation: outcome.explanation,
    hints: outcome.hints,
    coupon: coupon
      ? { code: coupon.code, applied: outcome.applied.some((a) => a.promotionId === coupon.promotionId) }
      : null,
  };
}
