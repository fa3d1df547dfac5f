import { and, eq, inArray } from "drizzle-orm";
import { cartItems, carts, customers, locations, productVariants } from "@cannasaas/db/schema";
import type { Purchaser } from "../cart/view";
import type { CoreDeps } from "../deps";
import { DomainError } from "../errors";
import type { PaymentMethodId } from "../payments/methods";
import { loadTenantById } from "../tenancy/tenants";
import { placeOrderInTransaction } from "./place-order";
import { committingClaims } from "./commit-claims";

export type CustomerOrderLine = { variantId: string; quantity: number };

export type PlaceOrderForCustomerInput = {
  customerId: string;
  locationId: string;
  lines: readonly CustomerOrderLine[];
  purchaser: Purchaser;
  paymentMethod: PaymentMethodId;
  notes?: string;
  /** A pickup time the location offers; without one, as soon as possible (refused while closed). */
  slotStartsAt?: Date | null;
};

/**
 * Places a pickup order for an existing customer from a list of lines, as an integration (the public API's
 * `POST /orders`) sends it. The customer, the location and every variant must belong to the organization
 * (another store's ids are simply not found). The lines become a cart inside the same transaction and go
 * through the storefront's checkout, so prices, taxes, eligibility and limits are the same; a refused order
 * leaves nothing behind, not even the cart.
 */
export async function placeOrderForCustomer(
  deps: CoreDeps,
  organizationId: string,
  input: PlaceOrderForCustomerInput,
) {
  const tenant = await loadTenantById(deps.db, organizationId);
  if (!tenant) throw new DomainError("NOT_FOUND", "Organization not found.");
  return committingClaims(deps.db, async (tx) => {
    const [customer] = await tx
      .select({ id: customers.id, erasedAt: customers.erasedAt })
      .from(customers)
      .where(and(eq(customers.id, input.customerId), eq(customers.organizationId, organizationId)));
    if (!customer || customer.erasedAt)
      throw new DomainError("NOT_FOUND", "No customer with that id in this organization.", {
        field: "customerId",
      });
    const [location] = await tx
      .select({ id: locations.id })
      .from(locations)
      .where(and(eq(locations.id, input.locationId), eq(locations.organizationId, organizationId)));
    if (!location)
      throw new DomainError("NOT_FOUND", "No location with that id in this organization.", {
        field: "locationId",
      });
    const variantIds = input.lines.map((l) => l.variantId);
    const known = variantIds.length
      ? await tx
          .select({ id: productVariants.id })
          .from(productVariants)
          .where(
            and(eq(productVariants.organizationId, organizationId), inArray(productVariants.id, variantIds)),
          )
      : [];
    const missing = variantIds.find((id) => !known.some((k) => k.id === id));
    if (missing)
      throw new DomainError("NOT_FOUND", `No variant ${missing} in this organization.`, {
        variantId: missing,
      });
    if (!input.lines.length) throw new DomainError("BAD_REQUEST", "Add at least one item.");
    const [cart] = await tx
      .insert(carts)
      .values({ organizationId, customerId: customer.id, locationId: location.id, fulfillment: "pickup" })
      .returning({ id: carts.id });
    await tx.insert(cartItems).values(
      input.lines.map((l) => ({
        organizationId,
        cartId: cart!.id,
        variantId: l.variantId,
        quantity: l.quantity,
      })),
    );
    return placeOrderInTransaction(
      tx,
      deps,
      tenant,
      {
        customerId: customer.id,
        cartId: cart!.id,
        purchaser: input.purchaser,
        paymentMethod: input.paymentMethod,
        notes: input.notes,
        slotStartsAt: input.slotStartsAt,
      },
      undefined,
      { capShopper: false },
    );
  });
}
