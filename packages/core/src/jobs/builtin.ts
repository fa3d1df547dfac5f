import { emailQueue } from "../outbox/email";
import { pushQueue } from "../push/queue";
import { drainQueue } from "../queue/drain";
import { expireStaleReservations } from "../orders/lifecycle";
import { defineJob, type Counts } from "./define";

/** Vercel stops a function at its time limit; drains stop taking new work before that. */
const RUN_BUDGET_MS = 50_000;
const runDeadline = (deps: { clock: () => Date }) => new Date(deps.clock().getTime() + RUN_BUDGET_MS);

export const outboxJob = defineJob({
  name: "outbox",
  description: "Delivers queued emails and web pushes, retrying failures with backoff.",
  leaseMs: 5 * 60_000,
  run: async (deps) => {
    const result = await drainQueue(deps, emailQueue, { limit: 200, deadline: runDeadline(deps) });
    const pushes = await drainQueue(deps, pushQueue, { limit: 200, deadline: runDeadline(deps) });
    return {
      counts: {
        sent: result.succeeded,
        failed: result.failed,
        dead: result.dead,
        examined: result.examined,
        pushed: pushes.succeeded,
        pushFailed: pushes.failed + pushes.dead,
      },
    };
  },
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
