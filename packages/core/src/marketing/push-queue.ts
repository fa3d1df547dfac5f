import { eq } from "drizzle-orm";
import { customers, outboxMessages } from "@cannasaas/db/schema";
import type { PushSender } from "@cannasaas/integrations/push";
import { defineQueue, type HandlerResult, type QueueDeps } from "../queue/define";
import { markOutboxFailed, markOutboxSent } from "../outbox/status";
import { deliverPush, pushSenderOf, retryError } from "../push/deliver";
import type { MarketingPushPayload } from "./push-compose";
import { nextSmsSendTime } from "./quiet-hours";
import { queuedMessage, withdrawMessages, type MarketingSendJob } from "./queued-message";

const NOT_SENT = {
  no_consent: "Not sent: the shopper withdrew consent to marketing pushes.",
  no_subscription: "Not sent: the shopper has no subscribed browser left.",
} as const;

/**
 * Sends one marketing push from the outbox to each of the shopper's subscribed browsers. Right before sending
 * it reads the push consent again (switching it off wins over a batch already written) and checks quiet hours
 * on the shopper's clock, as for texts: outside them the job waits for 08:00 without spending an attempt.
 * Delivery is the order notifications' own: 404/410 removes the subscription, 429/5xx retry the browsers
 * still owed it.
 */
export const marketingPushQueue = defineQueue<MarketingSendJob, QueueDeps & { push?: PushSender }>({
  name: "marketing-push",
  description:
    "Marketing web push notifications, sent only while the shopper's push consent stands and outside quiet hours.",
  concurrency: 4,
  maxAttempts: 6,
  leaseMs: 60_000,
  handle: async (deps, job): Promise<HandlerResult> => {
    const row = await queuedMessage(deps.db, job.payload, { consent: customers.marketingPushConsent });
    if (!row || row.outbox.status === "sent" || !row.outbox.organizationId) return;
    const payload = row.outbox.payload as MarketingPushPayload;
    const organizationId = row.outbox.organizationId;
    const withdraw = async (reason: keyof typeof NOT_SENT) => {
      await withdrawMessages(deps.db, [job.payload], { skip: reason, text: NOT_SENT[reason] });
      return { counts: { withdrawn: 1 } };
    };
    if (!row.consent || row.erasedAt) return withdraw("no_consent");
    const now = deps.clock();
    const sendAt = nextSmsSendTime(now, payload.timeZone);
    if (sendAt.getTime() > now.getTime()) {
      return { retryAt: sendAt, reason: "Quiet hours on the shopper's clock: waiting for 08:00." };
    }
    const sender = pushSenderOf(deps);
    const result = await deliverPush(deps.db, sender, {
      organizationId,
      customerId: payload.customerId,
      message: payload.message,
      // Marketing can wait: a browser offline for a day does not need yesterday's deal.
      options: { urgency: "low", ttlSeconds: 12 * 60 * 60 },
      deliveredTo: payload.deliveredTo,
      now,
    });
    if (!result.deliveredTo.length && !result.retry) {
      // Every browser was gone (404/410) or none was left: nobody can receive it.
      return withdraw("no_subscription");
    }
    await deps.db
      .update(outboxMessages)
      .set({ payload: { ...payload, deliveredTo: result.deliveredTo } })
      .where(eq(outboxMessages.id, row.outbox.id));
    if (result.retry) throw retryError(result.retry, deps.clock());
    await markOutboxSent(deps.db, row.outbox.id, {
      at: deps.clock(),
      via: sender.name,
      attempts: job.attempts,
    });
    return { counts: { sent: 1, removed: result.removed } };
  },
  onFailure: (deps, job, outcome) => markOutboxFailed(deps.db, job.payload.outboxId, job.attempts, outcome),
});
