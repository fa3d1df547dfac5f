import { drainEmailOutbox } from "../outbox/email";
import { expireStaleReservations } from "../orders/lifecycle";
import { defineJob, type Counts } from "./define";

export const outboxJob = defineJob({
  name: "outbox",
  description: "Delivers queued emails, retrying failures with backoff.",
  leaseMs: 5 * 60_000,
  run: async (deps) => ({ counts: await drainEmailOutbox(deps, { limit: 200 }) }),
});

export const reservationsJob = defineJob({
  name: "reservations",
  description: "Cancels orders the store did not confirm in time and returns their reserved stock.",
  leaseMs: 10 * 60_000,
  run: async (deps, ctx) => {
    const result = await expireStaleReservations(deps);
    const byOrganization: Record<string, Counts> = {};
    for (const order of result.orders) {
      byOrganization[order.organizationId] = {
        cancelled: (byOrganization[order.organizationId]?.cancelled ?? 0) + 1,
      };
      await ctx.audit({
        organizationId: order.organizationId,
        action: "job.reservations.expire",
        resource: { type: "order", id: order.id },
        after: { status: "cancelled", reason: "reservation expired" },
      });
    }
    return { counts: { cancelled: result.cancelled }, byOrganization };
  },
});
