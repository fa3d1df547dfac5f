import { defineJob } from "../jobs/define";
import { runWebhookDeliveries } from "./drain";
import { webhookDeps } from "./endpoints";

export const webhooksJob = defineJob({
  name: "webhooks",
  description:
    "Fans domain events out to subscribed webhook endpoints and delivers them, retrying with backoff.",
  leaseMs: 5 * 60_000,
  run: async (deps) => {
    // Vercel stops a function at its time limit; the drains stop taking new deliveries before that.
    const deadline = new Date(deps.clock().getTime() + 50_000);
    const result = await runWebhookDeliveries(webhookDeps(deps), { limit: 200, deadline });
    return {
      counts: {
        events: result.fannedOut.events,
        deliveries: result.fannedOut.deliveries,
        succeeded: result.succeeded,
        failed: result.failed,
        dead: result.dead,
      },
    };
  },
});
