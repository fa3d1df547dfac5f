/**
 * Checkout keeps its promises: an order is for a time the store offers (refused, with the earliest time, while
 * the store is closed and no time was chosen), its confirmation says when it will be ready, and it is charged
 * exactly what the shopper was shown, or refused saying what changed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { DatabaseHandle } from "@cannasaas/db/client";
import {
  carts,
  inventoryLevels,
  locations,
  orders,
  outboxMessages,
  productVariants,
  type EmailPayload,
} from "@cannasaas/db/schema";
import { createTestDatabase } from "@cannasaas/db/testing";
import { createMemoryKv } from "@cannasaas/integrations/kv";
import {
  addCartItem,
  DomainError,
  placeOrder,
  quoteCart,
  resolveTenant,
  type CoreDeps,
  type ShownQuote,
  type Tenant,
} from "../src";
import { createFixtureTenant, shopperWithPickupCart, type FixtureTenant } from "../src/testing";

let handle: DatabaseHandle;
let deps: CoreDeps;
let shop: FixtureTenant;
let tenant: Tenant;
// Friday 2026-05-01, 06:00 in Los Angeles (PDT, UTC-7).
let now = new Date("2026-05-01T13:00:00Z");
const nineToNine = { open: "09:00", close: "21:00" };

beforeAll(async () => {
  handle = await createTestDatabase();
  deps = { db: handle.db, kv: createMemoryKv(), clock: () => now };
  shop = await createFixtureTenant(handle.db, { tag: "sched-shop", passwordHash: "x" });
  tenant = (await resolveTenant(deps, "sched-shop"))!;
  const week = Object.fromEntries(
    ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((d) => [d, nineToNine]),
  );
  await handle.db
    .update(locations)
    .set({ hours: week as never, pickupLeadMinutes: 20 })
    .where(eq(locations.id, north().id));
});
afterAll(async () => handle?.close());

const north = () => shop.locations[0]!;
const flower = () => shop.variants[0]!;

const shopperWithCart = (quantity = 1) =>
  shopperWithPickupCart(handle.db, shop.org.id, {
    verifiedAt: now,
    locationId: north().id,
    lines: [{ variantId: flower().id, quantity }],
  });

const place = (
  s: { customerId: string; cartId: string },
  extra: { slotStartsAt?: Date; shown?: ShownQuote } = {},
) => placeOrder(deps, tenant, { ...s, purchaser: "adult_use", paymentMethod: "cash", ...extra });

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

async function shownFor(cartId: string): Promise<ShownQuote> {
  const [cart] = await handle.db.select().from(carts).where(eq(carts.id, cartId));
  const quote = await quoteCart(handle.db, tenant, cart!, "adult_use", now);
  const t = quote.totals!;
  return {
    totalCents: t.totalCents,
    discountCents: t.discountCents,
    deliveryFeeCents: t.deliveryFeeCents,
    taxCents: t.exciseCents + t.localCannabisCents + t.salesTaxCents,
    lines: quote.lines.map((l) => ({
      variantId: l.variantId,
      quantity: l.quantity,
      unitPriceCents: l.unitPriceCents,
    })),
  };
}

const reserved = async () =>
  (
    await handle.db
      .select({ reserved: inventoryLevels.reserved })
      .from(inventoryLevels)
      .where(and(eq(inventoryLevels.locationId, north().id), eq(inventoryLevels.variantId, flower().id)))
  )[0]!.reserved;

describe("scheduled checkout", () => {
  it("refuses an order without a time while the store is closed, reserving nothing", async () => {
    const s = await shopperWithCart();
    const before = await reserved();
    const error = await refusal(place(s));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toBe(
      `${north().name} is closed now. Choose a pickup time: the earliest is Fri May 1, 9:00 AM.`,
    );
    expect(await reserved()).toBe(before);
    expect(await handle.db.select().from(orders).where(eq(orders.customerId, s.customerId))).toHaveLength(0);
  });

  it("places an order for a chosen time, holds it past that time, and says when it will be ready", async () => {
    const s = await shopperWithCart();
    const nineAm = new Date("2026-05-01T16:00:00Z");
    const { order, outboxIds } = await place(s, { slotStartsAt: nineAm });
    expect(order.slotStartsAt?.toISOString()).toBe("2026-05-01T16:00:00.000Z");
    expect(order.slotEndsAt?.toISOString()).toBe("2026-05-01T16:30:00.000Z");
    // Not cancelled while the store is closed: held for the reservation window after the pickup time.
    expect(order.reservationExpiresAt?.toISOString()).toBe("2026-05-01T18:00:00.000Z");
    const [mail] = await handle.db.select().from(outboxMessages).where(eq(outboxMessages.id, outboxIds[0]!));
    expect((mail!.payload as EmailPayload).text).toContain("Expected ready for pickup: Fri May 1, 9:00 AM.");
  });

  it("refuses a time the store does not offer", async () => {
    const s = await shopperWithCart();
    const error = await refusal(place(s, { slotStartsAt: new Date("2026-05-01T15:00:00Z") })); // 08:00
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toMatch(/pickup time you chose \(Fri May 1, 8:00 AM\) is no longer available/);
  });

  it("takes an order without a time as soon as possible while the store is open", async () => {
    now = new Date("2026-05-01T17:05:00Z"); // 10:05, lead 20 min -> 10:30
    const s = await shopperWithCart();
    const { order } = await place(s);
    expect(order.slotStartsAt?.toISOString()).toBe("2026-05-01T17:30:00.000Z");
  });
});

describe("charged as shown", () => {
  it("charges the total the review showed", async () => {
    const s = await shopperWithCart(2);
    const shown = await shownFor(s.cartId);
    const { order } = await place(s, { shown });
    expect(order.totalCents).toBe(shown.totalCents);
  });

  it("refuses, naming the product and both prices, when a price changed after the review", async () => {
    const s = await shopperWithCart();
    const shown = await shownFor(s.cartId);
    const [variant] = await handle.db
      .select()
      .from(productVariants)
      .where(eq(productVariants.id, flower().id));
    await handle.db
      .update(productVariants)
      .set({ priceCents: variant!.priceCents + 200 })
      .where(eq(productVariants.id, flower().id));
    try {
      const error = await refusal(place(s, { shown }));
      expect(error.code).toBe("CONFLICT");
      expect(error.message).toMatch(
        new RegExp(
          `^The price of .+ changed from \\$${(variant!.priceCents / 100).toFixed(2)} to \\$${((variant!.priceCents + 200) / 100).toFixed(2)}\\. Review your order and place it again\\.$`,
        ),
      );
      expect(await handle.db.select().from(orders).where(eq(orders.customerId, s.customerId))).toHaveLength(
        0,
      );
    } finally {
      await handle.db
        .update(productVariants)
        .set({ priceCents: variant!.priceCents })
        .where(eq(productVariants.id, flower().id));
    }
  });

  it("refuses, saying taxes changed, when the location's tax rate changed after the review", async () => {
    const s = await shopperWithCart();
    const shown = await shownFor(s.cartId);
    await handle.db
      .update(locations)
      .set({ taxRates: { salesBps: 1100 } })
      .where(eq(locations.id, north().id));
    try {
      const error = await refusal(place(s, { shown }));
      expect(error.message).toMatch(/^Taxes changed from \$\d+\.\d\d to \$\d+\.\d\d\. Review your order/);
    } finally {
      await handle.db.update(locations).set({ taxRates: null }).where(eq(locations.id, north().id));
    }
  });

  it("refuses when the cart changed in another window", async () => {
    const s = await shopperWithCart();
    const shown = await shownFor(s.cartId);
    await addCartItem(handle.db, shop.org.id, s.cartId, flower().id, 1);
    const error = await refusal(place(s, { shown }));
    expect(error.message).toMatch(/^Your cart changed: .+ is now 2\./);
  });
});
