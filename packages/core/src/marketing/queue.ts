import { and, eq } from "drizzle-orm";
import { customers, marketingMessages, outboxMessages, type EmailPayload } from "@cannasaas/db/schema";
import type { MailDeps } from "../deps";
import { defineQueue, type HandlerResult, type QueueDeps } from "../queue/define";
import { markOutboxFailed, markOutboxSent } from "../outbox/status";

type MarketingEmailJob = { outboxId: string; messageId: string };

/**
 * Sends one marketing email from the outbox. Consent is read again right before sending: a shopper who
 * unsubscribed after the batch was written gets nothing (the outbox row is closed as dead with the reason).
 */
export const marketingEmailQueue = defineQueue<MarketingEmailJob, QueueDeps & Pick<MailDeps, "mail">>({
  name: "marketing-email",
  description: "Marketing campaign emails, sent only while the shopper's consent stands.",
  concurrency: 4,
  maxAttempts: 6,
  leaseMs: 60_000,
  handle: async (deps, job): Promise<HandlerResult> => {
    const [row] = await deps.db
      .select({
        outbox: outboxMessages,
        consent: customers.marketingEmailConsent,
        erasedAt: customers.erasedAt,
      })
      .from(outboxMessages)
      .innerJoin(marketingMessages, eq(marketingMessages.id, job.payload.messageId))
      .innerJoin(customers, eq(customers.id, marketingMessages.customerId))
      .where(and(eq(outboxMessages.id, job.payload.outboxId)));
    if (!row || row.outbox.status === "sent") return;
    if (!row.consent || row.erasedAt) {
      await deps.db
        .update(outboxMessages)
        .set({ status: "dead", lastError: "Not sent: the shopper withdrew marketing consent." })
        .where(eq(outboxMessages.id, row.outbox.id));
      await deps.db
        .update(marketingMessages)
        .set({ status: "skipped", skipReason: "no_consent" })
        .where(eq(marketingMessages.id, job.payload.messageId));
      return { counts: { withdrawn: 1 } };
    }
    await deps.mail.send(row.outbox.payload as EmailPayload);
    await markOutboxSent(deps.db, row.outbox.id, {
      at: deps.clock(),
      via: deps.mail.name,
      attempts: job.attempts,
    });
    return { counts: { sent: 1 } };
  },
  onFailure: (deps, job, outcome) => markOutboxFailed(deps.db, job.payload.outboxId, job.attempts, outcome),
});
