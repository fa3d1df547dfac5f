import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { ensureCustomer } from "@cannasaas/auth";
import {
  addCartItem,
  findCart,
  getOrCreateCart,
  loadCartLines,
  mergeGuestCart,
  removeCartItem,
  setCartFulfillment,
  setCartItemQuantity,
  unitPrice,
} from "@cannasaas/core";
import type { Tenant } from "@cannasaas/core";
import type { TrpcContext } from "../context";
import { createTRPCRouter, tenantProcedure } from "../trpc";

const uuid = z.uuid({ error: "Unknown item." });
const quantity = z.number({ error: "Enter a quantity." }).int({ error: "Enter a whole number." });
const purchaser = z.enum(["adult_use", "medical"]).default("adult_use");

const addressSchema = z.object({
  line1: z.string().trim().min(3, { error: "Enter the street address." }).max(120),
  line2: z.string().trim().max(120).nullish(),
  city: z.string().trim().min(2, { error: "Enter the city." }).max(80),
  state: z.string().trim().length(2, { error: "Use the two-letter state code." }).toUpperCase(),
  postalCode: z
    .string()
    .trim()
    .regex(/^\d{5}(-\d{4})?$/, { error: "Enter a 5-digit ZIP code." }),
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

export const cartRouter = createTRPCRouter({
  get: tenantProcedure.input(z.object({ purchaser }).optional()).query(async ({ ctx, input }) => {
    const { cart } = await currentCart(ctx, false);
    if (!cart)
      return {
        id: null,
        locationId: null,
        fulfillment: "pickup" as const,
        deliveryAddress: null,
        lines: [],
        subtotalCents: 0,
        itemCount: 0,
      };
    const lines = (await loadCartLines(ctx.deps.db, ctx.tenant.id, cart.id, cart.locationId)).map((l) => {
      const price = unitPrice(l, input?.purchaser ?? "adult_use");
      return { ...l, unitPriceCents: price, subtotalCents: price * l.quantity };
    });
    return {
      id: cart.id,
      locationId: cart.locationId,
      fulfillment: cart.fulfillment,
      deliveryAddress: cart.deliveryAddress,
      lines,
      subtotalCents: lines.reduce((sum, l) => sum + l.subtotalCents, 0),
      itemCount: lines.reduce((sum, l) => sum + l.quantity, 0),
    };
  }),

  add: tenantProcedure
    .input(z.object({ variantId: uuid, quantity: quantity.default(1) }))
    .mutation(async ({ ctx, input }) => {
      const { cart } = await currentCart(ctx, true);
      await addCartItem(ctx.deps.db, ctx.tenant.id, cart!.id, input.variantId, input.quantity);
      return { ok: true };
    }),

  update: tenantProcedure.input(z.object({ variantId: uuid, quantity })).mutation(async ({ ctx, input }) => {
    const { cart } = await currentCart(ctx, true);
    await setCartItemQuantity(ctx.deps.db, ctx.tenant.id, cart!.id, input.variantId, input.quantity);
    return { ok: true };
  }),

  remove: tenantProcedure.input(z.object({ variantId: uuid })).mutation(async ({ ctx, input }) => {
    const { cart } = await currentCart(ctx, false);
    if (cart) await removeCartItem(ctx.deps.db, ctx.tenant.id, cart.id, input.variantId);
    return { ok: true };
  }),

  setFulfillment: tenantProcedure
    .input(
      z.object({
        locationId: z.uuid({ error: "Choose a store location." }),
        fulfillment: z.enum(["pickup", "delivery"]),
        address: addressSchema.nullish(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { cart } = await currentCart(ctx, true);
      const { zone } = await setCartFulfillment(ctx.deps.db, ctx.tenant.id, cart!.id, input);
      return { deliveryFeeCents: zone?.feeCents ?? 0, minimumOrderCents: zone?.minimumOrderCents ?? 0 };
    }),
});
