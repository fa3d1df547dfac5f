import { and, desc, eq, sql } from "drizzle-orm";
import type { DbOrTx, Transaction } from "@cannasaas/db/client";
import { customers, loyaltyAccounts, loyaltyLedger } from "@cannasaas/db/schema";
import { DomainError } from "../errors";

export type LedgerEntryInput = {
  organizationId: string;
  customerId: string;
  kind: (typeof loyaltyLedger.$inferInsert)["kind"];
  source: (typeof loyaltyLedger.$inferInsert)["source"];
  points: number;
  orderId?: string | null;
  rewardId?: string | null;
  discountCents?: number | null;
  reversesEntryId?: string | null;
  reason?: string | null;
  actorUserId?: string | null;
  dedupeKey?: string | null;
  at?: Date;
};

/** Letters and digits a shopper can read out loud without confusing them (no 0/O, 1/I/L). */
const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export function newReferralCode() {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return Array.from(bytes, (b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join("");
}

/**
 * The customer's loyalty account row, created on first use and locked for the rest of the transaction. Every
 * ledger write takes this lock first, so two writers for one customer (two checkout tabs, a refund and a
 * redemption) take turns and each sees the balance the other left.
 */
export async function lockLoyaltyAccount(tx: Transaction, organizationId: string, customerId: string) {
  // Most calls find the account: one statement locks it. Only a first use goes on to create it.
  const [existing] = await tx
    .select()
    .from(loyaltyAccounts)
    .where(
      and(eq(loyaltyAccounts.customerId, customerId), eq(loyaltyAccounts.organizationId, organizationId)),
    )
    .for("update");
  if (existing) return existing;
  // The customer must be this store's before an account is made for it here.
  const [customer] = await tx
    .select({ id: customers.id })
    .from(customers)
    .where(and(eq(customers.id, customerId), eq(customers.organizationId, organizationId)));
  if (!customer) throw new DomainError("NOT_FOUND", "That customer does not exist.");
  await tx
    .insert(loyaltyAccounts)
    .values({ organizationId, customerId, referralCode: newReferralCode() })
    .onConflictDoNothing({ target: loyaltyAccounts.customerId });
  const [account] = await tx
    .select()
    .from(loyaltyAccounts)
    .where(
      and(eq(loyaltyAccounts.customerId, customerId), eq(loyaltyAccounts.organizationId, organizationId)),
    )
    .for("update");
  if (!account) throw new DomainError("NOT_FOUND", "That customer does not exist.");
  return account;
}

/** A customer's balance: the sum of their ledger entries. */
export async function pointsBalance(db: DbOrTx, organizationId: string, customerId: string) {
  const [row] = await db
    .select({ balance: sql<number>`coalesce(sum(${loyaltyLedger.points}), 0)`.mapWith(Number) })
    .from(loyaltyLedger)
    .where(and(eq(loyaltyLedger.organizationId, organizationId), eq(loyaltyLedger.customerId, customerId)));
  return row?.balance ?? 0;
}

/**
 * The one way points change. Locks the account, refuses to take the balance below zero, and skips an entry
 * whose dedupe key was already written (an order earns once however often completion is retried). Returns the
 * entry, or null when it was a duplicate. A duplicate is found by the insert itself, after the balance check:
 * every deduplicated entry that takes points (a checkout's redemption) is for a new order, so a duplicate
 * never needs the balance.
 */
export async function appendLedgerEntry(
  tx: Transaction,
  entry: LedgerEntryInput,
  /**
   * The caller already holds the account's lock in this transaction and read this balance under it (checkout
   * checks the points before pricing the order): no second lock and read.
   */
  locked?: { balance: number },
) {
  if (!locked) await lockLoyaltyAccount(tx, entry.organizationId, entry.customerId);
  const balance = locked?.balance ?? (await pointsBalance(tx, entry.organizationId, entry.customerId));
  if (entry.points < 0 && balance + entry.points < 0 && entry.kind !== "reverse") {
    throw new DomainError("CONFLICT", `That needs ${-entry.points} points and the balance is ${balance}.`, {
      balance,
      needed: -entry.points,
    });
  }
  const [row] = await tx
    .insert(loyaltyLedger)
    .values({
      organizationId: entry.organizationId,
      customerId: entry.customerId,
      kind: entry.kind,
      source: entry.source,
      points: entry.points,
      orderId: entry.orderId ?? null,
      rewardId: entry.rewardId ?? null,
      discountCents: entry.discountCents ?? null,
      reversesEntryId: entry.reversesEntryId ?? null,
      reason: entry.reason ?? null,
      actorUserId: entry.actorUserId ?? null,
      dedupeKey: entry.dedupeKey ?? null,
      ...(entry.at ? { createdAt: entry.at } : {}),
    })
    // A dedupe key already written (under the same account lock, so never a race) makes this a no-op.
    .onConflictDoNothing({
      target: [loyaltyLedger.organizationId, loyaltyLedger.customerId, loyaltyLedger.dedupeKey],
    })
    .returning();
  if (!row) return null;
  return { entry: row, balance: balance + entry.points };
}

/** A customer's entries, newest first. */
export async function ledgerHistory(db: DbOrTx, organizationId: string, customerId: string, limit = 50) {
  return db
    .select()
    .from(loyaltyLedger)
    .where(and(eq(loyaltyLedger.organizationId, organizationId), eq(loyaltyLedger.customerId, customerId)))
    .orderBy(desc(loyaltyLedger.createdAt), desc(loyaltyLedger.id))
    .limit(limit);
}
