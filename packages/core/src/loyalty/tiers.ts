import { and, eq, gte, inArray, sql } from "drizzle-orm";
import type { Database, DbOrTx } from "@cannasaas/db/client";
import {
  customers,
  loyaltyAccounts,
  loyaltyLedger,
  loyaltyTierChanges,
  loyaltyTiers,
} from "@cannasaas/db/schema";
import { recordDomainEvent } from "../events/domain-events";
import { lockLoyaltyAccount } from "./ledger";
import { listTiers } from "./program";
import { tierFor } from "./rules";

const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

/** Points that count towards a tier: earned on orders in the last 12 months, less what refunds took back. */
export async function qualifyingPoints(
  db: DbOrTx,
  organizationId: string,
  now: Date,
  customerIds?: readonly string[],
) {
  const rows = await db
    .select({
      customerId: loyaltyLedger.customerId,
      points: sql<number>`coalesce(sum(${loyaltyLedger.points}), 0)`.mapWith(Number),
    })
    .from(loyaltyLedger)
    .where(
      and(
        eq(loyaltyLedger.organizationId, organizationId),
        eq(loyaltyLedger.source, "order"),
        inArray(loyaltyLedger.kind, ["earn", "reverse"]),
        gte(loyaltyLedger.createdAt, new Date(now.getTime() - YEAR_MS)),
        customerIds ? inArray(loyaltyLedger.customerId, [...customerIds]) : undefined,
      ),
    )
    .groupBy(loyaltyLedger.customerId);
  return new Map(rows.map((r) => [r.customerId, Math.max(0, r.points)]));
}

/**
 * Moves every member of the store to the tier their rolling year of points reaches, up or down. Each change
 * commits on its own with its `loyalty_tier_changes` row and `loyalty.tier_changed` event, under the account lock.
 */
export async function recomputeTiers(db: Database, organizationId: string, now: Date) {
  const tiers = await listTiers(db, organizationId);
  if (!tiers.length) return { changed: 0, examined: 0, changes: [] };
  const members = await db
    .select({ customerId: customers.id, tierId: loyaltyAccounts.tierId })
    .from(customers)
    .leftJoin(loyaltyAccounts, eq(loyaltyAccounts.customerId, customers.id))
    .where(and(eq(customers.organizationId, organizationId), eq(customers.loyaltyMember, true)));
  const points = await qualifyingPoints(db, organizationId, now);
  const changes: Array<{ customerId: string; from: string | null; to: string | null }> = [];
  for (const member of members) {
    const target = tierFor(points.get(member.customerId) ?? 0, tiers);
    if ((target?.id ?? null) === member.tierId) continue;
    const changed = await db.transaction(async (tx) => {
      const account = await lockLoyaltyAccount(tx, organizationId, member.customerId);
      if (account.tierId === (target?.id ?? null)) return null;
      await tx
        .update(loyaltyAccounts)
        .set({ tierId: target?.id ?? null, tierComputedAt: now })
        .where(eq(loyaltyAccounts.customerId, member.customerId));
      const from = tiers.find((t) => t.id === account.tierId) ?? null;
      const direction = (target?.thresholdPoints ?? -1) > (from?.thresholdPoints ?? -1) ? "up" : "down";
      await tx.insert(loyaltyTierChanges).values({
        organizationId,
        customerId: member.customerId,
        fromTierId: from?.id ?? null,
        toTierId: target?.id ?? null,
        direction,
        occurredAt: now,
      });
      await recordDomainEvent(tx, {
        organizationId,
        type: "loyalty.tier_changed",
        occurredAt: now,
        data: {
          customerId: member.customerId,
          from: from?.name ?? null,
          to: target?.name ?? null,
          direction,
          qualifyingPoints: points.get(member.customerId) ?? 0,
          changedAt: now.toISOString(),
        },
      });
      return { customerId: member.customerId, from: from?.name ?? null, to: target?.name ?? null };
    });
    if (changed) changes.push(changed);
  }
  return { changed: changes.length, examined: members.length, changes };
}

/** The tier a customer currently holds (set by the tier job), or null. */
export async function currentTier(db: DbOrTx, organizationId: string, customerId: string) {
  const [row] = await db
    .select({ tier: loyaltyTiers })
    .from(loyaltyAccounts)
    .innerJoin(loyaltyTiers, eq(loyaltyTiers.id, loyaltyAccounts.tierId))
    .where(
      and(eq(loyaltyAccounts.customerId, customerId), eq(loyaltyAccounts.organizationId, organizationId)),
    );
  return row?.tier ?? null;
}
