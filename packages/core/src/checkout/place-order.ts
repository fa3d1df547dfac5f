import { and, eq } from "drizzle-orm";
import type { Transaction } from "@cannasaas/db/client";
import {
  carts,
  customers,
  locations,
  identityDocuments,
  orderItems,
  orders,
  orderStatusEvents,
  organizations,
  users,
} from "@cannasaas/db/schema";
import { ageOn, calendarDayIn } from "../time";
import type { CoreDeps } from "../deps";
import { openPersonal } from "../crypto/pii";
import { DomainError } from "../errors";
import { together } from "../together";
import { enqueueEmail } from "../outbox/email";
import { recordDomainEvents } from "../events/domain-events";
import { findDeliveryZone } from "../cart/zones";
import { loadCartLines, type Purchaser } from "../cart/view";
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
import { linesAfterDiscounts, priceLines, priceOrder, withLineDiscounts } from "./pricing";
import { cartPromotionInput, promotionsForCart } from "../promotions/for-cart";
import { redemptionWrites } from "../promotions/redeem";
import { lockRewardAccountSql, prepareCartReward, spendCartRewardWith } from "../loyalty/redeem";
import { takeOrderNumber } from "@cannasaas/db/order-numbers";
import { residencyIn } from "./residency";
import { chooseSlot } from "./slots";
import { assertChargedAsShown, type ShownQuote } from "./price-check";
import { assertWithinShopperCaps } from "./shopper-reservations";
import { claimStock, committingClaims, shortStockError } from "./commit-claims";

export const RESERVATION_MINUTES = 120;

export type PlaceOrderInput = {
  customerId: string;
  cartId: string;
  purchaser: Purchaser;
  paymentMethod: PaymentMethodId;
  notes?: string;
  /** The pickup time or delivery window chosen; without one the order is "as soon as possible". */
  slotStartsAt?: Date | null;
  /** What the shopper was shown; the order is refused, saying what changed, if it would cost otherwise. */
  shown?: ShownQuote;
};

export type PlaceOrderOptions = {
  /**
   * Hold the shopper to the store's caps on open orders and reserved units (the storefront). Orders entered
   * by the store's own systems through the API (a POS at the counter) are placed by staff and skip them.
   */
  capShopper: boolean;
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
  return committingClaims(deps.db, (tx) =>
    placeOrderInTransaction(tx, deps, tenant, input, paymentMethods, { capShopper: true }),
  );
}

/**
 * The body of `placeOrder`, for callers that build the cart in the same transaction (`placeOrderForCustomer`),
 * so an order that is refused leaves no cart behind.
 */
export async function placeOrderInTransaction(
  tx: Transaction,
  deps: Pick<CoreDeps, "clock"> & Partial<Pick<CoreDeps, "kv">>,
  tenant: Tenant,
  input: PlaceOrderInput,
  paymentMethods: readonly PaymentMethod[] = DEFAULT_PAYMENT_METHODS,
  options: PlaceOrderOptions = { capShopper: true },
) {
  // Only what the store accepts (cached tenants from before the column existed take both handover methods).
  const accepted = tenant.paymentMethods ?? ["cash", "debit"];
  const payment = findPaymentMethod(
    paymentMethods.filter((m) => (accepted as string[]).includes(m.id) || m.id === "online"),
    input.paymentMethod,
  );
  const now = deps.clock();
  // Statements that need no answer from each other go out together (postgres.js pipelines them on the
  // transaction's connection, in order), so a checkout costs a round trip per group, not per statement.
  const [found] = await tx
    .select({ cart: carts, location: locations })
    .from(carts)
    .leftJoin(locations, and(eq(locations.id, carts.locationId), eq(locations.organizationId, tenant.id)))
    .where(
      and(
        eq(carts.id, input.cartId),
        eq(carts.organizationId, tenant.id),
        eq(carts.customerId, input.customerId),
      ),
    )
    .for("update", { of: carts });
  if (!found) throw new DomainError("NOT_FOUND", "Your cart was not found. Add items and try again.");
  const { cart, location } = found;
  if (cart.orderedAt) throw new DomainError("CONFLICT", "This cart has already been ordered.");
  if (!cart.locationId)
    throw new DomainError("BAD_REQUEST", "Choose a store location for pickup or delivery.");
  if (!location)
    throw new DomainError("NOT_FOUND", "That store location does not exist.", { field: "locationId" });
  const localDay = calendarDayIn(now, location.timeZone);
  const slot = chooseSlot(location, cart.fulfillment, now, input.slotStartsAt);

  const [customer, documents, [org], lines] = await together(
    tx,
    () => lockCustomer(tx, tenant.id, input.customerId, cart.id),
    () =>
      tx
        .select()
        .from(identityDocuments)
        .where(
          and(
            eq(identityDocuments.organizationId, tenant.id),
            eq(identityDocuments.customerId, input.customerId),
          ),
        ),
    () => tx.select().from(organizations).where(eq(organizations.id, tenant.id)),
    () => loadCartLines(tx, tenant.id, cart.id, location.id),
  );
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

  if (!lines.length) throw new DomainError("BAD_REQUEST", "Your cart is empty.");
  const inactive = lines.find((l) => l.productStatus !== "active");
  if (inactive)
    throw new DomainError(
      "BAD_REQUEST",
      `${inactive.productName} is no longer available. Remove it to continue.`,
    );
  // The stock as read with the lines, without a lock: in a sell-out most checkouts are refused here, before
  // anything more is read or written. The claim, reserved at COMMIT under the stock row's lock, decides.
  const short = lines.find((l) => (l.available ?? 0) < l.quantity);
  if (short) throw shortStockError(short, short.available ?? 0);

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
    // The purchaser's prices, as charged: a medical cart is measured at its medical prices.
    const subtotal = priceLines(lines, input.purchaser).reduce((sum, l) => sum + l.subtotalCents, 0);
    if (subtotal < zone.minimumOrderCents) {
      throw new DomainError(
        "BAD_REQUEST",
        `Delivery to ${zone.name} needs an order of at least $${(zone.minimumOrderCents / 100).toFixed(2)}.`,
      );
    }
  } else if (!location.pickupEnabled) {
    throw new DomainError("BAD_REQUEST", `${location.name} does not offer pickup.`);
  }

  // The shopper's caps, the state's daily limits and the promotions read what this shopper already has on
  // order: all after the customer row is locked (so two checkouts of one shopper are counted one after the
  // other), and all sent at once. A refusal is the first of them in this order.
  const [, , { outcome, coupon }] = await together(
    tx,
    async () =>
      options.capShopper
        ? assertWithinShopperCaps(tx, {
            organizationId: tenant.id,
            customerId: input.customerId,
            compliance: org!.compliance,
            newUnits: lines.reduce((units, l) => units + l.quantity, 0),
          })
        : null,
    () =>
      assertWithinLimits(tx, {
        organizationId: tenant.id,
        customerId: input.customerId,
        limits: {
          state: location.state,
          purchaser: input.purchaser,
          residency: residencyIn(location.state, documents, localDay),
          age: ageOn(customer.dateOfBirth!, localDay),
        },
        localDay,
        cart: lines.map((l) => toLimitLine(l)),
      }),
    () =>
      promotionsForCart(
        tx,
        cartPromotionInput(tenant, cart, input.purchaser, lines, location, deliveryFeeCents, now),
        deps.kv,
      ),
  );
  // Loyalty: a reward chosen for this cart is a discount on its lines after the promotions, taxed as the
  // state's rule for a retailer's discount says, and in the total the payment is authorized for. The points
  // are checked here under the account's lock and spent with the order, so they commit together or not at all.
  // The order number (a per-tenant sequence: no row lock, so checkouts of one store never queue behind each
  // other for it) is taken in the same round trip.
  const [reward, orderNumber] = await together(
    tx,
    () =>
      prepareCartReward(tx, {
        organizationId: tenant.id,
        customerId: input.customerId,
        cartId: cart.id,
        lines: linesAfterDiscounts(lines, input.purchaser, outcome),
        accountLocked: customer.rewardAccountLocked,
      }),
    () => takeOrderNumber(tx, tenant.id),
  );
  const priced = priceOrder(
    location,
    input.purchaser,
    lines,
    deliveryFeeCents,
    localDay,
    withLineDiscounts(outcome, reward?.lineDiscounts),
  );
  const { status: paymentStatus } = await payment.authorize({
    organizationId: tenant.id,
    orderNumber,
    totalCents: priced.totals.totalCents,
  });
  // The order's id is chosen here, so the reward's ledger entry can name it in the order's own insert.
  const orderId = crypto.randomUUID();
  const spend = reward
    ? spendCartRewardWith(tx, {
        organizationId: tenant.id,
        customerId: input.customerId,
        orderId,
        orderNumber,
        reward,
      })
    : null;
  const [order] = await (spend ? tx.with(spend) : tx)
    .insert(orders)
    .values({
      id: orderId,
      organizationId: tenant.id,
      orderNumber,
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
      slotStartsAt: slot.startsAt,
      slotEndsAt: slot.endsAt,
      // An order for later is held until its time plus the window, not cancelled while the store is closed.
      reservationExpiresAt: new Date(
        Math.max(now.getTime(), slot.startsAt.getTime()) + RESERVATION_MINUTES * 60_000,
      ),
      ...priced.totals,
    })
    .returning();
  // As the review showed it (the reward included); a refusal rolls the order back.
  if (input.shown) assertChargedAsShown(input.shown, { totals: order!, lines: priced.lines });
  // The lines' ids are chosen here, so the promotions' redemption rows can name them in the lines' insert.
  const itemIds = new Map(priced.lines.map((l) => [l.variantId, crypto.randomUUID()]));
  const redemptions = redemptionWrites(tx, {
    organizationId: tenant.id,
    orderId: order!.id,
    orderNumber: order!.orderNumber,
    customerId: input.customerId,
    orderItemIds: itemIds,
    outcome,
    coupon,
    now,
  });
  const [, , , outboxId] = await together(
    tx,
    () =>
      (redemptions ? tx.with(...redemptions.ctes) : tx).insert(orderItems).values(
        priced.lines.map((l) => ({
          ...l,
          id: itemIds.get(l.variantId)!,
          organizationId: tenant.id,
          orderId: order!.id,
        })),
      ),
    () =>
      tx
        .insert(orderStatusEvents)
        .values({ organizationId: tenant.id, orderId: order!.id, toStatus: "pending" }),
    () => tx.update(carts).set({ orderedAt: now }).where(eq(carts.id, cart.id)),
    () =>
      enqueueEmail(tx, {
        organizationId: tenant.id,
        topic: "order.confirmation",
        ...orderConfirmationEmail({
          to: customer.email,
          storeName: tenant.name,
          order: order!,
          location,
          lines: priced.lines,
        }),
      }),
  );
  // The stock is claimed last, and reserved by the database as the transaction commits: a stock row is locked
  // only while the COMMIT runs on the server, so shoppers racing for one product queue for that alone. A claim
  // the stock no longer covers aborts the commit, and everything with it.
  await together(
    tx,
    () =>
      recordDomainEvents(tx, [
        {
          organizationId: tenant.id,
          type: "order.created",
          occurredAt: now,
          data: orderCreatedEventData(order!, priced.lines),
        },
        ...(redemptions?.events ?? []),
      ]),
    () => claimStock(tx, tenant.id, location.id, lines),
  );
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

/**
 * Locks the shopper's customer row and, when the cart carries a reward, their loyalty account after it (see
 * `lockRewardAccountSql`): one statement. The customer row is locked inside the CTE, so the account is always
 * taken second, in the order every checkout takes them.
 */
async function lockCustomer(tx: Transaction, organizationId: string, customerId: string, cartId: string) {
  const locked = tx.$with("locked").as(
    tx
      .select({ id: customers.id, email: users.email, dateOfBirth: users.dateOfBirth })
      .from(customers)
      .innerJoin(users, eq(users.id, customers.userId))
      .where(and(eq(customers.id, customerId), eq(customers.organizationId, organizationId)))
      .for("update", { of: customers }),
  );
  const [row] = await tx
    .with(locked)
    .select({
      id: locked.id,
      email: locked.email,
      dateOfBirth: locked.dateOfBirth,
      rewardAccount: lockRewardAccountSql(organizationId, customerId, cartId),
    })
    .from(locked);
  if (!row) throw new DomainError("UNAUTHORIZED", "Sign in to place an order.");
  return {
    id: row.id,
    email: row.email,
    dateOfBirth: openPersonal(row.dateOfBirth),
    rewardAccountLocked: row.rewardAccount !== null,
  };
}
