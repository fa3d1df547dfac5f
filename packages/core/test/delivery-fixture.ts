/** A fixture tenant set up to deliver, and delivery orders from new shoppers, for the delivery and notice tests. */
import { eq } from "drizzle-orm";
import type { Database } from "@cannasaas/db/client";
import { customers, inventoryLevels, locations, users } from "@cannasaas/db/schema";
import {
  addCartItem,
  getOrCreateCart,
  placeOrder,
  setCartFulfillment,
  type CoreDeps,
  type Tenant,
} from "../src";
import type { FixtureTenant } from "../src/testing";

/** The first location's coordinates, and a shopper's home 1.4 km north of it. */
export const STORE = { latitude: 37.7626, longitude: -122.4194 };
export const HOME = { latitude: 37.7749, longitude: -122.4194 };
const ADDRESS = { line1: "5 Elm St", city: "Town", state: "CA", postalCode: "90001" };

/** Free delivery without a minimum to ZIP 90001 from the first location, placed at STORE, with stock to sell. */
export async function openForDelivery(db: Database, shop: FixtureTenant) {
  const north = shop.locations[0]!.id;
  const zone = { id: "z", name: "Town", kind: "postal_codes" as const, postalCodes: ["90001"] };
  await db
    .update(locations)
    .set({ ...STORE, deliveryEnabled: true, deliveryZones: [{ ...zone, feeCents: 0, minimumOrderCents: 0 }] })
    .where(eq(locations.id, north));
  await db.update(inventoryLevels).set({ onHand: 1000 }).where(eq(inventoryLevels.locationId, north));
}

/** A new adult shopper (born 1990) with a customer record at the shop. */
export async function newShopper(db: Database, shop: FixtureTenant, name?: string) {
  const email = `s-${crypto.randomUUID()}@example.test`;
  const [user] = await db.insert(users).values({ email, name, dateOfBirth: "1990-01-01" }).returning();
  const [customer] = await db
    .insert(customers)
    .values({ organizationId: shop.org.id, userId: user!.id })
    .returning();
  return { email, customerId: customer!.id };
}

/**
 * Places an adult-use cash order of one line from the first location for `customerId`: delivered to HOME's
 * address (without its coordinates when `coordinates` is false), or picked up.
 */
export async function placeOrderFrom(
  deps: CoreDeps,
  tenant: Tenant,
  shop: FixtureTenant,
  input: {
    customerId: string;
    variantId: string;
    quantity?: number;
    fulfillment: "pickup" | "delivery";
    coordinates?: boolean;
  },
) {
  const cart = await getOrCreateCart(deps.db, shop.org.id, { customerId: input.customerId });
  await addCartItem(deps.db, shop.org.id, cart.id, input.variantId, input.quantity ?? 1);
  const address = { ...ADDRESS, ...(input.coordinates === false ? {} : HOME) };
  await setCartFulfillment(deps.db, shop.org.id, cart.id, {
    locationId: shop.locations[0]!.id,
    fulfillment: input.fulfillment,
    ...(input.fulfillment === "delivery" ? { address } : {}),
  });
  const { order } = await placeOrder(deps, tenant, {
    customerId: input.customerId,
    cartId: cart.id,
    purchaser: "adult_use",
    paymentMethod: "cash",
  });
  return order;
}
