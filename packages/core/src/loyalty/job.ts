import { eq } from "drizzle-orm";
import { customers, organizations } from "@cannasaas/db/schema";
import { defineJob, type Counts } from "../jobs/define";
import { grantBirthdayBonuses } from "./bonuses";
import { recomputeTiers } from "./tiers";

/**
 * Daily: recomputes every member's tier over the rolling 12 months (up and down, each change raising
 * `loyalty.tier_changed`) and gives birthday bonuses. Safe to run again: tiers only move when they differ and a
 * birthday bonus is once a year.
 */
export const loyaltyJob = defineJob({
  name: "loyalty",
  description: "Recomputes loyalty tiers over the rolling 12 months and gives birthday bonuses.",
  leaseMs: 15 * 60_000,
  run: async (deps, ctx) => {
    const now = deps.clock();
    const orgs = await deps.db
      .selectDistinct({ id: organizations.id })
      .from(organizations)
      .innerJoin(customers, eq(customers.organizationId, organizations.id))
      .where(eq(customers.loyaltyMember, true));
    const byOrganization: Record<string, Counts> = {};
    for (const org of orgs) {
      const tiers = await recomputeTiers(deps.db, org.id, now);
      const birthdays = await grantBirthdayBonuses(deps.db, org.id, now);
      byOrganization[org.id] = { examined: tiers.examined, tierChanges: tiers.changed, birthdays };
      for (const change of tiers.changes) {
        await ctx.audit({
          organizationId: org.id,
          action: "job.loyalty.tier",
          resource: { type: "customer", id: change.customerId },
          before: { tier: change.from },
          after: { tier: change.to },
        });
      }
    }
    const counts: Counts = { organizations: orgs.length };
    for (const c of Object.values(byOrganization))
      for (const [k, v] of Object.entries(c)) counts[k] = (counts[k] ?? 0) + v;
    return { counts, byOrganization };
  },
});
