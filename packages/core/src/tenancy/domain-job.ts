import { defineJob, type Counts } from "../jobs/define";
import { checkCustomDomain, domainsDueForCheck } from "./domain-verification";

/** Pending domains are checked on every run; verified ones are re-checked about once an hour. */
const RECHECK_AFTER_MS = 60 * 60_000;
const BATCH = 100;

export const domainsJob = defineJob({
  name: "domains",
  description:
    "Checks custom domains in DNS: verifies new ones and stops serving any that no longer point here.",
  leaseMs: 5 * 60_000,
  run: async (deps, ctx) => {
    const due = await domainsDueForCheck(deps.db, new Date(deps.clock().getTime() - RECHECK_AFTER_MS), BATCH);
    const byOrganization: Record<string, Counts> = {};
    const counts = { verified: 0, unverified: 0, checked: 0 };
    for (const { organizationId } of due) {
      const before = await checkCustomDomain(deps, organizationId).catch(() => null);
      if (!before) continue;
      counts.checked += 1;
      counts[before.verified ? "verified" : "unverified"] += 1;
      byOrganization[organizationId] = { [before.verified ? "verified" : "unverified"]: 1 };
      if (before.changed)
        await ctx.audit({
          organizationId,
          action: "job.domains.check",
          resource: { type: "custom_domain", id: before.domain },
          after: { verified: before.verified, reason: before.check.verified ? null : before.check.reason },
        });
    }
    return { counts, byOrganization };
  },
});
