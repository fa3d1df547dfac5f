import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import type { DatabaseHandle } from "@cannasaas/db/client";
import {
  auditEvents,
  carts,
  customers,
  inventoryLevels,
  loyaltyAccounts,
  loyaltyCartRewards,
  loyaltyLedger,
  loyaltyPrograms,
  loyaltyTiers,
  orderItems,
  orders,
  outboxMessages,
  promotions,
  users,
} from "@cannasaas/db/schema";
import { createTestDatabase } from "@cannasaas/db/testing";
import { createMemoryKv } from "@cannasaas/integrations/kv";
import {
  addCartItem,
  adjustPoints,
  advanceOrder,
  appendLedgerEntry,
  chooseCartReward,
  createPromotion,
  createReward,
  DomainError,
  getLoyaltyProgram,
  getOrCreateCart,
  invalidateMenu,
  joinLoyalty,
  loyaltySummary,
  placeOrder,
  pointsBalance,
  quoteCart,
  recomputeTiers,
  resolveTenant,
  setCartFulfillment,
  type CoreDeps,
  type Tenant,
} from "../src";
import { promotionInputSchema } from "@cannasaas/validators";
import { createFixtureTenant, type FixtureTenant } from "../src/testing";

let handle: DatabaseHandle;
let deps: CoreDeps;
let shop: FixtureTenant;
let tenant: Tenant;
const now = new Date("2026-05-01T18:00:00Z");

beforeAll(async () => {
  handle = await createTestDatabase();
  deps = { db: handle.db, kv: createMemoryKv(), clock: () => now };
  shop = await createFixtureTenant(handle.db, { tag: "loy-shop", passwordHash: "x" });
  tenant = (await resolveTenant(deps, "loy-shop"))!;
  await getLoyaltyProgram(handle.db, shop.org.id);
  await handle.db
    .update(loyaltyPrograms)
    .set({ signupBonusPoints: 50, pointsPerDollar: 1 })
    .where(eq(loyaltyPrograms.organizationId, shop.org.id));
});
afterAll(async () => handle?.close());

const north = () => shop.locations[0]!;
const scopeOf = (customerId: string) => ({ organizationId: shop.org.id, customerId });

async function member(points = 0) {
  const email = `m-${Math.random().toString(36).slice(2, 10)}@example.test`;
  const [user] = await handle.db
    .insert(users)
    .values({ email, name: "Member Shopper", dateOfBirth: "1990-01-01", emailVerified: now })
    .returning();
  const [customer] = await handle.db
    .insert(customers)
    .values({ organizationId: shop.org.id, userId: user!.id, loyaltyMember: true })
    .returning();
  if (points)
    await handle.db.transaction((tx) =>
      appendLedgerEntry(tx, {
        ...scopeOf(customer!.id),
        kind: "adjust",
        source: "staff",
        points,
        reason: "test",
      }),
    );
  return customer!.id;
}

async function cartFor(customerId: string, variantIndex = 0, quantity = 2) {
  const cart = await getOrCreateCart(handle.db, shop.org.id, { customerId });
  await addCartItem(handle.db, shop.org.id, cart.id, shop.variants[variantIndex]!.id, quantity);
  await setCartFulfillment(handle.db, shop.org.id, cart.id, {
    locationId: north().id,
    fulfillment: "pickup",
  });
  return cart;
}

const place = (customerId: string, cartId: string) =>
  placeOrder(deps, tenant, { customerId, cartId, purchaser: "adult_use", paymentMethod: "cash" });

async function complete(orderId: string) {
  for (const to of ["confirmed", "preparing", "ready", "completed"] as const)
    await advanceOrder(deps, shop.org.id, { orderId, to, actorUserId: null });
}

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe("earning and reversing", () => {
  it("gives the sign-up bonus once, however often the shopper joins", async () => {
    const customerId = await member();
    await joinLoyalty(handle.db, scopeOf(customerId), now);
    await joinLoyalty(handle.db, scopeOf(customerId), now);
    expect(await pointsBalance(handle.db, shop.org.id, customerId)).toBe(50);
  });

  it("earns per dollar on completion, once, and takes it back on refund", async () => {
    const customerId = await member();
    const { order } = await place(customerId, (await cartFor(customerId)).id); // 2 x $25.00
    expect(await pointsBalance(handle.db, shop.org.id, customerId)).toBe(0);
    await complete(order.id);
    expect(await pointsBalance(handle.db, shop.org.id, customerId)).toBe(50);
    await advanceOrder(deps, shop.org.id, { orderId: order.id, to: "refunded", actorUserId: null });
    expect(await pointsBalance(handle.db, shop.org.id, customerId)).toBe(0);
    const entries = await handle.db.select().from(loyaltyLedger).where(eq(loyaltyLedger.orderId, order.id));
    expect(entries.map((e) => [e.kind, e.points]).sort()).toEqual([
      ["earn", 50],
      ["reverse", -50],
    ]);
  });

  it("never earns on a cancelled order, and ignores non-members", async () => {
    const customerId = await member();
    const { order } = await place(customerId, (await cartFor(customerId)).id);
    await advanceOrder(deps, shop.org.id, { orderId: order.id, to: "cancelled", actorUserId: null });
    expect(await pointsBalance(handle.db, shop.org.id, customerId)).toBe(0);

    const outsider = await member();
    await handle.db.update(customers).set({ loyaltyMember: false }).where(eq(customers.id, outsider));
    const second = await place(outsider, (await cartFor(outsider)).id);
    await complete(second.order.id);
    expect(await pointsBalance(handle.db, shop.org.id, outsider)).toBe(0);
  });

  it("refuses to append an update to the ledger: entries are permanent", async () => {
    const customerId = await member(10);
    await expect(
      handle.db.update(loyaltyLedger).set({ points: 999 }).where(eq(loyaltyLedger.customerId, customerId)),
    ).rejects.toThrow();
  });
});

describe("redeeming at checkout", () => {
  it("takes the reward off the quote and the order alike, and spends the points with the order", async () => {
    const reward = await createReward(handle.db, shop.org.id, {
      name: "$5 off",
      kind: "amount_off",
      pointsCost: 100,
      amountOffCents: 500,
    });
    const customerId = await member(150);
    const cart = await cartFor(customerId);
    const [fresh] = await handle.db.select().from(carts).where(eq(carts.id, cart.id));
    const without = await quoteCart(handle.db, tenant, fresh!, "adult_use", now);
    await chooseCartReward(handle.db, scopeOf(customerId), reward.id);
    const quote = await quoteCart(handle.db, tenant, fresh!, "adult_use", now);
    expect(quote.reward).toMatchObject({ discountCents: 500, pointsCost: 100, applies: true });
    const { order } = await place(customerId, cart.id);
    expect(order.discountCents).toBe(500);
    expect(order.totalCents).toBe(quote.totals!.totalCents);
    // A retailer's discount in California: the reward lowers the taxable amount (18 CCR 1671.1), so the
    // order's taxes are those of $45.00 of goods, and the payment is for that total.
    const taxes = (t: { exciseCents: number; localCannabisCents: number; salesTaxCents: number }) =>
      t.exciseCents + t.localCannabisCents + t.salesTaxCents;
    expect(taxes(order)).toBeLessThan(taxes(without.totals!));
    expect(order.totalCents).toBe(order.subtotalCents - 500 + taxes(order) + order.deliveryFeeCents);
    const lines = await handle.db.select().from(orderItems).where(eq(orderItems.orderId, order.id));
    expect(lines.reduce((sum, l) => sum + l.discountCents, 0)).toBe(500);
    expect(lines.reduce((sum, l) => sum + l.totalCents, 0)).toBe(order.totalCents);
    expect(await pointsBalance(handle.db, shop.org.id, customerId)).toBe(50);
    // Completion earns on what was paid for goods: $50.00 - $5.00 = 45 points.
    await complete(order.id);
    expect(await pointsBalance(handle.db, shop.org.id, customerId)).toBe(95);
    // A refund returns the spent points and takes back the earned ones.
    await advanceOrder(deps, shop.org.id, { orderId: order.id, to: "refunded", actorUserId: null });
    expect(await pointsBalance(handle.db, shop.org.id, customerId)).toBe(150);
  });

  it("refuses a reward the balance does not cover, before and at checkout", async () => {
    const reward = await createReward(handle.db, shop.org.id, {
      name: "$20 off",
      kind: "amount_off",
      pointsCost: 1000,
      amountOffCents: 2000,
    });
    const customerId = await member(999);
    const cart = await cartFor(customerId);
    expect((await refusal(chooseCartReward(handle.db, scopeOf(customerId), reward.id))).message).toBe(
      "$20 off needs 1000 points and you have 999.",
    );
    await handle.db
      .insert(loyaltyCartRewards)
      .values({ cartId: cart.id, organizationId: shop.org.id, rewardId: reward.id });
    const before = await handle.db
      .select()
      .from(inventoryLevels)
      .where(eq(inventoryLevels.locationId, north().id));
    expect((await refusal(place(customerId, cart.id))).code).toBe("CONFLICT");
    // Nothing half-written: no order, no reservation, no ledger entry.
    expect(await handle.db.select().from(orders).where(eq(orders.customerId, customerId))).toEqual([]);
    const after = await handle.db
      .select()
      .from(inventoryLevels)
      .where(eq(inventoryLevels.locationId, north().id));
    expect(after.map((l) => l.reserved).sort()).toEqual(before.map((l) => l.reserved).sort());
    expect(await pointsBalance(handle.db, shop.org.id, customerId)).toBe(999);
  });

  it("checks a reward chosen before the shopper had an account under a lock of its own", async () => {
    const reward = await createReward(handle.db, shop.org.id, {
      name: "$1 off",
      kind: "amount_off",
      pointsCost: 100,
      amountOffCents: 100,
    });
    // A member with no account yet: checkout's customer lock finds none to lock, so the reward check
    // makes the account, locks it and reads the balance itself.
    const customerId = await member(0);
    const cart = await cartFor(customerId);
    await handle.db
      .insert(loyaltyCartRewards)
      .values({ cartId: cart.id, organizationId: shop.org.id, rewardId: reward.id });
    expect((await refusal(place(customerId, cart.id))).message).toBe(
      "That needs 100 points and the balance is 0.",
    );
    expect(await handle.db.select().from(orders).where(eq(orders.customerId, customerId))).toEqual([]);
  });

  it("two tabs redeeming the same points: exactly one order wins, the other leaves nothing behind", async () => {
    const reward = await createReward(handle.db, shop.org.id, {
      name: "Free gummies",
      kind: "free_item",
      pointsCost: 300,
      variantId: shop.variants[2]!.id,
    });
    const customerId = await member(400);
    // Two open carts (two devices), both with the reward chosen.
    const cartIds: string[] = [];
    for (let i = 0; i < 2; i++) {
      const [cart] = await handle.db
        .insert(carts)
        .values({ organizationId: shop.org.id, customerId, locationId: north().id, fulfillment: "pickup" })
        .returning();
      await addCartItem(handle.db, shop.org.id, cart!.id, shop.variants[2]!.id, 1);
      await handle.db
        .insert(loyaltyCartRewards)
        .values({ cartId: cart!.id, organizationId: shop.org.id, rewardId: reward.id });
      cartIds.push(cart!.id);
    }
    const results = await Promise.allSettled(cartIds.map((id) => place(customerId, id)));
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.reason).toBeInstanceOf(DomainError);
    expect((lost[0]!.reason as DomainError).message).toBe("That needs 300 points and the balance is 100.");
    expect(await pointsBalance(handle.db, shop.org.id, customerId)).toBe(100);
    const placed = await handle.db.select().from(orders).where(eq(orders.customerId, customerId));
    expect(placed).toHaveLength(1);
    expect(placed[0]!.discountCents).toBe(shop.variants[2]!.priceCents);
  });

  it("many writers against one balance never take it below zero", async () => {
    const customerId = await member(100);
    const attempts = await Promise.allSettled(
      Array.from({ length: 10 }, () =>
        handle.db.transaction((tx) =>
          appendLedgerEntry(tx, { ...scopeOf(customerId), kind: "redeem", source: "checkout", points: -30 }),
        ),
      ),
    );
    expect(attempts.filter((a) => a.status === "fulfilled")).toHaveLength(3);
    expect(await pointsBalance(handle.db, shop.org.id, customerId)).toBe(10);
  });
});

describe("manual adjustment", () => {
  it("writes the entry and its audit record together, with the reason", async () => {
    const customerId = await member(20);
    const result = await adjustPoints(
      handle.db,
      shop.org.id,
      { customerId, points: 75, reason: "Goodwill for a late order" },
      { userId: shop.staff.manager.id, email: shop.staff.manager.email },
      now,
    );
    expect(result.balance).toBe(95);
    const [audit] = await handle.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "loyalty.adjustment"), eq(auditEvents.resourceId, customerId)));
    expect(audit).toMatchObject({ actorId: shop.staff.manager.id, organizationId: shop.org.id });
    expect(JSON.stringify(audit!.after)).toContain("Goodwill for a late order");
  });

  it("refuses to leave a negative balance, and writes no audit record then", async () => {
    const customerId = await member(20);
    const error = await refusal(
      adjustPoints(
        handle.db,
        shop.org.id,
        { customerId, points: -21, reason: "Typo" },
        { userId: shop.staff.manager.id },
        now,
      ),
    );
    expect(error.code).toBe("CONFLICT");
    const audits = await handle.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "loyalty.adjustment"), eq(auditEvents.resourceId, customerId)));
    expect(audits).toEqual([]);
  });
});

describe("tiers over a rolling year", () => {
  it("moves a member up when their year's order points reach a tier, down when they age out", async () => {
    const customerId = await member();
    await handle.db.transaction((tx) =>
      appendLedgerEntry(tx, { ...scopeOf(customerId), kind: "earn", source: "order", points: 600, at: now }),
    );
    // A staff adjustment is not spending: it does not count towards a tier.
    await handle.db.transaction((tx) =>
      appendLedgerEntry(tx, {
        ...scopeOf(customerId),
        kind: "adjust",
        source: "staff",
        points: 5000,
        at: now,
      }),
    );
    const up = await recomputeTiers(handle.db, shop.org.id, now);
    expect(up.changes).toContainEqual({ customerId, from: null, to: "Silver" });
    const [account] = await handle.db
      .select()
      .from(loyaltyAccounts)
      .where(eq(loyaltyAccounts.customerId, customerId));
    expect(account!.tierId).not.toBeNull();
    const events = await handle.db
      .select()
      .from(outboxMessages)
      .where(
        and(
          eq(outboxMessages.topic, "loyalty.tier_changed"),
          sql`${outboxMessages.payload}->'data'->>'customerId' = ${customerId}`,
        ),
      );
    expect(events).toHaveLength(1);
    expect(events[0]!.payload).toMatchObject({ data: { from: null, to: "Silver", direction: "up" } });

    // Nothing changes on a second run the same day.
    expect(
      (await recomputeTiers(handle.db, shop.org.id, now)).changes.map((c) => c.customerId),
    ).not.toContain(customerId);

    // Thirteen months later the points no longer count: down to Bronze.
    const later = new Date(now.getTime() + 396 * 24 * 60 * 60 * 1000);
    const down = await recomputeTiers(handle.db, shop.org.id, later);
    expect(down.changes).toContainEqual({ customerId, from: "Silver", to: "Bronze" });
  });

  it("gives a tier's deal to that tier's members only, at the cart and at checkout", async () => {
    const [silver] = await handle.db
      .select()
      .from(loyaltyTiers)
      .where(and(eq(loyaltyTiers.organizationId, shop.org.id), eq(loyaltyTiers.name, "Silver")));
    const promotion = await createPromotion(
      handle.db,
      { id: shop.org.id, timeZone: "America/Los_Angeles" },
      promotionInputSchema.parse({
        name: "Silver thanks: 10% off",
        rule: { kind: "percent_off", percentBps: 1_000 },
        audience: { tierIds: [silver!.id] },
      }),
    );
    // What the promotions router does once a change commits: checkout reads promotions through the cache.
    await invalidateMenu(deps.kv, shop.org.id, "promotions");
    const silverMember = await member();
    await handle.db.transaction((tx) =>
      appendLedgerEntry(tx, {
        ...scopeOf(silverMember),
        kind: "earn",
        source: "order",
        points: 700,
        at: now,
      }),
    );
    const bronzeMember = await member();
    await recomputeTiers(handle.db, shop.org.id, now);
    const dealsFor = async (customerId: string) => {
      const cart = await cartFor(customerId);
      const [row] = await handle.db.select().from(carts).where(eq(carts.id, cart.id));
      return { cart, quote: await quoteCart(handle.db, tenant, row!, "adult_use", now) };
    };
    const silverCart = await dealsFor(silverMember);
    expect(silverCart.quote.promotions!.applied.map((a) => a.name)).toEqual(["Silver thanks: 10% off"]);
    const { order } = await place(silverMember, silverCart.cart.id);
    expect(order.discountCents).toBeGreaterThan(0);
    expect(order.discountCents).toBe(silverCart.quote.totals!.discountCents);
    const bronzeCart = await dealsFor(bronzeMember);
    expect(bronzeCart.quote.promotions!.applied).toEqual([]);
    // Leaving the program leaves the tier's deals too, whatever tier the account last held.
    await handle.db.update(customers).set({ loyaltyMember: false }).where(eq(customers.id, silverMember));
    const left = await dealsFor(silverMember);
    expect(left.quote.promotions!.applied).toEqual([]);
    await handle.db.update(promotions).set({ status: "ended" }).where(eq(promotions.id, promotion.id));
    await invalidateMenu(deps.kv, shop.org.id, "promotions");
  });

  it("shows the shopper balance, tier and progress to the next tier", async () => {
    const customerId = await member();
    await handle.db.transaction((tx) =>
      appendLedgerEntry(tx, { ...scopeOf(customerId), kind: "earn", source: "order", points: 125, at: now }),
    );
    const summary = await loyaltySummary(handle.db, scopeOf(customerId), now);
    expect(summary).toMatchObject({
      member: true,
      balance: 125,
      yearPoints: 125,
      tier: { name: "Bronze" },
      progress: { next: { name: "Silver" }, pointsToNext: 375, percent: 25 },
    });
    expect(summary.referralCode).toMatch(/^[A-Z2-9]{8}$/);
    expect(summary.history[0]).toMatchObject({ points: 125, kind: "earn" });
  });
});
