import { defineJob } from "../jobs/define";
import { rollUpAnalyticsEvents } from "./events";

export const analyticsRollupJob = defineJob({
  name: "analytics-rollup",
  description:
    "Rolls storefront events into daily counts for the conversion funnel and drops raw events after 90 days.",
  leaseMs: 10 * 60_000,
  run: async (deps) => {
    const byOrganization = await rollUpAnalyticsEvents(deps.db, { now: deps.clock() });
    const days = Object.values(byOrganization).reduce((s, c) => s + c.days, 0);
    return { counts: { organizations: Object.keys(byOrganization).length, days }, byOrganization };
  },
});
