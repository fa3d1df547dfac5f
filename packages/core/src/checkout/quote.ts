import type { DbOrTx } from "@cannasaas/db/client";
import type { KV } from "@cannasaas/integrations/kv";
import type { carts } from "@cannasaas/db/schema";
import { findDeliveryZone } from "../cart/zones";
import { getLocation, loadCartLines, type Purchaser } from "../cart/view";
import type { Tenant } from "../tenancy/tenants";
import { cartPromotionInput, cartPromotionSummary, promotionsForCart } from "../promotions/for-cart";
import { calendarDayIn } from "../time";
import { linesAfterDiscounts, priceLines, priceOrder, taxRatesFor, withLineDiscounts } from "./pricing";
import { cartRewardPreview } from "../loyalty/redeem";

type CartRow = typeof carts.$inferSelect;

/**
 * What the cart page shows: each line at the purchaser's price and, once a location is chosen, the same totals
 * `placeOrder` would charge at `now` (taxes per line and the delivery fee of the address's zone), computed by
 * the same `priceOrder`. `totals` is null until there is a location with known tax rates to price against.
 */
export async function quoteCart(
  db: DbOrTx,
  tenant: Pick<Tenant, "id" | "state" | "timeZone">,
  cart: CartRow | null,
  purchaser: Purchaser,
  now: Date,
  /** With it, the store's promotions come from the menu cache. */
  kv?: KV,
) {
  if (!cart) {
    return {
      id: null,
      locationId: null,
      fulfillment: "pickup" as const,
      deliveryAddress: null,
      lines: [],
      subtotalCents: 0,
      itemCount: 0,
      totals: null,
      promotions: null,
      reward: null,
    };
  }
  const lines = await loadCartLines(db, tenant.id, cart.id, cart.locationId);
  const location = cart.locationId ? await getLocation(db, tenant.id, cart.locationId) : null;
  const zone =
    location && cart.fulfillment === "delivery" && cart.deliveryAddress
      ? findDeliveryZone(location, cart.deliveryAddress)
      : null;
  const deliveryFeeCents = zone?.feeCents ?? 0;
  const { outcome, coupon } = await promotionsForCart(
    db,
    cartPromotionInput(tenant, cart, purchaser, lines, location, deliveryFeeCents, now),
    kv,
  );
  const lineDiscount = new Map(outcome.lineDiscounts.map((d) => [d.lineId, d.discountCents]));
  const priced = priceLines(lines, purchaser).map((p) => ({
    ...p.line,
    unitPriceCents: p.unitPriceCents,
    subtotalCents: p.subtotalCents,
    discountCents: lineDiscount.get(p.line.variantId) ?? 0,
  }));
  // Loyalty: the reward chosen for this cart, taken off its lines after the promotions exactly as checkout will.
  const reward = cart.customerId
    ? await cartRewardPreview(db, tenant.id, cart.id, linesAfterDiscounts(lines, purchaser, outcome))
    : null;
  let totals = null;
  if (location && lines.length) {
    const localDay = calendarDayIn(now, location.timeZone);
    const discounts = withLineDiscounts(outcome, reward?.lineDiscounts);
    if (taxRatesFor(location, localDay))
      totals = priceOrder(location, purchaser, lines, deliveryFeeCents, localDay, discounts).totals;
  }
  return {
    reward,
    id: cart.id,
    locationId: cart.locationId,
    fulfillment: cart.fulfillment,
    deliveryAddress: cart.deliveryAddress,
    lines: priced,
    subtotalCents: priced.reduce((sum, l) => sum + l.subtotalCents, 0),
    itemCount: priced.reduce((sum, l) => sum + l.quantity, 0),
    totals,
    promotions: cartPromotionSummary(outcome, coupon),
  };
}
