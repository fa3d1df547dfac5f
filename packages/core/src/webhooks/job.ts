import { defineJob } from "../jobs/define";
import { runWebhookDeliveries } from "./drain";
import { webhookDeps } from "./endpoints";

export const webhooksJob = defineJob({
  name: "webhooks",
  description:
    "Fans domain events out to subscribed webhook endpoints and delivers them, retrying with backoff.",
  leaseMs: 5 * 60_000,
  run: async (deps) => {
    const result = await runWebhookDeliveries(webhookDeps(deps), { limit: 200 });
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
