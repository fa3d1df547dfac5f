import { customers } from "@cannasaas/db/schema";
import { isSmsDeliveryError, type SmsProvider } from "@cannasaas/integrations/sms";
import { normalizePhone } from "@cannasaas/validators";
import { defineQueue, type HandlerResult, type QueueDeps } from "../queue/define";
import { PermanentFailure, RetryLater } from "../queue/backoff";
import { markOutboxFailed, markOutboxSent } from "../outbox/status";
import { nextSmsSendTime } from "./quiet-hours";
import { queuedMessage, withdrawMessages, type MarketingSendJob } from "./queued-message";

/** What an SMS outbox row holds: the text as written, the number and the zone its quiet hours are read in. */
export type SmsPayload = { to: string; body: string; from?: string; timeZone: string };

/**
 * Sends one marketing text from the outbox. Right before sending it reads consent and the number again (a STOP
 * that arrived after the batch was written wins) and checks quiet hours on the shopper's clock: outside them
 * the job waits for 08:00 without spending an attempt. 429 waits for Retry-After, 5xx and time-outs back off,
 * a refused number is dead at once, and the last attempt dead-letters.
 */
export const marketingSmsQueue = defineQueue<MarketingSendJob, QueueDeps & { sms: SmsProvider }>({
  name: "marketing-sms",
  description:
    "Marketing text messages, sent only while the shopper's SMS consent stands and outside quiet hours.",
  concurrency: 4,
  maxAttempts: 6,
  leaseMs: 60_000,
  handle: async (deps, job): Promise<HandlerResult> => {
    const row = await queuedMessage(deps.db, job.payload, {
      consent: customers.marketingSmsConsent,
      phone: customers.phone,
    });
    if (!row || row.outbox.status === "sent") return;
    const payload = row.outbox.payload as SmsPayload;
    const to = normalizePhone(row.phone);
    if (!row.consent || row.erasedAt) {
      await withdrawMessages(deps.db, [job.payload], {
        skip: "no_consent",
        text: "Not sent: the shopper withdrew SMS consent.",
      });
      return { counts: { withdrawn: 1 } };
    }
    if (to !== payload.to) {
      await withdrawMessages(deps.db, [job.payload], {
        skip: "no_phone",
        text: "Not sent: the shopper's mobile number changed or was removed.",
      });
      return { counts: { withdrawn: 1 } };
    }
    const now = deps.clock();
    const sendAt = nextSmsSendTime(now, payload.timeZone);
    if (sendAt.getTime() > now.getTime()) {
      return { retryAt: sendAt, reason: "Quiet hours on the shopper's clock: waiting for 08:00." };
    }
    try {
      await deps.sms.send({
        to: payload.to,
        body: payload.body,
        ...(payload.from ? { from: payload.from } : {}),
      });
    } catch (error) {
      if (!isSmsDeliveryError(error)) throw error;
      if (!error.retryable) throw new PermanentFailure(error.message);
      if (error.details.retryAfterMs !== undefined) {
        throw new RetryLater(error.message, new Date(now.getTime() + error.details.retryAfterMs));
      }
      throw error;
    }
    await markOutboxSent(deps.db, row.outbox.id, {
      at: deps.clock(),
      via: deps.sms.name,
      attempts: job.attempts,
    });
    return { counts: { sent: 1 } };
  },
  onFailure: (deps, job, outcome) => markOutboxFailed(deps.db, job.payload.outboxId, job.attempts, outcome),
});
