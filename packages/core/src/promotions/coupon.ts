import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import { cartPromotionCodes, promotionCodes, promotions } from "@cannasaas/db/schema";
import type { Purchaser } from "../cart/view";
import { DomainError } from "../errors";
import { whyNotEligible } from "./eligibility";
import { customerFacts, toEnginePromotion } from "./load";

/** Codes are matched without regard to case or surrounding spaces, and stored upper-case. */
export const normalizeCode = (code: string) => code.trim().toUpperCase();

/** Reasons that a shopper cannot fix in this cart: the code is refused outright instead of being kept. */
const REFUSED = new Set([
  "paused",
  "ended",
  "expired",
  "not_started",
  "off_hours",
  "location",
  "menu",
  "sign_in",
  "first_order",
  "segment",
  "customer_limit",
  "used_up",
]);

/**
 * Puts a coupon on a cart (replacing any other), after checking it the way checkout will: a code of another
 * store, an expired, paused or used-up deal, one for the other menu or another location is refused with a
 * message that says so. A minimum spend not yet reached keeps the code and the cart says how much is missing.
 */
export async function applyCouponToCart(
  db: DbOrTx,
  input: {
    organizationId: string;
    storeName: string;
    cartId: string;
    code: string;
    customerId: string | null;
    purchaser: Purchaser;
    locationId: string | null;
    timeZone: string;
    now: Date;
  },
) {
  const code = normalizeCode(input.code);
  if (!code) throw new DomainError("BAD_REQUEST", "Enter a coupon code.", { field: "code" });
  const [found] = await db
    .select({ codeId: promotionCodes.id, promotion: promotions })
    .from(promotionCodes)
    .innerJoin(promotions, eq(promotions.id, promotionCodes.promotionId))
    .where(and(eq(promotionCodes.organizationId, input.organizationId), eq(promotionCodes.code, code)));
  if (!found) {
    throw new DomainError(
      "BAD_REQUEST",
      `${code} is not a coupon code at ${input.storeName}. Codes work only at the store that issued them.`,
      { field: "code" },
    );
  }
  const promo = toEnginePromotion(found.promotion);
  const customer = input.customerId ? await customerFacts(db, input.organizationId, input.customerId) : null;
  const refusal = whyNotEligible(
    promo,
    {
      now: input.now,
      timeZone: input.timeZone,
      locationId: input.locationId,
      menu: input.purchaser,
      customer,
      codePromotionId: promo.id,
      deliveryFeeCents: 0,
    },
    Number.MAX_SAFE_INTEGER,
  );
  // A code for one location is only refused once the shopper has chosen another.
  if (refusal && REFUSED.has(refusal.reason) && !(refusal.reason === "location" && !input.locationId)) {
    throw new DomainError("BAD_REQUEST", `${code}: ${refusal.message}`, {
      field: "code",
      reason: refusal.reason,
    });
  }
  await db
    .insert(cartPromotionCodes)
    .values({ organizationId: input.organizationId, cartId: input.cartId, codeId: found.codeId })
    .onConflictDoUpdate({ target: cartPromotionCodes.cartId, set: { codeId: found.codeId } });
  return { code, promotionName: promo.name };
}

export async function removeCouponFromCart(db: DbOrTx, organizationId: string, cartId: string) {
  await db
    .delete(cartPromotionCodes)
    .where(and(eq(cartPromotionCodes.organizationId, organizationId), eq(cartPromotionCodes.cartId, cartId)));
}
