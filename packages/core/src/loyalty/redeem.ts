import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx, Transaction } from "@cannasaas/db/client";
import {
  customers,
  featureOverrides,
  loyaltyAccounts,
  loyaltyCartRewards,
  loyaltyLedger,
  loyaltyPrograms,
  loyaltyRewards,
  organizations,
} from "@cannasaas/db/schema";
import { findCart } from "../cart/cart";
import { DomainError } from "../errors";
import { effectivePlan, PLAN_FEATURES } from "../plans/catalog";
import { lockLoyaltyAccount, pointsBalance } from "./ledger";
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
  return chosen ? previewOf(chosen.reward, lines) : null;
}

function previewOf(reward: typeof loyaltyRewards.$inferSelect, lines: readonly RewardLine[]) {
  if (!reward.active) return null;
  const lineDiscounts = rewardLineDiscounts(reward, lines);
  const discountCents = lineDiscounts.reduce((sum, l) => sum + l.discountCents, 0);
  return {
    rewardId: reward.id,
    name: reward.name,
    pointsCost: reward.pointsCost,
    discountCents,
    lineDiscounts,
    /** A free item that is not in the cart takes nothing off; checkout refuses it rather than spend points. */
    applies: discountCents > 0,
  };
}
export type CartRewardPreview = NonNullable<ReturnType<typeof previewOf>>;

/**
 * For checkout's customer lock: locks the shopper's loyalty account too, when the cart carries a reward and
 * the account exists, and yields its id (else null). Taken after the customer row, in the same statement,
 * so the account is locked before `prepareCartReward`'s statement starts and that one reads the balance the
 * last writer left.
 */
export function lockRewardAccountSql(organizationId: string, customerId: string, cartId: string) {
  return sql<string | null>`(select a.customer_id from ${loyaltyAccounts} a
    where a.organization_id = ${organizationId} and a.customer_id = ${customerId}
      and exists (select 1 from ${loyaltyCartRewards} c where c.organization_id = ${organizationId} and c.cart_id = ${cartId})
    for update of a)`;
}

/**
 * Checks, in checkout's transaction and before the order is priced and the payment authorized, that the
 * cart's chosen reward can be paid: the program is on and in the plan, the shopper is a member, its item is in
 * the cart, and the balance covers it. The shopper's loyalty account stays locked to the commit, so of two tabs
 * spending the same points the second waits and is refused once the first has spent them. The choice, whether
 * rewards are open to the shopper and the balance are one query: the account is already locked by then
 * (`lockRewardAccountSql`, `accountLocked`), and a statement that starts after the lock sees every entry of
 * the transactions that held it before. Without that lock (no account yet, or a reward chosen while checkout
 * ran) the account is locked here and the balance read again under the lock.
 */
export async function prepareCartReward(
  tx: Transaction,
  input: Scope & { cartId: string; lines: readonly RewardLine[]; accountLocked: boolean },
) {
  const { organizationId, customerId } = input;
  const [row] = await tx
    .select({
      reward: loyaltyRewards,
      plan: organizations.plan,
      status: organizations.subscriptionStatus,
      override: featureOverrides.enabled,
      enabled: loyaltyPrograms.enabled,
      member: customers.loyaltyMember,
      balance: sql<number>`(select coalesce(sum(l.points), 0) from ${loyaltyLedger} l
        where l.organization_id = ${organizationId} and l.customer_id = ${customerId})`.mapWith(Number),
    })
    .from(loyaltyCartRewards)
    .innerJoin(loyaltyRewards, eq(loyaltyRewards.id, loyaltyCartRewards.rewardId))
    .innerJoin(organizations, eq(organizations.id, loyaltyCartRewards.organizationId))
    .leftJoin(customers, and(eq(customers.organizationId, organizationId), eq(customers.id, customerId)))
    .leftJoin(loyaltyPrograms, eq(loyaltyPrograms.organizationId, organizations.id))
    .leftJoin(
      featureOverrides,
      and(
        eq(featureOverrides.organizationId, organizations.id),
        eq(featureOverrides.feature, "loyalty_program"),
      ),
    )
    .where(
      and(eq(loyaltyCartRewards.cartId, input.cartId), eq(loyaltyCartRewards.organizationId, organizationId)),
    );
  const preview = row ? previewOf(row.reward, input.lines) : null;
  if (!row || !preview) return null;
  if (!rewardsOpen(row))
    throw new DomainError(
      "CONFLICT",
      "Rewards are not available on this order. Remove the reward to continue.",
    );
  if (!preview.applies)
    throw new DomainError(
      "CONFLICT",
      `${preview.name} needs its item in your cart. Add it or remove the reward to continue.`,
    );
  let balance = row.balance;
  if (!input.accountLocked) {
    await lockLoyaltyAccount(tx, organizationId, customerId);
    balance = await pointsBalance(tx, organizationId, customerId);
  }
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
 */
function rewardsOpen(row: {
  plan: (typeof organizations.$inferSelect)["plan"];
  status: (typeof organizations.$inferSelect)["subscriptionStatus"];
  override: boolean | null;
  enabled: boolean | null;
  member: boolean | null;
}) {
  const planned =
    row.override ?? PLAN_FEATURES[effectivePlan(row.plan, row.status)].includes("loyalty_program");
  return planned && (row.enabled ?? true) && (row.member ?? false);
}

export type PreparedReward = NonNullable<Awaited<ReturnType<typeof prepareCartReward>>>;

/**
 * Spends the prepared reward with the order: the redemption's ledger entry, as a CTE that checkout's order
 * insert carries (`tx.with(spend).insert(orders)`), so the points and the order are written by one statement
 * and commit together or not at all. The balance was checked under the account lock (`prepareCartReward`),
 * which holds to the commit; the entry is for a new order, so its dedupe key cannot have been written. The
 * entry names the order by the id checkout gives it before the insert (the foreign key is checked at the end
 * of the statement, when the order row exists). The cart's choice stays with the ordered cart (which is never
 * ordered again), as a record of it.
 */
export function spendCartRewardWith(
  tx: Transaction,
  input: {
    organizationId: string;
    customerId: string;
    orderId: string;
    orderNumber: number;
    reward: PreparedReward;
  },
) {
  const { reward } = input;
  return tx.$with("reward_spent", { id: sql<string>`id` }).as(
    sql`insert into ${loyaltyLedger}
      (organization_id, customer_id, kind, source, points, order_id, reward_id, discount_cents, reason, dedupe_key)
      values (${input.organizationId}, ${input.customerId}, 'redeem', 'checkout', ${-reward.pointsCost},
        ${input.orderId}, ${reward.rewardId}, ${reward.discountCents},
        ${`${reward.name} on order #${input.orderNumber}`}, ${`redeem:${input.orderId}`})
      returning id`,
  );
}
