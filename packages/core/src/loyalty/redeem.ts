import { and, eq } from "drizzle-orm";
import type { DbOrTx, Transaction } from "@cannasaas/db/client";
import {
  customers,
  featureOverrides,
  loyaltyCartRewards,
  loyaltyPrograms,
  loyaltyRewards,
  organizations,
  type orders,
} from "@cannasaas/db/schema";
import { findCart } from "../cart/cart";
import { DomainError } from "../errors";
import { effectivePlan, PLAN_FEATURES } from "../plans/catalog";
import { appendLedgerEntry, lockLoyaltyAccount, pointsBalance } from "./ledger";
import { rewardLineDiscounts, type RewardLine } from "./rules";

type Scope = { organizationId: string; customerId: string };

async function activeReward(db: DbOrTx, organizationId: string, rewardId: string) {
  const [reward] = await db
    .select()
    .from(loyaltyRewards)
    .where(
      and(
        eq(loyaltyRewards.id, rewardId),
        eq(loyaltyRewards.organizationId, organizationId),
        eq(loyaltyRewards.active, true),
      ),
    );
  return reward ?? null;
}

async function isMember(db: DbOrTx, { organizationId, customerId }: Scope) {
  const [row] = await db
    .select({ member: customers.loyaltyMember })
    .from(customers)
    .where(and(eq(customers.id, customerId), eq(customers.organizationId, organizationId)));
  return row?.member ?? false;
}

/**
 * Chooses (or, with null, clears) the reward to spend on the shopper's open cart. Checked now for a friendly
 * answer; checkout checks everything again under the account lock.
 */
export async function chooseCartReward(db: DbOrTx, scope: Scope, rewardId: string | null) {
  const cart = await findCart(db, scope.organizationId, { customerId: scope.customerId });
  if (!cart) throw new DomainError("NOT_FOUND", "Add something to your cart first.");
  if (!rewardId) {
    await db.delete(loyaltyCartRewards).where(eq(loyaltyCartRewards.cartId, cart.id));
    return { rewardId: null };
  }
  if (!(await isMember(db, scope)))
    throw new DomainError("FORBIDDEN", "Join the rewards program on your account page to use points.");
  const reward = await activeReward(db, scope.organizationId, rewardId);
  if (!reward) throw new DomainError("NOT_FOUND", "That reward is no longer offered.");
  const balance = await pointsBalance(db, scope.organizationId, scope.customerId);
  if (balance < reward.pointsCost)
    throw new DomainError(
      "CONFLICT",
      `${reward.name} needs ${reward.pointsCost} points and you have ${balance}.`,
    );
  await db
    .insert(loyaltyCartRewards)
    .values({ cartId: cart.id, organizationId: scope.organizationId, rewardId })
    .onConflictDoUpdate({ target: loyaltyCartRewards.cartId, set: { rewardId } });
  return { rewardId };
}

/** The reward chosen for a cart and what it would take off these lines (after promotions), line by line. */
export async function cartRewardPreview(
  db: DbOrTx,
  organizationId: string,
  cartId: string,
  lines: readonly RewardLine[],
) {
  const [chosen] = await db
    .select({ reward: loyaltyRewards })
    .from(loyaltyCartRewards)
    .innerJoin(loyaltyRewards, eq(loyaltyRewards.id, loyaltyCartRewards.rewardId))
    .where(and(eq(loyaltyCartRewards.cartId, cartId), eq(loyaltyCartRewards.organizationId, organizationId)));
  if (!chosen || !chosen.reward.active) return null;
  const lineDiscounts = rewardLineDiscounts(chosen.reward, lines);
  const discountCents = lineDiscounts.reduce((sum, l) => sum + l.discountCents, 0);
  return {
    rewardId: chosen.reward.id,
    name: chosen.reward.name,
    pointsCost: chosen.reward.pointsCost,
    discountCents,
    lineDiscounts,
    /** A free item that is not in the cart takes nothing off; checkout refuses it rather than spend points. */
    applies: discountCents > 0,
  };
}
export type CartRewardPreview = NonNullable<Awaited<ReturnType<typeof cartRewardPreview>>>;

/**
 * Checks, in checkout's transaction and before the order is priced and the payment authorized, that the
 * cart's chosen reward can be paid: the program is on and in the plan, the shopper is a member, its item is in
 * the cart, and the balance covers it. The shopper's loyalty account stays locked to the commit, so of two tabs
 * spending the same points the second waits here and is refused once the first has spent them.
 */
export async function prepareCartReward(
  tx: Transaction,
  input: Scope & { cartId: string; lines: readonly RewardLine[] },
) {
  const preview = await cartRewardPreview(tx, input.organizationId, input.cartId, input.lines);
  if (!preview) return null;
  if (!(await rewardsOpenTo(tx, input)))
    throw new DomainError(
      "CONFLICT",
      "Rewards are not available on this order. Remove the reward to continue.",
    );
  if (!preview.applies)
    throw new DomainError(
      "CONFLICT",
      `${preview.name} needs its item in your cart. Add it or remove the reward to continue.`,
    );
  await lockLoyaltyAccount(tx, input.organizationId, input.customerId);
  const balance = await pointsBalance(tx, input.organizationId, input.customerId);
  if (balance < preview.pointsCost)
    throw new DomainError(
      "CONFLICT",
      `That needs ${preview.pointsCost} points and the balance is ${balance}.`,
      {
        balance,
        needed: preview.pointsCost,
      },
    );
  return { ...preview, balance };
}

/**
 * Whether this order may spend points: the store's plan (or an operator's override) includes the program,
 * the program is on (a store that never saved settings has the default, on), and the shopper is a member.
 * One query, since checkout runs it on every order that carries a reward.
 */
async function rewardsOpenTo(tx: Transaction, scope: Scope) {
  const [row] = await tx
    .select({
      plan: organizations.plan,
      status: organizations.subscriptionStatus,
      override: featureOverrides.enabled,
      enabled: loyaltyPrograms.enabled,
      member: customers.loyaltyMember,
    })
    .from(organizations)
    .innerJoin(
      customers,
      and(eq(customers.organizationId, organizations.id), eq(customers.id, scope.customerId)),
    )
    .leftJoin(loyaltyPrograms, eq(loyaltyPrograms.organizationId, organizations.id))
    .leftJoin(
      featureOverrides,
      and(
        eq(featureOverrides.organizationId, organizations.id),
        eq(featureOverrides.feature, "loyalty_program"),
      ),
    )
    .where(eq(organizations.id, scope.organizationId));
  if (!row) return false;
  const planned =
    row.override ?? PLAN_FEATURES[effectivePlan(row.plan, row.status)].includes("loyalty_program");
  return planned && (row.enabled ?? true) && row.member;
}

export type PreparedReward = NonNullable<Awaited<ReturnType<typeof prepareCartReward>>>;

/**
 * Spends the prepared reward on the order just written (whose lines already carry its discount): the
 * redemption goes to the ledger against the order, in the same transaction, and the cart's choice is cleared.
 */
export async function spendCartReward(
  tx: Transaction,
  input: { order: typeof orders.$inferSelect; cartId: string; reward: PreparedReward },
) {
  const { order, reward } = input;
  await appendLedgerEntry(
    tx,
    {
      organizationId: order.organizationId,
      customerId: order.customerId,
      kind: "redeem",
      source: "checkout",
      points: -reward.pointsCost,
      orderId: order.id,
      rewardId: reward.rewardId,
      discountCents: reward.discountCents,
      reason: `${reward.name} on order #${order.orderNumber}`,
      dedupeKey: `redeem:${order.id}`,
    },
    // Locked and read by `prepareCartReward` in this same transaction.
    { balance: reward.balance },
  );
  // The cart's choice stays with the ordered cart (which is never ordered again), as a record of it.
}
