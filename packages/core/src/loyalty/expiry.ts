import { subMonths } from "date-fns";
import { and, asc, eq, gt, isNotNull, lte, sql } from "drizzle-orm";
import type { Database } from "@cannasaas/db/client";
import { loyaltyLedger, loyaltyPrograms } from "@cannasaas/db/schema";
import { recordAuditEvent } from "../audit/record";
import { defineJob, sumCounts, type Counts } from "../jobs/define";
import { appendLedgerEntry, lockLoyaltyAccount } from "./ledger";
import { expiredPoints } from "./rules";

const JOB = "points-expiry";

/**
 * Writes off one customer's expired points, under their account lock (so a checkout spending the same points
 * waits, and sees the balance after), with the audit record in the same transaction. Returns what expired.
 */
export async function expireCustomerPoints(
  db: Database,
  input: { organizationId: string; customerId: string; months: number; now: Date; runId?: string },
) {
  return db.transaction(async (tx) => {
    await lockLoyaltyAccount(tx, input.organizationId, input.customerId);
    const entries = await tx
      .select({ points: loyaltyLedger.points, at: loyaltyLedger.createdAt })
      .from(loyaltyLedger)
      .where(
        and(
          eq(loyaltyLedger.organizationId, input.organizationId),
          eq(loyaltyLedger.customerId, input.customerId),
        ),
      )
      .orderBy(asc(loyaltyLedger.createdAt), asc(loyaltyLedger.id));
    const points = expiredPoints(entries, input.now, input.months);
    if (points <= 0) return 0;
    const written = await appendLedgerEntry(tx, {
      organizationId: input.organizationId,
      customerId: input.customerId,
      kind: "expire",
      source: "expiry",
      points: -points,
      reason: `Points earned more than ${input.months} months ago`,
      // One expiry per customer per day, however often the job runs.
      dedupeKey: `expire:${input.now.toISOString().slice(0, 10)}`,
      at: input.now,
    });
    if (!written) return 0;
    await recordAuditEvent(tx, {
      organizationId: input.organizationId,
      actor: { kind: "job", id: JOB, label: `job:${JOB}` },
      action: `job.${JOB}`,
      resource: { type: "customer", id: input.customerId },
      after: { expiredPoints: points, balance: written.balance },
      requestId: input.runId ?? null,
      at: input.now,
    });
    return points;
  });
}

/**
 * Daily: in every store whose program sets an expiry, writes off the points each customer earned more than
 * that many months ago and has not spent, oldest first. Idempotent: what has been written off is a debit the
 * next run counts, and a customer gets at most one expiry entry a day.
 */
export const pointsExpiryJob = defineJob({
  name: JOB,
  description: "Expires loyalty points earned longer ago than the store's expiry setting, oldest first.",
  leaseMs: 15 * 60_000,
  run: async (deps, ctx) => {
    const now = deps.clock();
    const programs = await deps.db
      .select({ organizationId: loyaltyPrograms.organizationId, months: loyaltyPrograms.pointsExpireMonths })
      .from(loyaltyPrograms)
      .where(isNotNull(loyaltyPrograms.pointsExpireMonths));
    const byOrganization: Record<string, Counts> = {};
    for (const program of programs) {
      const months = program.months!;
      // Only customers with a credit old enough to have expired, and a positive balance, can lose points.
      const candidates = await deps.db
        .select({ customerId: loyaltyLedger.customerId })
        .from(loyaltyLedger)
        .where(eq(loyaltyLedger.organizationId, program.organizationId))
        .groupBy(loyaltyLedger.customerId)
        .having(
          and(
            gt(sql`sum(${loyaltyLedger.points})`, 0),
            lte(
              sql`min(${loyaltyLedger.createdAt}) filter (where ${loyaltyLedger.points} > 0)`,
              subMonths(now, months).toISOString(),
            ),
          ),
        );
      let customers = 0;
      let points = 0;
      for (const { customerId } of candidates) {
        const expired = await expireCustomerPoints(deps.db, {
          organizationId: program.organizationId,
          customerId,
          months,
          now,
          runId: ctx.runId,
        });
        if (expired > 0) {
          customers++;
          points += expired;
        }
      }
      byOrganization[program.organizationId] = { examined: candidates.length, customers, points };
    }
    return { counts: { organizations: programs.length, ...sumCounts(byOrganization) }, byOrganization };
  },
});
