import { and, count, eq, gte, ne, sql } from "drizzle-orm";
import type { DbOrTx, Transaction } from "@cannasaas/db/client";
import {
  customerAddresses,
  customers,
  loyaltyAccounts,
  orders,
  referrals,
  users,
} from "@cannasaas/db/schema";
import { DomainError } from "../errors";
import { appendLedgerEntry, lockLoyaltyAccount } from "./ledger";
import { getLoyaltyProgram } from "./program";

type Scope = { organizationId: string; customerId: string };
const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

/** The shopper's own code (created with their loyalty account). */
export async function referralCodeOf(db: DbOrTx, scope: Scope) {
  return db.transaction(
    async (tx) => (await lockLoyaltyAccount(tx, scope.organizationId, scope.customerId)).referralCode,
  );
}

/** Who a code belongs to at this store, for the landing page; null for an unknown code. */
export async function findReferrer(db: DbOrTx, organizationId: string, code: string) {
  const [row] = await db
    .select({ customerId: loyaltyAccounts.customerId, name: users.name })
    .from(loyaltyAccounts)
    .innerJoin(customers, eq(customers.id, loyaltyAccounts.customerId))
    .innerJoin(users, eq(users.id, customers.userId))
    .where(
      and(
        eq(loyaltyAccounts.organizationId, organizationId),
        eq(loyaltyAccounts.referralCode, code.trim().toUpperCase()),
      ),
    );
  if (!row) return null;
  return { customerId: row.customerId, firstName: (row.name ?? "A friend").split(/\s+/)[0] ?? "A friend" };
}

/** Gmail-style equivalents name the same mailbox: case, dots and "+tags" do not make a new person. */
export function normalizeEmail(email: string) {
  const [local = "", domain = ""] = email.trim().toLowerCase().split("@");
  const base = local.split("+")[0] ?? "";
  const gmail = domain === "gmail.com" || domain === "googlemail.com";
  return `${gmail ? base.replaceAll(".", "") : base}@${gmail ? "gmail.com" : domain}`;
}

/** An address reduced to what identifies a home: first line's letters and digits, and the ZIP's first five. */
export function addressKey(a: { line1: string; postalCode: string }) {
  return `${a.line1.toLowerCase().replace(/[^a-z0-9]/g, "")}|${a.postalCode.slice(0, 5)}`;
}

/**
 * The referee accepts a code. Refused for their own code, for someone who has already completed an order here
 * (referrals bring new shoppers) and for a second referral.
 */
export async function acceptReferral(db: DbOrTx, scope: Scope, code: string) {
  const referrer = await findReferrer(db, scope.organizationId, code);
  if (!referrer) throw new DomainError("NOT_FOUND", "That referral code is not valid at this store.");
  if (referrer.customerId === scope.customerId)
    throw new DomainError("BAD_REQUEST", "That is your own referral code: share it with a friend instead.");
  const [done] = await db
    .select({ n: count() })
    .from(orders)
    .where(
      and(
        eq(orders.organizationId, scope.organizationId),
        eq(orders.customerId, scope.customerId),
        eq(orders.status, "completed"),
      ),
    );
  if ((done?.n ?? 0) > 0)
    throw new DomainError("CONFLICT", "Referral rewards are for new customers, before their first order.");
  const [row] = await db
    .insert(referrals)
    .values({
      organizationId: scope.organizationId,
      referrerCustomerId: referrer.customerId,
      refereeCustomerId: scope.customerId,
    })
    .onConflictDoNothing()
    .returning();
  if (!row) throw new DomainError("CONFLICT", "You have already accepted a referral at this store.");
  return { referralId: row.id, referrerFirstName: referrer.firstName };
}

async function emailOf(tx: Transaction, customerId: string) {
  const [row] = await tx
    .select({ email: users.email })
    .from(customers)
    .innerJoin(users, eq(users.id, customers.userId))
    .where(eq(customers.id, customerId));
  return row?.email ?? null;
}

async function addressKeysOf(tx: Transaction, organizationId: string, customerId: string) {
  const saved = await tx
    .select({ line1: customerAddresses.line1, postalCode: customerAddresses.postalCode })
    .from(customerAddresses)
    .where(
      and(eq(customerAddresses.organizationId, organizationId), eq(customerAddresses.customerId, customerId)),
    );
  const delivered = await tx
    .select({ address: orders.deliveryAddress })
    .from(orders)
    .where(
      and(
        eq(orders.organizationId, organizationId),
        eq(orders.customerId, customerId),
        sql`${orders.deliveryAddress} is not null`,
      ),
    );
  return new Set([...saved, ...delivered.flatMap((d) => (d.address ? [d.address] : []))].map(addressKey));
}

/**
 * Whether the referee's order was paid with a card any of the referrer's orders was paid with: staff may
 * record a debit card at handover, kept only as a keyed fingerprint (`cardFingerprint`). Cash, and cards
 * nobody recorded, leave nothing to compare.
 */
async function sameCardAsReferrer(
  tx: Transaction,
  order: Pick<typeof orders.$inferSelect, "organizationId" | "paymentFingerprint">,
  referrerCustomerId: string,
) {
  if (!order.paymentFingerprint) return false;
  const [same] = await tx
    .select({ id: orders.id })
    .from(orders)
    .where(
      and(
        eq(orders.organizationId, order.organizationId),
        eq(orders.customerId, referrerCustomerId),
        eq(orders.paymentFingerprint, order.paymentFingerprint),
      ),
    )
    .limit(1);
  return Boolean(same);
}

/** Why this referral may not pay out, or null. */
async function refusalReason(
  tx: Transaction,
  referral: typeof referrals.$inferSelect,
  order: typeof orders.$inferSelect,
  cap: number,
  now: Date,
): Promise<string | null> {
  const { organizationId, referrerCustomerId: referrer, refereeCustomerId: referee } = referral;
  const [a, b] = [await emailOf(tx, referrer), await emailOf(tx, referee)];
  if (a && b && normalizeEmail(a) === normalizeEmail(b))
    return "Same person: the two emails are one mailbox.";
  const [mine, theirs] = [
    await addressKeysOf(tx, organizationId, referrer),
    await addressKeysOf(tx, organizationId, referee),
  ];
  if ([...theirs].some((k) => mine.has(k))) return "Same address as the referrer.";
  if (await sameCardAsReferrer(tx, order, referrer)) return "Same payment card as the referrer.";
  const [rewarded] = await tx
    .select({ n: count() })
    .from(referrals)
    .where(
      and(
        eq(referrals.organizationId, organizationId),
        eq(referrals.referrerCustomerId, referrer),
        eq(referrals.status, "rewarded"),
        gte(referrals.settledAt, new Date(now.getTime() - YEAR_MS)),
        ne(referrals.id, referral.id),
      ),
    );
  if ((rewarded?.n ?? 0) >= cap) return `The referrer reached the limit of ${cap} rewarded referrals a year.`;
  return null;
}

/**
 * After a referee's order completes: if it is their first completed order and they came with a pending
 * referral, both are rewarded, or the referral is refused with the reason (same person, same address, same
 * payment card, cap).
 */
export async function settleReferral(tx: Transaction, order: typeof orders.$inferSelect, now: Date) {
  const [referral] = await tx
    .select()
    .from(referrals)
    .where(
      and(
        eq(referrals.organizationId, order.organizationId),
        eq(referrals.refereeCustomerId, order.customerId),
        eq(referrals.status, "pending"),
      ),
    )
    .for("update");
  if (!referral) return null;
  const program = await getLoyaltyProgram(tx, order.organizationId);
  const reason = await refusalReason(tx, referral, order, program.referralCapPerYear, now);
  await tx
    .update(referrals)
    .set({
      status: reason ? "refused" : "rewarded",
      refusedReason: reason,
      orderId: order.id,
      settledAt: now,
    })
    .where(eq(referrals.id, referral.id));
  if (reason) return { status: "refused" as const, reason };
  const rewards: Array<[string, number, string]> = [
    [referral.referrerCustomerId, program.referrerRewardPoints, "Your friend completed their first order"],
    [referral.refereeCustomerId, program.refereeRewardPoints, "Welcome: your first order with a referral"],
  ];
  for (const [customerId, points, why] of rewards) {
    if (points <= 0) continue;
    await appendLedgerEntry(tx, {
      organizationId: order.organizationId,
      customerId,
      kind: "earn",
      source: "referral",
      points,
      orderId: order.id,
      reason: why,
      dedupeKey: `referral:${referral.id}`,
      at: now,
    });
  }
  return { status: "rewarded" as const };
}
