import { and, eq } from "drizzle-orm";
import { customers, marketingMessages, outboxMessages } from "@cannasaas/db/schema";
import { isSmsDeliveryError, type SmsProvider } from "@cannasaas/integrations/sms";
import { normalizePhone } from "@cannasaas/validators";
import { defineQueue, type HandlerResult, type QueueDeps } from "../queue/define";
import { PermanentFailure, RetryLater } from "../queue/backoff";
import { markOutboxFailed, markOutboxSent } from "../outbox/status";
import { nextSmsSendTime } from "./quiet-hours";

/** What an SMS outbox row holds: the text as written, the number and the zone its quiet hours are read in. */
export type SmsPayload = { to: string; body: string; from?: string; timeZone: string };

type MarketingSmsJob = { outboxId: string; messageId: string };

/**
 * Sends one marketing text from the outbox. Right before sending it reads consent and the number again (a STOP
 * that arrived after the batch was written wins) and checks quiet hours on the shopper's clock: outside them
 * the job waits for 08:00 without spending an attempt. 429 waits for Retry-After, 5xx and time-outs back off,
 * a refused number is dead at once, and the last attempt dead-letters.
 */
export const marketingSmsQueue = defineQueue<MarketingSmsJob, QueueDeps & { sms: SmsProvider }>({
  name: "marketing-sms",
  description:
    "Marketing text messages, sent only while the shopper's SMS consent stands and outside quiet hours.",
  concurrency: 4,
  maxAttempts: 6,
  leaseMs: 60_000,
  handle: async (deps, job): Promise<HandlerResult> => {
    const [row] = await deps.db
      .select({
        outbox: outboxMessages,
        consent: customers.marketingSmsConsent,
        phone: customers.phone,
        erasedAt: customers.erasedAt,
      })
      .from(outboxMessages)
      .innerJoin(marketingMessages, eq(marketingMessages.id, job.payload.messageId))
      .innerJoin(
        customers,
        and(
          eq(customers.id, marketingMessages.customerId),
          eq(customers.organizationId, marketingMessages.organizationId),
        ),
      )
      .where(eq(outboxMessages.id, job.payload.outboxId));
    if (!row || row.outbox.status === "sent") return;
    const payload = row.outbox.payload as SmsPayload;
    const to = normalizePhone(row.phone);
    const withdrawn = !row.consent || row.erasedAt ? "no_consent" : to !== payload.to ? "no_phone" : null;
    if (withdrawn) {
      await deps.db
        .update(outboxMessages)
        .set({
          status: "dead",
          lastError:
            withdrawn === "no_consent"
              ? "Not sent: the shopper withdrew SMS consent."
              : "Not sent: the shopper's mobile number changed or was removed.",
        })
        .where(eq(outboxMessages.id, row.outbox.id));
      await deps.db
        .update(marketingMessages)
        .set({ status: "skipped", skipReason: withdrawn })
        .where(eq(marketingMessages.id, job.payload.messageId));
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
