import { and, eq } from "drizzle-orm";
import type { Transaction } from "@cannasaas/db/client";
import { customers, loyaltyAccounts, loyaltyLedger, loyaltyTiers, type orders } from "@cannasaas/db/schema";
import type { OrderStatus } from "@cannasaas/db/enums";
import { loadPlanState } from "../plans/features";
import { appendLedgerEntry } from "./ledger";
import { getLoyaltyProgram } from "./program";
import { settleReferral } from "./referrals";
import { pointsForSpend } from "./rules";

type Order = typeof orders.$inferSelect;

/**
 * What an order's status change does to points, in the transaction that changes the status:
 * - completed: the shopper earns on what they paid for goods after discounts, at their tier's multiplier, and a
 *   pending referral is settled;
 * - cancelled: points spent on it come back (a cancelled order never earns);
 * - refunded: what it earned is taken back and what it spent is returned.
 * Each entry has a dedupe key per order, so a retried transition never counts twice.
 */
export async function applyOrderPoints(tx: Transaction, order: Order, to: OrderStatus, now: Date) {
  if (to === "completed") {
    await earnForOrder(tx, order, now);
    await settleReferral(tx, order, now);
  }
  if (to === "cancelled" || to === "refunded") await returnRedemption(tx, order, now);
  if (to === "refunded") await reverseEarning(tx, order, now);
}

async function earnForOrder(tx: Transaction, order: Order, now: Date) {
  const program = await getLoyaltyProgram(tx, order.organizationId);
  if (!program.enabled) return;
  // A store whose plan no longer includes loyalty stops giving points (what members hold stays theirs).
  if (!(await loadPlanState(tx, order.organizationId)).features.includes("loyalty_program")) return;
  const [member] = await tx
    .select({ member: customers.loyaltyMember, multiplierBps: loyaltyTiers.multiplierBps })
    .from(customers)
    .leftJoin(loyaltyAccounts, eq(loyaltyAccounts.customerId, customers.id))
    .leftJoin(loyaltyTiers, eq(loyaltyTiers.id, loyaltyAccounts.tierId))
    .where(and(eq(customers.id, order.customerId), eq(customers.organizationId, order.organizationId)));
  if (!member?.member) return;
  const points = pointsForSpend(
    order.subtotalCents - order.discountCents,
    program.pointsPerDollar,
    member.multiplierBps ?? 10_000,
  );
  if (points <= 0) return;
  await appendLedgerEntry(tx, {
    organizationId: order.organizationId,
    customerId: order.customerId,
    kind: "earn",
    source: "order",
    points,
    orderId: order.id,
    reason: `Order #${order.orderNumber}`,
    dedupeKey: `earn:${order.id}`,
    at: now,
  });
}

async function entriesFor(tx: Transaction, order: Order, kind: "earn" | "redeem") {
  return tx
    .select()
    .from(loyaltyLedger)
    .where(
      and(
        eq(loyaltyLedger.organizationId, order.organizationId),
        eq(loyaltyLedger.orderId, order.id),
        eq(loyaltyLedger.customerId, order.customerId),
        eq(loyaltyLedger.kind, kind),
        eq(loyaltyLedger.source, kind === "earn" ? "order" : "checkout"),
      ),
    );
}

async function returnRedemption(tx: Transaction, order: Order, now: Date) {
  for (const spent of await entriesFor(tx, order, "redeem")) {
    await appendLedgerEntry(tx, {
      organizationId: order.organizationId,
      customerId: order.customerId,
      kind: "reverse",
      source: "checkout",
      points: -spent.points,
      orderId: order.id,
      reversesEntryId: spent.id,
      reason: `Points returned: order #${order.orderNumber} was ${order.status}`,
      dedupeKey: `reverse:${spent.id}`,
      at: now,
    });
  }
}

/** May take the balance below zero when the earned points were already spent: the shopper then earns it back. */
async function reverseEarning(tx: Transaction, order: Order, now: Date) {
  for (const earned of await entriesFor(tx, order, "earn")) {
    await appendLedgerEntry(tx, {
      organizationId: order.organizationId,
      customerId: order.customerId,
      kind: "reverse",
      source: "order",
      points: -earned.points,
      orderId: order.id,
      reversesEntryId: earned.id,
      reason: `Refund of order #${order.orderNumber}`,
      dedupeKey: `reverse:${earned.id}`,
      at: now,
    });
  }
}
