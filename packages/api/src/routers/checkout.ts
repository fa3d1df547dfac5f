import { availableSlots, getLocation, placeOrder } from "@cannasaas/core";
import { checkoutSchema } from "@cannasaas/validators";
import { createTRPCRouter, shopperProcedure } from "../trpc";
import { currentCart } from "./cart";

export const checkoutRouter = createTRPCRouter({
  /**
   * The pickup times (or delivery windows) the cart's location offers now, from its hours and lead time, and
   * whether it is open; the first is what "as soon as possible" means.
   */
  slots: shopperProcedure.query(async ({ ctx }) => {
    const { cart } = await currentCart(ctx, false);
    if (!cart?.locationId)
      return { timeZone: ctx.tenant.timeZone, fulfillment: "pickup" as const, slots: [] };
    const location = await getLocation(ctx.deps.db, ctx.tenant.id, cart.locationId);
    const slots = availableSlots(location, cart.fulfillment, ctx.deps.clock());
    return {
      timeZone: location.timeZone,
      fulfillment: cart.fulfillment,
      slots: slots.map((s) => ({
        startsAt: s.startsAt.toISOString(),
        endsAt: s.endsAt.toISOString(),
        day: s.day,
      })),
    };
  }),

  /** Places the order from the shopper's cart. Prices, taxes and totals are computed on the server only. */
  place: shopperProcedure.input(checkoutSchema).mutation(async ({ ctx, input }) => {
    const { cart, customerId } = await currentCart(ctx, true);
    const { order, outboxIds } = await placeOrder(ctx.deps, ctx.tenant, {
      ...input,
      slotStartsAt: input.slotStartsAt ? new Date(input.slotStartsAt) : null,
      cartId: cart!.id,
      customerId: customerId!,
    });
    ctx.deliverOutbox(outboxIds);
    return {
      orderId: order.id,
      orderNumber: order.orderNumber,
      totalCents: order.totalCents,
      slotStartsAt: order.slotStartsAt?.toISOString() ?? null,
    };
  }),
});
