import { createHash, randomBytes } from "node:crypto";
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import { cartItems, carts, productVariants, products } from "@cannasaas/db/schema";
import { DomainError } from "../errors";

export const MAX_LINE_QUANTITY = 99;
export type CartOwner = { customerId: string } | { guestToken: string };

export const hashGuestToken = (token: string) => createHash("sha256").update(token).digest("hex");
export const newGuestToken = () => randomBytes(24).toString("base64url");

function ownerFilter(organizationId: string, owner: CartOwner) {
  return and(
    eq(carts.organizationId, organizationId),
    isNull(carts.orderedAt),
    "customerId" in owner
      ? eq(carts.customerId, owner.customerId)
      : eq(carts.guestTokenHash, hashGuestToken(owner.guestToken)),
  );
}

export async function findCart(db: DbOrTx, organizationId: string, owner: CartOwner) {
  const [cart] = await db
    .select()
    .from(carts)
    .where(ownerFilter(organizationId, owner))
    .orderBy(asc(carts.createdAt))
    .limit(1);
  return cart ?? null;
}

export async function getOrCreateCart(db: DbOrTx, organizationId: string, owner: CartOwner) {
  const existing = await findCart(db, organizationId, owner);
  if (existing) return existing;
  const [created] = await db
    .insert(carts)
    .values({
      organizationId,
      ...("customerId" in owner
        ? { customerId: owner.customerId }
        : { guestTokenHash: hashGuestToken(owner.guestToken) }),
    })
    .onConflictDoNothing()
    .returning();
  return created ?? (await findCart(db, organizationId, owner))!;
}

function checkQuantity(quantity: number) {
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_LINE_QUANTITY) {
    throw new DomainError("BAD_REQUEST", `Choose a quantity between 1 and ${MAX_LINE_QUANTITY}.`, {
      field: "quantity",
    });
  }
}

/** The variant, if it belongs to this tenant and its product is on sale. */
async function sellableVariant(db: DbOrTx, organizationId: string, variantId: string) {
  const [row] = await db
    .select({ id: productVariants.id, name: products.name, status: products.status })
    .from(productVariants)
    .innerJoin(products, eq(products.id, productVariants.productId))
    .where(and(eq(productVariants.id, variantId), eq(productVariants.organizationId, organizationId)))
    .limit(1);
  if (!row) throw new DomainError("NOT_FOUND", "That product is not on this menu.");
  if (row.status !== "active") throw new DomainError("BAD_REQUEST", `${row.name} is no longer available.`);
  return row;
}

/** Adds units of a variant; adding to an existing line sums, capped at the line maximum. */
export async function addCartItem(
  db: DbOrTx,
  organizationId: string,
  cartId: string,
  variantId: string,
  quantity: number,
) {
  checkQuantity(quantity);
  await sellableVariant(db, organizationId, variantId);
  await db
    .insert(cartItems)
    .values({ organizationId, cartId, variantId, quantity })
    .onConflictDoUpdate({
      target: [cartItems.cartId, cartItems.variantId],
      set: {
        quantity: sql`least(${cartItems.quantity} + excluded.quantity, ${MAX_LINE_QUANTITY})`,
        updatedAt: new Date(),
      },
    });
  await touch(db, organizationId, cartId);
}

export async function setCartItemQuantity(
  db: DbOrTx,
  organizationId: string,
  cartId: string,
  variantId: string,
  quantity: number,
) {
  if (quantity === 0) return removeCartItem(db, organizationId, cartId, variantId);
  checkQuantity(quantity);
  const updated = await db
    .update(cartItems)
    .set({ quantity })
    .where(
      and(
        eq(cartItems.organizationId, organizationId),
        eq(cartItems.cartId, cartId),
        eq(cartItems.variantId, variantId),
      ),
    )
    .returning({ id: cartItems.id });
  if (!updated.length) throw new DomainError("NOT_FOUND", "That item is not in your cart.");
  await touch(db, organizationId, cartId);
}

export async function removeCartItem(db: DbOrTx, organizationId: string, cartId: string, variantId: string) {
  await db
    .delete(cartItems)
    .where(
      and(
        eq(cartItems.organizationId, organizationId),
        eq(cartItems.cartId, cartId),
        eq(cartItems.variantId, variantId),
      ),
    );
  await touch(db, organizationId, cartId);
}

async function touch(db: DbOrTx, organizationId: string, cartId: string) {
  await db
    .update(carts)
    .set({ updatedAt: new Date() })
    .where(and(eq(carts.id, cartId), eq(carts.organizationId, organizationId)));
}

/** At sign-in, a guest's cart joins the customer's (quantities summed, capped) and the guest cart is removed. */
export async function mergeGuestCart(
  db: DbOrTx,
  organizationId: string,
  guestToken: string,
  customerId: string,
) {
  const guest = await findCart(db, organizationId, { guestToken });
  if (!guest) return null;
  const target = await getOrCreateCart(db, organizationId, { customerId });
  const items = await db
    .select()
    .from(cartItems)
    .where(and(eq(cartItems.organizationId, organizationId), eq(cartItems.cartId, guest.id)));
  for (const item of items) {
    await db
      .insert(cartItems)
      .values({ organizationId, cartId: target.id, variantId: item.variantId, quantity: item.quantity })
      .onConflictDoUpdate({
        target: [cartItems.cartId, cartItems.variantId],
        set: { quantity: sql`least(${cartItems.quantity} + excluded.quantity, ${MAX_LINE_QUANTITY})` },
      });
  }
  if (!target.locationId && guest.locationId) {
    await db
      .update(carts)
      .set({
        locationId: guest.locationId,
        fulfillment: guest.fulfillment,
        deliveryAddress: guest.deliveryAddress,
      })
      .where(eq(carts.id, target.id));
  }
  await db.delete(carts).where(and(eq(carts.id, guest.id), eq(carts.organizationId, organizationId)));
  return target.id;
}
