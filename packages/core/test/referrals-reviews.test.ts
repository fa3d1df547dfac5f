import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { DatabaseHandle } from "@cannasaas/db/client";
import {
  customerAddresses,
  customers,
  loyaltyPrograms,
  outboxMessages,
  referrals,
  users,
} from "@cannasaas/db/schema";
import { createTestDatabase } from "@cannasaas/db/testing";
import { createMemoryKv } from "@cannasaas/integrations/kv";
import {
  acceptReferral,
  addCartItem,
  advanceOrder,
  DomainError,
  getLoyaltyProgram,
  getOrCreateCart,
  listProductReviews,
  moderateReview,
  placeOrder,
  pointsBalance,
  ratingSummary,
  referralCodeOf,
  replyToReview,
  resolveTenant,
  setCartFulfillment,
  submitReview,
  voteHelpful,
  type CoreDeps,
  type Tenant,
} from "../src";
import { createFixtureTenant, type FixtureTenant } from "../src/testing";

let handle: DatabaseHandle;
let deps: CoreDeps;
let shop: FixtureTenant;
let other: FixtureTenant;
let tenant: Tenant;
const now = new Date("2026-05-01T18:00:00Z");

beforeAll(async () => {
  handle = await createTestDatabase();
  deps = { db: handle.db, kv: createMemoryKv(), clock: () => now };
  shop = await createFixtureTenant(handle.db, { tag: "rr-shop", passwordHash: "x" });
  other = await createFixtureTenant(handle.db, { tag: "rr-other", passwordHash: "x" });
  tenant = (await resolveTenant(deps, "rr-shop"))!;
  await getLoyaltyProgram(handle.db, shop.org.id);
  await handle.db
    .update(loyaltyPrograms)
    .set({ referrerRewardPoints: 200, refereeRewardPoints: 100, referralCapPerYear: 2 })
    .where(eq(loyaltyPrograms.organizationId, shop.org.id));
});
afterAll(async () => handle?.close());

const scopeOf = (customerId: string) => ({ organizationId: shop.org.id, customerId });

async function shopper(
  email = `p-${Math.random().toString(36).slice(2, 10)}@example.test`,
  name = "Pat Shopper",
) {
  const [user] = await handle.db
    .insert(users)
    .values({ email, name, dateOfBirth: "1990-01-01", emailVerified: now })
    .returning();
  const [customer] = await handle.db
    .insert(customers)
    .values({ organizationId: shop.org.id, userId: user!.id, loyaltyMember: true })
    .returning();
  return customer!.id;
}

async function completedOrder(customerId: string, variantIndex = 0) {
  const cart = await getOrCreateCart(handle.db, shop.org.id, { customerId });
  await addCartItem(handle.db, shop.org.id, cart.id, shop.variants[variantIndex]!.id, 1);
  await setCartFulfillment(handle.db, shop.org.id, cart.id, {
    locationId: shop.locations[0]!.id,
    fulfillment: "pickup",
  });
  const { order } = await placeOrder(deps, tenant, {
    customerId,
    cartId: cart.id,
    purchaser: "adult_use",
    paymentMethod: "cash",
  });
  for (const to of ["confirmed", "preparing", "ready", "completed"] as const)
    await advanceOrder(deps, shop.org.id, { orderId: order.id, to, actorUserId: null });
  return order;
}

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe("referrals", () => {
  it("rewards both after the referee's first completed order, once", async () => {
    const referrer = await shopper();
    const referee = await shopper();
    const code = await referralCodeOf(handle.db, scopeOf(referrer));
    await acceptReferral(handle.db, scopeOf(referee), code.toLowerCase());
    await completedOrder(referee);
    await completedOrder(referee);
    expect(await pointsBalance(handle.db, shop.org.id, referrer)).toBe(200);
    // The referee also earned 25 + 25 points on the two $25 orders.
    expect(await pointsBalance(handle.db, shop.org.id, referee)).toBe(100 + 50);
  });

  it("refuses one's own code, a second referral, a returning customer and another store's code", async () => {
    const a = await shopper();
    const b = await shopper();
    const code = await referralCodeOf(handle.db, scopeOf(a));
    expect((await refusal(acceptReferral(handle.db, scopeOf(a), code))).message).toMatch(
      /your own referral code/,
    );
    await acceptReferral(handle.db, scopeOf(b), code);
    expect((await refusal(acceptReferral(handle.db, scopeOf(b), code))).code).toBe("CONFLICT");
    const returning = await shopper();
    await completedOrder(returning);
    expect((await refusal(acceptReferral(handle.db, scopeOf(returning), code))).message).toMatch(
      /new customers/,
    );
    const elsewhere = await referralCodeOf(handle.db, {
      organizationId: other.org.id,
      customerId: other.shopper.customerId,
    });
    expect((await refusal(acceptReferral(handle.db, scopeOf(await shopper()), elsewhere))).code).toBe(
      "NOT_FOUND",
    );
  });

  it("refuses the payout for the same mailbox or the same address, and past the yearly cap", async () => {
    const referrer = await shopper("sam.smith@gmail.com");
    const code = await referralCodeOf(handle.db, scopeOf(referrer));
    const alias = await shopper("samsmith+2@gmail.com");
    await acceptReferral(handle.db, scopeOf(alias), code);
    await completedOrder(alias);
    const housemate = await shopper();
    for (const customerId of [referrer, housemate])
      await handle.db.insert(customerAddresses).values({
        organizationId: shop.org.id,
        customerId,
        line1: customerId === referrer ? "12 Oak St." : "12 oak st",
        city: "Town",
        state: "CA",
        postalCode: "90001",
      });
    await acceptReferral(handle.db, scopeOf(housemate), code);
    await completedOrder(housemate);
    const rows = await handle.db.select().from(referrals).where(eq(referrals.referrerCustomerId, referrer));
    expect(rows.map((r) => r.refusedReason).sort()).toEqual([
      "Same address as the referrer.",
      "Same person: the two emails are one mailbox.",
    ]);
    expect(await pointsBalance(handle.db, shop.org.id, referrer)).toBe(0);

    const capped = await shopper();
    const capCode = await referralCodeOf(handle.db, scopeOf(capped));
    for (let i = 0; i < 3; i++) {
      const friend = await shopper();
      await acceptReferral(handle.db, scopeOf(friend), capCode);
      await completedOrder(friend);
    }
    const settled = await handle.db.select().from(referrals).where(eq(referrals.referrerCustomerId, capped));
    expect(settled.filter((r) => r.status === "rewarded")).toHaveLength(2);
    expect(settled.find((r) => r.status === "refused")?.refusedReason).toMatch(/limit of 2/);
    expect(await pointsBalance(handle.db, shop.org.id, capped)).toBe(400);
  });
});

describe("reviews", () => {
  const product = () => shop.products[1]!;

  it("accepts only verified purchasers, once per product, flagging medical claims for the moderator", async () => {
    const stranger = await shopper();
    expect(
      (
        await refusal(
          submitReview(
            handle.db,
            scopeOf(stranger),
            { productId: product().id, rating: 5, body: "Nice" },
            now,
          ),
        )
      ).code,
    ).toBe("FORBIDDEN");
    const buyer = await shopper();
    await completedOrder(buyer, 1);
    const review = await submitReview(
      handle.db,
      scopeOf(buyer),
      { productId: product().id, rating: 4, title: "Calm", body: "It cured my stress, honestly." },
      now,
    );
    expect(review).toMatchObject({ status: "pending", flaggedTerms: ["cured"] });
    expect(
      (
        await refusal(
          submitReview(handle.db, scopeOf(buyer), { productId: product().id, rating: 1, body: "Again" }, now),
        )
      ).message,
    ).toBe(`You have already reviewed ${product().name}.`);
    const [event] = await handle.db
      .select()
      .from(outboxMessages)
      .where(
        and(eq(outboxMessages.topic, "review.submitted"), eq(outboxMessages.organizationId, shop.org.id)),
      );
    expect(event?.payload).toMatchObject({ data: { id: review.id, rating: 4, flagged: true } });
    // Another store's product is not on this menu.
    expect(
      (
        await refusal(
          submitReview(
            handle.db,
            scopeOf(buyer),
            { productId: other.products[0]!.id, rating: 5, body: "x" },
            now,
          ),
        )
      ).code,
    ).toBe("NOT_FOUND");
  });

  it("publishes only approved reviews in the summary, with votes and the owner's reply", async () => {
    const p = shop.products[2]!;
    const ids: string[] = [];
    for (const rating of [5, 4, 2]) {
      const buyer = await shopper();
      await completedOrder(buyer, 2);
      ids.push(
        (
          await submitReview(
            handle.db,
            scopeOf(buyer),
            { productId: p.id, rating, body: `Rated ${rating}` },
            now,
          )
        ).id,
      );
    }
    const manager = shop.staff.manager.id;
    await moderateReview(handle.db, shop.org.id, { reviewId: ids[0]!, decision: "approve" }, manager, now);
    await moderateReview(handle.db, shop.org.id, { reviewId: ids[1]!, decision: "approve" }, manager, now);
    expect(
      (
        await refusal(
          moderateReview(
            handle.db,
            shop.org.id,
            { reviewId: ids[2]!, decision: "reject", reason: "" },
            manager,
            now,
          ),
        )
      ).code,
    ).toBe("BAD_REQUEST");
    await moderateReview(
      handle.db,
      shop.org.id,
      { reviewId: ids[2]!, decision: "reject", reason: "Off topic" },
      manager,
      now,
    );
    expect(
      (
        await refusal(
          moderateReview(handle.db, shop.org.id, { reviewId: ids[2]!, decision: "approve" }, manager, now),
        )
      ).message,
    ).toBe("That review was already rejected.");
    // Another store cannot moderate it.
    expect(
      (
        await refusal(
          moderateReview(handle.db, other.org.id, { reviewId: ids[0]!, decision: "approve" }, manager, now),
        )
      ).code,
    ).toBe("NOT_FOUND");

    expect(await ratingSummary(handle.db, shop.org.id, p.id)).toMatchObject({ count: 2, average: 4.5 });
    const voter = await shopper();
    expect(await voteHelpful(handle.db, scopeOf(voter), ids[1]!)).toEqual({ helpfulCount: 1, added: true });
    expect(await voteHelpful(handle.db, scopeOf(voter), ids[1]!)).toEqual({ helpfulCount: 1, added: false });
    expect((await refusal(voteHelpful(handle.db, scopeOf(voter), ids[2]!))).code).toBe("NOT_FOUND");
    await replyToReview(
      handle.db,
      shop.org.id,
      { reviewId: ids[1]!, reply: "Thanks for the feedback!" },
      now,
    );
    const listed = await listProductReviews(handle.db, shop.org.id, p.id);
    expect(listed.map((r) => r.rating)).toEqual([4, 5]);
    expect(listed[0]).toMatchObject({
      ownerReply: "Thanks for the feedback!",
      reviewer: "Pat",
      verifiedPurchase: true,
    });
  });
});
