import { and, asc, eq, sql } from "drizzle-orm";
import type { Database, DbOrTx } from "@cannasaas/db/client";
import { customers, loyaltyAccounts, loyaltyLedger, organizations, users } from "@cannasaas/db/schema";
import { recordAuditEvent } from "../audit/record";
import { DomainError } from "../errors";
import { appendLedgerEntry, ledgerHistory, lockLoyaltyAccount, pointsBalance } from "./ledger";
import { getLoyaltyProgram, listRewards, listTiers } from "./program";
import { tierProgress } from "./rules";
import { currentTier, qualifyingPoints } from "./tiers";

type Scope = { organizationId: string; customerId: string };

/**
 * Everything the shopper's account page shows: membership, balance, the tier they hold, progress on the rolling
 * year towards the next tier, what their points can buy and their history.
 */
export async function loyaltySummary(db: Database, scope: Scope, now: Date) {
  const program = await getLoyaltyProgram(db, scope.organizationId);
  const [customer] = await db
    .select({ member: customers.loyaltyMember })
    .from(customers)
    .where(and(eq(customers.id, scope.customerId), eq(customers.organizationId, scope.organizationId)));
  if (!customer) throw new DomainError("NOT_FOUND", "That customer does not exist.");
  const tiers = await listTiers(db, scope.organizationId);
  const yearPoints =
    (await qualifyingPoints(db, scope.organizationId, now, [scope.customerId])).get(scope.customerId) ?? 0;
  const progress = tierProgress(yearPoints, tiers);
  const held = await currentTier(db, scope.organizationId, scope.customerId);
  const referralCode = await db.transaction(
    async (tx) => (await lockLoyaltyAccount(tx, scope.organizationId, scope.customerId)).referralCode,
  );
  return {
    enabled: program.enabled,
    member: customer.member,
    pointsPerDollar: program.pointsPerDollar,
    signupBonusPoints: program.signupBonusPoints,
    refereeRewardPoints: program.refereeRewardPoints,
    referrerRewardPoints: program.referrerRewardPoints,
    balance: await pointsBalance(db, scope.organizationId, scope.customerId),
    /** The tier the last tier run gave; the year's points may already qualify for more (see `progress`). */
    tier: held ?? progress.current,
    yearPoints,
    progress: {
      next: progress.next,
      pointsToNext: progress.pointsToNext,
      percent: progress.percent,
      reached: progress.current,
    },
    tiers,
    rewards: await listRewards(db, scope.organizationId),
    referralCode,
    history: await ledgerHistory(db, scope.organizationId, scope.customerId),
  };
}

/** The store's members with their balances, highest first, for the dashboard. */
export async function listLoyaltyMembers(db: DbOrTx, organizationId: string, search?: string) {
  const balance =
    sql<number>`coalesce((select sum(${loyaltyLedger.points}) from ${loyaltyLedger} where ${loyaltyLedger.customerId} = ${customers.id}), 0)`.mapWith(
      Number,
    );
  return db
    .select({
      customerId: customers.id,
      name: users.name,
      email: users.email,
      member: customers.loyaltyMember,
      tierId: loyaltyAccounts.tierId,
      balance,
    })
    .from(customers)
    .innerJoin(users, eq(users.id, customers.userId))
    .leftJoin(loyaltyAccounts, eq(loyaltyAccounts.customerId, customers.id))
    .where(
      and(
        eq(customers.organizationId, organizationId),
        search
          ? sql`(${users.email} ilike ${`%${search}%`} or ${users.name} ilike ${`%${search}%`})`
          : undefined,
      ),
    )
    .orderBy(sql`${balance} desc`, asc(users.email))
    .limit(100);
}

/** One customer's ledger for staff: who they are, balance, tier, and every entry. */
export async function customerLedger(db: Database, organizationId: string, customerId: string, now: Date) {
  const [who] = await db
    .select({ name: users.name, email: users.email, member: customers.loyaltyMember })
    .from(customers)
    .innerJoin(users, eq(users.id, customers.userId))
    .where(and(eq(customers.id, customerId), eq(customers.organizationId, organizationId)));
  if (!who) throw new DomainError("NOT_FOUND", "That customer does not exist.");
  const tiers = await listTiers(db, organizationId);
  const yearPoints = (await qualifyingPoints(db, organizationId, now, [customerId])).get(customerId) ?? 0;
  const [org] = await db
    .select({ timeZone: organizations.timeZone })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  return {
    customerId,
    ...who,
    timeZone: org!.timeZone,
    balance: await pointsBalance(db, organizationId, customerId),
    tier: (await currentTier(db, organizationId, customerId)) ?? null,
    yearPoints,
    progress: tierProgress(yearPoints, tiers),
    entries: await ledgerHistory(db, organizationId, customerId, 200),
  };
}

export type AdjustmentInput = { customerId: string; points: number; reason: string };

/**
 * A manager's correction, with a reason. The entry and its audit record commit together, so the trail can
 * never miss an adjustment (nor hold one that did not happen). Refused when it would leave a negative balance.
 */
export async function adjustPoints(
  db: Database,
  organizationId: string,
  input: AdjustmentInput,
  actor: { userId: string; email?: string | null; ip?: string | null; requestId?: string | null },
  now: Date,
) {
  if (!Number.isInteger(input.points) || input.points === 0)
    throw new DomainError("BAD_REQUEST", "Enter a whole number of points other than zero.");
  const reason = input.reason.trim();
  if (reason.length < 3) throw new DomainError("BAD_REQUEST", "Say why the points change.");
  return db.transaction(async (tx) => {
    const result = await appendLedgerEntry(tx, {
      organizationId,
      customerId: input.customerId,
      kind: "adjust",
      source: "staff",
      points: input.points,
      reason,
      actorUserId: actor.userId,
      at: now,
    });
    await recordAuditEvent(tx, {
      organizationId,
      actor: { kind: "user", id: actor.userId, label: actor.email ?? null },
      action: "loyalty.adjustment",
      resource: { type: "customer", id: input.customerId },
      after: { entryId: result!.entry.id, points: input.points, reason, balance: result!.balance },
      ip: actor.ip ?? null,
      requestId: actor.requestId ?? null,
      at: now,
    });
    return { entryId: result!.entry.id, balance: result!.balance };
  });
}
