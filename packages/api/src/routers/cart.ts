import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { ensureCustomer } from "@cannasaas/auth";
import {
  addCartItem,
  checkoutReadiness,
  limitWarnings,
  applyCouponToCart,
  getLocation,
  removeCouponFromCart,
  findCart,
  getOrCreateCart,
  mergeGuestCart,
  quoteCart,
  removeCartItem,
  setCartFulfillment,
  setCartItemQuantity,
} from "@cannasaas/core";
import type { Tenant } from "@cannasaas/core";
import {
  couponEntrySchema,
  fulfillmentSchema,
  purchaserTypeSchema,
  usAddressSchema,
} from "@cannasaas/validators";
import type { TrpcContext } from "../context";
import { createTRPCRouter, tenantProcedure } from "../trpc";

const uuid = z.uuid({ error: "Unknown item." });
const quantity = z.number({ error: "Enter a quantity." }).int({ error: "Enter a whole number." });
const purchaser = purchaserTypeSchema.default("adult_use");
const deliveryAddress = usAddressSchema.extend({
  latitude: z.number().min(-90).max(90).nullish(),
  longitude: z.number().min(-180).max(180).nullish(),
});

/**
 * The cart of whoever is browsing: a signed-in shopper's customer cart (a guest cart from this browser is
 * merged into it first), otherwise the guest cart keyed by the proxy's cookie.
 */
export async function currentCart(ctx: TrpcContext & { tenant: Tenant }, create: boolean) {
  const db = ctx.deps.db;
  if (ctx.user) {
    const customerId = await ensureCustomer(ctx.deps, ctx.tenant.id, ctx.user.id);
    if (!customerId)
      throw new TRPCError({ code: "UNAUTHORIZED", message: "Your session has ended. Sign in again." });
    if (ctx.cartToken) await mergeGuestCart(db, ctx.tenant.id, ctx.cartToken, customerId);
    const cart = create
      ? await getOrCreateCart(db, ctx.tenant.id, { customerId })
      : await findCart(db, ctx.tenant.id, { customerId });
    return { cart, customerId };
  }
  if (!ctx.cartToken) {
    if (!create) return { cart: null, customerId: null };
    throw new TRPCError({ code: "PRECONDITION_FAILED", message: "Enable cookies to use the cart." });
  }
  const owner = { guestToken: ctx.cartToken };
  const cart = create
    ? await getOrCreateCart(db, ctx.tenant.id, owner)
    : await findCart(db, ctx.tenant.id, owner);
  return { cart, customerId: null };
}

/** Adult-use limits the cart is now over (the cart page's meter shows the medical ones for patients). */
async function warningsFor(
  ctx: TrpcContext & { tenant: Tenant },
  cart: Awaited<ReturnType<typeof currentCart>>["cart"],
  customerId: string | null,
) {
  const { limits } = await checkoutReadiness(ctx.deps.db, ctx.tenant.id, cart, {
    purchaser: "adult_use",
    customerId,
    now: ctx.deps.clock(),
  });
  return limits ? limitWarnings(limits) : [];
}

export const cartRouter = createTRPCRouter({
  /** The cart with the totals checkout would charge for it (the same core pricing). */
  get: tenantProcedure.input(z.object({ purchaser }).optional()).query(async ({ ctx, input }) => {
    const { cart } = await currentCart(ctx, false);
    return quoteCart(
      ctx.deps.db,
      ctx.tenant,
      cart,
      input?.purchaser ?? "adult_use",
      ctx.deps.clock(),
      ctx.deps.kv,
    );
  }),

  /**
   * The purchase-limit meter (today's earlier orders included, in the store's day) and whether the shopper's
   * age and ID pass, by the rules checkout enforces.
   */
  readiness: tenantProcedure.input(z.object({ purchaser }).optional()).query(async ({ ctx, input }) => {
    const { cart, customerId } = await currentCart(ctx, false);
    return checkoutReadiness(ctx.deps.db, ctx.tenant.id, cart, {
      purchaser: input?.purchaser ?? "adult_use",
      customerId,
      now: ctx.deps.clock(),
    });
  }),

  /** Adds an item; `limitWarnings` says, with the state's rule, when the cart is now over a purchase limit. */
  add: tenantProcedure
    .input(z.object({ variantId: uuid, quantity: quantity.default(1) }))
    .mutation(async ({ ctx, input }) => {
      const { cart, customerId } = await currentCart(ctx, true);
      await addCartItem(ctx.deps.db, ctx.tenant.id, cart!.id, input.variantId, input.quantity);
      return { ok: true, limitWarnings: await warningsFor(ctx, cart, customerId) };
    }),

  update: tenantProcedure.input(z.object({ variantId: uuid, quantity })).mutation(async ({ ctx, input }) => {
    const { cart, customerId } = await currentCart(ctx, true);
    await setCartItemQuantity(ctx.deps.db, ctx.tenant.id, cart!.id, input.variantId, input.quantity);
    return { ok: true, limitWarnings: await warningsFor(ctx, cart, customerId) };
  }),

  remove: tenantProcedure.input(z.object({ variantId: uuid })).mutation(async ({ ctx, input }) => {
    const { cart } = await currentCart(ctx, false);
    if (cart) await removeCartItem(ctx.deps.db, ctx.tenant.id, cart.id, input.variantId);
    return { ok: true };
  }),

  /** Puts a coupon on the cart, or refuses it saying why (expired, used up, another store or menu). */
  applyCoupon: tenantProcedure
    .input(
      z.object({
        code: couponEntrySchema,
        purchaser,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { cart, customerId } = await currentCart(ctx, true);
      const location = cart!.locationId
        ? await getLocation(ctx.deps.db, ctx.tenant.id, cart!.locationId)
        : null;
      return applyCouponToCart(ctx.deps.db, {
        organizationId: ctx.tenant.id,
        storeName: ctx.tenant.name,
        cartId: cart!.id,
        code: input.code,
        customerId,
        purchaser: input.purchaser,
        locationId: location?.id ?? null,
        timeZone: location?.timeZone ?? ctx.tenant.timeZone,
        now: ctx.deps.clock(),
      });
    }),

  removeCoupon: tenantProcedure.mutation(async ({ ctx }) => {
    const { cart } = await currentCart(ctx, false);
    if (cart) await removeCouponFromCart(ctx.deps.db, ctx.tenant.id, cart.id);
    return { ok: true };
  }),

  setFulfillment: tenantProcedure
    .input(
      z.object({
        locationId: z.uuid({ error: "Choose a store location." }),
        fulfillment: fulfillmentSchema,
        address: deliveryAddress.nullish(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { cart } = await currentCart(ctx, true);
      const { zone } = await setCartFulfillment(ctx.deps.db, ctx.tenant.id, cart!.id, input);
      return { deliveryFeeCents: zone?.feeCents ?? 0, minimumOrderCents: zone?.minimumOrderCents ?? 0 };
    }),
});
