/**
 * The referral check on payment: staff may record the debit card taken at handover (brand, last four, name
 * on the card), kept only as a keyed fingerprint; a referee whose first completed order used a card the
 * referrer used gets no reward, and neither does the referrer. On the real database.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { DatabaseHandle } from "@cannasaas/db/client";
import { customers, loyaltyPrograms, orders, outboxMessages, referrals, users } from "@cannasaas/db/schema";
import { createTestDatabase } from "@cannasaas/db/testing";
import { createMemoryKv } from "@cannasaas/integrations/kv";
import {
  acceptReferral,
  addCartItem,
  advanceOrder,
  cardFingerprint,
  DomainError,
  getLoyaltyProgram,
  getOrCreateCart,
  placeOrder,
  pointsBalance,
  referralCodeOf,
  resolveTenant,
  setCartFulfillment,
  type CoreDeps,
  type HandoverCard,
  type Tenant,
} from "../src";
import { createFixtureTenant, type FixtureTenant } from "../src/testing";

let handle: DatabaseHandle;
let deps: CoreDeps;
let shop: FixtureTenant;
let tenant: Tenant;
const now = new Date("2026-05-01T18:00:00Z");

beforeAll(async () => {
  handle = await createTestDatabase();
  deps = { db: handle.db, kv: createMemoryKv(), clock: () => now };
  shop = await createFixtureTenant(handle.db, { tag: "card-shop", passwordHash: "x" });
  tenant = (await resolveTenant(deps, "card-shop"))!;
  await getLoyaltyProgram(handle.db, shop.org.id);
  await handle.db
    .update(loyaltyPrograms)
    .set({ referrerRewardPoints: 200, refereeRewardPoints: 100, referralCapPerYear: 10 })
    .where(eq(loyaltyPrograms.organizationId, shop.org.id));
});
afterAll(async () => handle?.close());

const scopeOf = (customerId: string) => ({ organizationId: shop.org.id, customerId });

async function shopper() {
  const [user] = await handle.db
    .insert(users)
    .values({
      email: `c-${Math.random().toString(36).slice(2, 10)}@example.test`,
      name: "Pat Shopper",
      dateOfBirth: "1990-01-01",
      emailVerified: now,
    })
    .returning();
  const [customer] = await handle.db
    .insert(customers)
    .values({ organizationId: shop.org.id, userId: user!.id, loyaltyMember: true })
    .returning();
  return customer!.id;
}

async function placed(customerId: string, paymentMethod: "cash" | "debit") {
  const cart = await getOrCreateCart(handle.db, shop.org.id, { customerId });
  await addCartItem(handle.db, shop.org.id, cart.id, shop.variants[0]!.id, 1);
  await setCartFulfillment(handle.db, shop.org.id, cart.id, {
    locationId: shop.locations[0]!.id,
    fulfillment: "pickup",
  });
  const { order } = await placeOrder(deps, tenant, {
    customerId,
    cartId: cart.id,
    purchaser: "adult_use",
    paymentMethod,
  });
  for (const to of ["confirmed", "preparing", "ready"] as const)
    await advanceOrder(deps, shop.org.id, { orderId: order.id, to, actorUserId: null });
  return order;
}

/** A debit order handed over with `card` recorded (or a cash order, without one). */
async function completed(customerId: string, card: HandoverCard | null) {
  const order = await placed(customerId, card ? "debit" : "cash");
  return advanceOrder(deps, shop.org.id, { orderId: order.id, to: "completed", actorUserId: null, card });
}

async function referred(referrer: string) {
  const referee = await shopper();
  await acceptReferral(handle.db, scopeOf(referee), await referralCodeOf(handle.db, scopeOf(referrer)));
  return referee;
}

async function referralOf(referee: string) {
  const [row] = await handle.db.select().from(referrals).where(eq(referrals.refereeCustomerId, referee));
  return row!;
}

const samsVisa: HandoverCard = { brand: "visa", last4: "4817", cardholderName: "Sam Smith" };

describe("the same payment card as the referrer", () => {
  it("refuses both rewards when the referee pays with a card the referrer paid with", async () => {
    const referrer = await shopper();
    await completed(referrer, samsVisa);
    const referee = await referred(referrer);
    // The same card as staff may type it another time: case, spacing and accents do not make a new card.
    await completed(referee, { brand: "visa", last4: "4817", cardholderName: "  SAM   SMÍTH " });
    const referral = await referralOf(referee);
    expect(referral.status).toBe("refused");
    expect(referral.refusedReason).toBe("Same payment card as the referrer.");
    // Only what each earned on their own $25 order: no referral points.
    expect(await pointsBalance(handle.db, shop.org.id, referrer)).toBe(25);
    expect(await pointsBalance(handle.db, shop.org.id, referee)).toBe(25);
  });

  it("rewards both when the cards differ, or when the referee paid cash", async () => {
    const referrer = await shopper();
    await completed(referrer, samsVisa);
    const otherName = await referred(referrer);
    await completed(otherName, { ...samsVisa, cardholderName: "Alex Doe" });
    const otherDigits = await referred(referrer);
    await completed(otherDigits, { ...samsVisa, last4: "4818" });
    const otherBrand = await referred(referrer);
    await completed(otherBrand, { ...samsVisa, brand: "mastercard" });
    const cash = await referred(referrer);
    await completed(cash, null);
    for (const referee of [otherName, otherDigits, otherBrand, cash]) {
      expect(await referralOf(referee)).toMatchObject({ status: "rewarded", refusedReason: null });
      expect(await pointsBalance(handle.db, shop.org.id, referee)).toBe(100 + 25);
    }
    expect(await pointsBalance(handle.db, shop.org.id, referrer)).toBe(25 + 4 * 200);
  });

  it("keeps nothing of the card in clear: only a keyed fingerprint on the order", async () => {
    const customerId = await shopper();
    const card: HandoverCard = { brand: "discover", last4: "6011", cardholderName: "Robin Quill" };
    const order = await completed(customerId, card);
    const [row] = (await handle.db.execute(
      sql`select row_to_json(o)::text as json from orders o where o.id = ${order.id}`,
    )) as unknown as Array<{ json: string }>;
    const stored = JSON.parse(row!.json) as Record<string, unknown>;
    expect(Object.values(stored)).not.toContain("6011");
    expect(row!.json.toLowerCase()).not.toContain("robin");
    expect(row!.json.toLowerCase()).not.toContain("quill");
    expect(stored.payment_fingerprint).toBe(cardFingerprint(shop.org.id, card));
    expect(stored.payment_fingerprint).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Keyed: another secret, or another store, gives another fingerprint for the same card.
    expect(
      cardFingerprint(shop.org.id, card, { PAYMENT_FINGERPRINT_SECRET: "another-secret-of-16+chars" }),
    ).not.toBe(stored.payment_fingerprint);
    expect(cardFingerprint(crypto.randomUUID(), card)).not.toBe(stored.payment_fingerprint);
    // Nor in the events and emails the completion queued.
    const queued = await handle.db
      .select({ payload: outboxMessages.payload })
      .from(outboxMessages)
      .where(eq(outboxMessages.organizationId, shop.org.id));
    const text = JSON.stringify(queued).toLowerCase();
    expect(text).not.toContain("robin");
    expect(text).not.toContain('"6011"');
  });

  it("records a card only when a debit order is completed, and only a whole one", async () => {
    const customerId = await shopper();
    const refusal = async (promise: Promise<unknown>) => {
      const error = await promise.then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(DomainError);
      return (error as DomainError).message;
    };
    const cash = await placed(customerId, "cash");
    expect(
      await refusal(
        advanceOrder(deps, shop.org.id, {
          orderId: cash.id,
          to: "completed",
          actorUserId: null,
          card: samsVisa,
        }),
      ),
    ).toBe("A card is recorded only when a debit order is completed.");
    const debit = await placed(customerId, "debit");
    expect(
      await refusal(
        advanceOrder(deps, shop.org.id, {
          orderId: debit.id,
          to: "cancelled",
          actorUserId: null,
          card: samsVisa,
        }),
      ),
    ).toBe("A card is recorded only when a debit order is completed.");
    expect(
      await refusal(
        advanceOrder(deps, shop.org.id, {
          orderId: debit.id,
          to: "completed",
          actorUserId: null,
          card: { ...samsVisa, last4: "481" },
        }),
      ),
    ).toBe("Enter the card's last four digits.");
    const [unchanged] = await handle.db.select().from(orders).where(eq(orders.id, debit.id));
    expect(unchanged).toMatchObject({ status: "ready", paymentFingerprint: null });
  });
});
