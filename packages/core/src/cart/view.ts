import { and, asc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import {
  cartItems,
  carts,
  categories,
  inventoryLevels,
  locations,
  products,
  productVariants,
  type DeliveryAddress,
} from "@cannasaas/db/schema";
import type { Fulfillment, PurchaserType } from "@cannasaas/db/enums";
import { DomainError } from "../errors";
import { findDeliveryZone } from "./zones";

/** Whose prices and rules apply: adult-use or medical. */
export type Purchaser = PurchaserType;

/**
 * Cart lines priced on the server for the purchaser, with what the chosen location can supply: one statement,
 * reading the stock of the cart's own variants only (not the location's whole catalog).
 */
export async function loadCartLines(
  db: DbOrTx,
  organizationId: string,
  cartId: string,
  locationId: string | null,
) {
  const rows = await db
    .select({
      variantId: cartItems.variantId,
      quantity: cartItems.quantity,
      productId: products.id,
      productName: products.name,
      productSlug: products.slug,
      productStatus: products.status,
      category: categories.slug,
      limitKind: categories.limitKind,
      medicalCompliant: products.medicalCompliant,
      thcBps: products.thcBps,
      thcMg: products.thcMg,
      variantName: productVariants.name,
      sku: productVariants.sku,
      weightMg: productVariants.weightMg,
      netWeightMg: productVariants.netWeightMg,
      netVolumeMl: productVariants.netVolumeMl,
      priceCents: productVariants.priceCents,
      medicalPriceCents: productVariants.medicalPriceCents,
      onHand: inventoryLevels.onHand,
      reserved: inventoryLevels.reserved,
    })
    .from(cartItems)
    .innerJoin(productVariants, eq(productVariants.id, cartItems.variantId))
    .innerJoin(products, eq(products.id, productVariants.productId))
    .innerJoin(categories, eq(categories.id, products.categoryId))
    .leftJoin(
      inventoryLevels,
      locationId
        ? and(
            eq(inventoryLevels.organizationId, organizationId),
            eq(inventoryLevels.locationId, locationId),
            eq(inventoryLevels.variantId, cartItems.variantId),
          )
        : sql`false`,
    )
    .where(and(eq(cartItems.organizationId, organizationId), eq(cartItems.cartId, cartId)))
    .orderBy(asc(cartItems.createdAt), asc(cartItems.variantId));
  return rows.map(({ onHand, reserved, ...r }) => ({
    ...r,
    available: locationId ? (onHand ?? 0) - (reserved ?? 0) : null,
  }));
}

export type CartLine = Awaited<ReturnType<typeof loadCartLines>>[number];

export function unitPrice(line: Pick<CartLine, "priceCents" | "medicalPriceCents">, purchaser: Purchaser) {
  return purchaser === "medical" && line.medicalPriceCents != null ? line.medicalPriceCents : line.priceCents;
}

export async function getLocation(db: DbOrTx, organizationId: string, locationId: string) {
  const [location] = await db
    .select()
    .from(locations)
    .where(and(eq(locations.id, locationId), eq(locations.organizationId, organizationId)))
    .limit(1);
  if (!location)
    throw new DomainError("NOT_FOUND", "That store location does not exist.", { field: "locationId" });
  return location;
}

/** Chooses pickup or delivery at a location; a delivery address must fall inside one of its zones. */
export async function setCartFulfillment(
  db: DbOrTx,
  organizationId: string,
  cartId: string,
  input: { locationId: string; fulfillment: Fulfillment; address?: DeliveryAddress | null },
) {
  const location = await getLocation(db, organizationId, input.locationId);
  if (input.fulfillment === "pickup" && !location.pickupEnabled) {
    throw new DomainError("BAD_REQUEST", `${location.name} does not offer pickup.`);
  }
  let zone = null;
  if (input.fulfillment === "delivery") {
    if (!location.deliveryEnabled) throw new DomainError("BAD_REQUEST", `${location.name} does not deliver.`);
    if (!input.address)
      throw new DomainError("BAD_REQUEST", "Enter a delivery address.", { field: "address" });
    zone = findDeliveryZone(location, input.address);
    if (!zone) {
      throw new DomainError(
        "BAD_REQUEST",
        `${location.name} does not deliver to ${input.address.postalCode}. Choose pickup or another location.`,
        { field: "address" },
      );
    }
  }
  await db
    .update(carts)
    .set({
      locationId: location.id,
      fulfillment: input.fulfillment,
      deliveryAddress: input.fulfillment === "delivery" ? input.address : null,
    })
    .where(and(eq(carts.id, cartId), eq(carts.organizationId, organizationId)));
  return { location, zone };
}
