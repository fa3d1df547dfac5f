import { and, eq, sql } from "drizzle-orm";
import type { Transaction } from "@cannasaas/db/client";
import {
  carts,
  customers,
  identityDocuments,
  inventoryLevels,
  orderItems,
  orders,
  orderStatusEvents,
  organizations,
  users,
} from "@cannasaas/db/schema";
import { calendarDayIn } from "../time";
import type { CoreDeps } from "../deps";
import { openPersonal } from "../crypto/pii";
import { DomainError } from "../errors";
import { enqueueEmail } from "../outbox/email";
import { recordDomainEvent } from "../events/domain-events";
import { findDeliveryZone } from "../cart/zones";
import { getLocation, loadCartLines, type Purchaser } from "../cart/view";
import type { Tenant } from "../tenancy/tenants";
import {
  DEFAULT_PAYMENT_METHODS,
  findPaymentMethod,
  type PaymentMethod,
  type PaymentMethodId,
} from "../payments/methods";
import { assertEligible } from "./eligibility";
import { orderConfirmationEmail } from "./emails";
import { assertWithinLimits, toLimitLine } from "./limits";
import { priceOrder } from "./pricing";

export const RESERVATION_MINUTES = 120;

export type PlaceOrderInput = {
  customerId: string;
  cartId: string;
  purchaser: Purchaser;
  paymentMethod: PaymentMethodId;
  notes?: string;
};

/**
 * Turns a cart into an order. Everything is computed here from the database (a client's prices are never
 * read). One transaction: the customer row is locked so two checkouts of one shopper cannot both pass the
 * daily limit, and each line reserves stock with a conditional update, so stock can never be oversold; any
 * failure rolls back every reservation.
 */
export async function placeOrder(
  deps: CoreDeps,
  tenant: Tenant,
  input: PlaceOrderInput,
  paymentMethods: readonly PaymentMethod[] = DEFAULT_PAYMENT_METHODS,
) {
  return deps.db.transaction((tx) => placeOrderInTransaction(tx, deps, tenant, input, paymentMethods));
}

/**
 * The body of `placeOrder`, for callers that build the cart in the same transaction (the public API's
 * `POST /orders`), so an order that is refused leaves no cart behind.
 */
export async function placeOrderInTransaction(
  tx: Transaction,
  deps: Pick<CoreDeps, "clock">,
  tenant: Tenant,
  input: PlaceOrderInput,
  paymentMethods: readonly PaymentMethod[] = DEFAULT_PAYMENT_METHODS,
) {
  // Only what the store accepts (cached tenants from before the column existed take both handover methods).
  const accepted = tenant.paymentMethods ?? ["cash", "debit"];
  const payment = findPaymentMethod(
    paymentMethods.filter((m) => (accepted as string[]).includes(m.id) || m.id === "online"),
    input.paymentMethod,
  );
  const now = deps.clock();
  const [cart] = await tx
    .select()
    .from(carts)
    .where(
      and(
        eq(carts.id, input.cartId),
        eq(carts.organizationId, tenant.id),
        eq(carts.customerId, input.customerId),
      ),
    )
    .for("update");
  if (!cart) throw new DomainError("NOT_FOUND", "Your cart was not found. Add items and try again.");
  if (cart.orderedAt) throw new DomainError("CONFLICT", "This cart has already been ordered.");
  if (!cart.locationId)
    throw new DomainError("BAD_REQUEST", "Choose a store location for pickup or delivery.");
  const location = await getLocation(tx, tenant.id, cart.locationId);
  const localDay = calendarDayIn(now, location.timeZone);

  const customer = await lockCustomer(tx, tenant.id, input.customerId);
  const documents = await tx
    .select()
    .from(identityDocuments)
    .where(
      and(
        eq(identityDocuments.organizationId, tenant.id),
        eq(identityDocuments.customerId, input.customerId),
      ),
    );
  const [org] = await tx.select().from(organizations).where(eq(organizations.id, tenant.id));
  assertEligible({
    purchaser: input.purchaser,
    dateOfBirth: customer.dateOfBirth,
    localDay,
    now,
    medicalEnabled: org!.compliance.medicalEnabled,
    adultUseEnabled: org!.compliance.adultUseEnabled,
    idVerificationRequired: org!.compliance.idVerificationRequired,
    idVerificationValidDays: org!.compliance.idVerificationValidDays,
    documents,
  });

  const lines = await loadCartLines(tx, tenant.id, cart.id, location.id);
  if (!lines.length) throw new DomainError("BAD_REQUEST", "Your cart is empty.");
  const inactive = lines.find((l) => l.productStatus !== "active");
  if (inactive)
    throw new DomainError(
      "BAD_REQUEST",
      `${inactive.productName} is no longer available. Remove it to continue.`,
    );

  let deliveryFeeCents = 0;
  if (cart.fulfillment === "delivery") {
    const zone = cart.deliveryAddress ? findDeliveryZone(location, cart.deliveryAddress) : null;
    if (!location.deliveryEnabled || !zone) {
      throw new DomainError(
        "BAD_REQUEST",
        `${location.name} does not deliver to this address. Choose pickup or another location.`,
      );
    }
    deliveryFeeCents = zone.feeCents;
    const subtotal = lines.reduce((sum, l) => sum + l.quantity * l.priceCents, 0);
    if (subtotal < zone.minimumOrderCents) {
      throw new DomainError(
        "BAD_REQUEST",
        `Delivery to ${zone.name} needs an order of at least $${(zone.minimumOrderCents / 100).toFixed(2)}.`,
      );
    }
  } else if (!location.pickupEnabled) {
    throw new DomainError("BAD_REQUEST", `${location.name} does not offer pickup.`);
  }

  await assertWithinLimits(tx, {
    organizationId: tenant.id,
    customerId: input.customerId,
    state: location.state,
    purchaser: input.purchaser,
    localDay,
    cart: lines.map((l) => toLimitLine(l)),
  });

  const priced = priceOrder(location, tenant.state, input.purchaser, lines, deliveryFeeCents);
  await reserveStock(tx, tenant.id, location.id, lines);
  const [counter] = await tx
    .update(organizations)
    .set({ nextOrderNumber: sql`${organizations.nextOrderNumber} + 1` })
    .where(eq(organizations.id, tenant.id))
    .returning({ next: organizations.nextOrderNumber });
  const { status: paymentStatus } = await payment.authorize({
    organizationId: tenant.id,
    orderNumber: counter!.next - 1,
    totalCents: priced.totals.totalCents,
  });
  const [order] = await tx
    .insert(orders)
    .values({
      organizationId: tenant.id,
      orderNumber: counter!.next - 1,
      customerId: input.customerId,
      locationId: location.id,
      fulfillment: cart.fulfillment,
      purchaserType: input.purchaser,
      paymentMethod: payment.id,
      paymentStatus,
      deliveryAddress: cart.fulfillment === "delivery" ? cart.deliveryAddress : null,
      localDay,
      notes: input.notes ?? null,
      placedAt: now,
      reservationExpiresAt: new Date(now.getTime() + RESERVATION_MINUTES * 60_000),
      ...priced.totals,
    })
    .returning();
  await tx
    .insert(orderItems)
    .values(priced.lines.map((l) => ({ ...l, organizationId: tenant.id, orderId: order!.id })));
  await tx
    .insert(orderStatusEvents)
    .values({ organizationId: tenant.id, orderId: order!.id, toStatus: "pending" });
  await tx.update(carts).set({ orderedAt: now }).where(eq(carts.id, cart.id));
  const outboxId = await enqueueEmail(tx, {
    organizationId: tenant.id,
    topic: "order.confirmation",
    ...orderConfirmationEmail({
      to: customer.email,
      storeName: tenant.name,
      order: order!,
      location,
      lines: priced.lines,
    }),
  });
  await recordDomainEvent(tx, {
    organizationId: tenant.id,
    type: "order.created",
    occurredAt: now,
    data: orderCreatedEventData(order!, priced.lines),
  });
  return { order: order!, outboxIds: [outboxId] };
}

/** The public shape of a new order in `order.created` webhooks: ids, money and lines, no personal data. */
function orderCreatedEventData(
  order: typeof orders.$inferSelect,
  lines: ReadonlyArray<{
    variantId: string;
    sku: string;
    quantity: number;
    unitPriceCents: number;
    totalCents: number;
  }>,
) {
  return {
    id: order.id,
    orderNumber: order.orderNumber,
    status: order.status,
    fulfillment: order.fulfillment,
    locationId: order.locationId,
    customerId: order.customerId,
    subtotalCents: order.subtotalCents,
    totalCents: order.totalCents,
    placedAt: order.placedAt.toISOString(),
    items: lines.map((l) => ({
      variantId: l.variantId,
      sku: l.sku,
      quantity: l.quantity,
      unitPriceCents: l.unitPriceCents,
      totalCents: l.totalCents,
    })),
  };
}

async function lockCustomer(tx: Transaction, organizationId: string, customerId: string) {
  const [row] = await tx
    .select({ id: customers.id, email: users.email, dateOfBirth: users.dateOfBirth })
    .from(customers)
    .innerJoin(users, eq(users.id, customers.userId))
    .where(and(eq(customers.id, customerId), eq(customers.organizationId, organizationId)))
    .for("update", { of: customers });
  if (!row) throw new DomainError("UNAUTHORIZED", "Sign in to place an order.");
  return { ...row, dateOfBirth: openPersonal(row.dateOfBirth) };
}

/** Reserves every line or none: a line that cannot be covered aborts the transaction with what is left. */
async function reserveStock(
  tx: Transaction,
  organizationId: string,
  locationId: string,
  lines: Array<{ variantId: string; quantity: number; productName: string; variantName: string }>,
) {
  // A fixed lock order keeps two checkouts of overlapping carts from deadlocking.
  for (const line of [...lines].sort((a, b) => a.variantId.localeCompare(b.variantId))) {
    const reserved = await tx
      .update(inventoryLevels)
      .set({ reserved: sql`${inventoryLevels.reserved} + ${line.quantity}` })
      .where(
        and(
          eq(inventoryLevels.organizationId, organizationId),
          eq(inventoryLevels.locationId, locationId),
          eq(inventoryLevels.variantId, line.variantId),
          sql`${inventoryLevels.onHand} - ${inventoryLevels.reserved} >= ${line.quantity}`,
        ),
      )
      .returning({ id: inventoryLevels.id });
    if (!reserved.length) {
      const [level] = await tx
        .select({
          available: sql<number>`${inventoryLevels.onHand} - ${inventoryLevels.reserved}`.mapWith(Number),
        })
        .from(inventoryLevels)
        .where(
          and(eq(inventoryLevels.locationId, locationId), eq(inventoryLevels.variantId, line.variantId)),
        );
      const left = Math.max(0, level?.available ?? 0);
      throw new DomainError(
        "CONFLICT",
        left === 0
          ? `${line.productName} (${line.variantName}) just sold out at this location. Remove it to continue.`
          : `Only ${left} of ${line.productName} (${line.variantName}) left at this location. Lower the quantity to continue.`,
        { variantId: line.variantId, available: left },
      );
    }
  }
}
