import { eq, inArray } from "drizzle-orm";
import { customers, marketingMessages, outboxMessages, type EmailPayload } from "@cannasaas/db/schema";
import type { MailDeps } from "../deps";
import { defineQueue, type BatchAnswer, type QueueDeps, type QueueJob } from "../queue/define";
import { markOutboxFailed, markOutboxesSent } from "../outbox/status";
import { mapInParallel } from "./in-parallel";
import { withdrawMessages, type MarketingSendJob } from "./queued-message";

type MarketingEmailDeps = QueueDeps & Pick<MailDeps, "mail">;

/** Jobs a worker claims and settles together, and the emails of a batch in flight at once. */
const BATCH_SIZE = 50;
const SENDS_AT_ONCE = 4;

/**
 * Sends marketing emails from the outbox, a batch at a time: one read of the batch's rows and consents, the
 * emails, then one write of what was sent. Consent is read again right before sending: a shopper who
 * unsubscribed after the batch was written gets nothing (the outbox row is closed as dead with the reason).
 * One email failing is retried on its own; the others in its batch are settled as sent.
 */
export const marketingEmailQueue = defineQueue<MarketingSendJob, MarketingEmailDeps>({
  name: "marketing-email",
  description: "Marketing campaign emails, sent only while the shopper's consent stands.",
  concurrency: 4 * BATCH_SIZE,
  maxAttempts: 6,
  leaseMs: 120_000,
  handle: async (deps, job) => {
    const [answer] = await sendMarketingEmails(deps, [job]);
    if (answer && "error" in answer) throw answer.error;
    return answer;
  },
  batch: { size: BATCH_SIZE, handle: (deps, jobs) => sendMarketingEmails(deps, jobs) },
  onFailure: (deps, job, outcome) => markOutboxFailed(deps.db, job.payload.outboxId, job.attempts, outcome),
});

async function sendMarketingEmails(
  deps: MarketingEmailDeps,
  jobs: QueueJob<MarketingSendJob>[],
): Promise<BatchAnswer[]> {
  const rows = await deps.db
    .select({
      outbox: outboxMessages,
      messageId: marketingMessages.id,
      consent: customers.marketingEmailConsent,
      erasedAt: customers.erasedAt,
    })
    .from(marketingMessages)
    .innerJoin(outboxMessages, eq(outboxMessages.id, marketingMessages.outboxId))
    .innerJoin(customers, eq(customers.id, marketingMessages.customerId))
    // By the message's key: nothing indexes a message by its outbox row.
    .where(
      inArray(
        marketingMessages.id,
        jobs.map((job) => job.payload.messageId),
      ),
    );
  const byOutbox = new Map(rows.map((row) => [row.outbox.id, row]));
  const pending = jobs.map((job) => {
    const row = byOutbox.get(job.payload.outboxId);
    return row && row.outbox.status !== "sent" ? row : null;
  });
  const withdrawn = pending.filter((row) => row && (!row.consent || row.erasedAt)).map((row) => row!);
  await withdrawMessages(
    deps.db,
    withdrawn.map((row) => ({ outboxId: row.outbox.id, messageId: row.messageId })),
    { skip: "no_consent", text: "Not sent: the shopper withdrew marketing consent." },
  );
  const delivered: { id: string; attempts: number }[] = [];
  const answers = await mapInParallel(jobs, SENDS_AT_ONCE, async (job, i): Promise<BatchAnswer> => {
    const row = pending[i];
    if (!row) return undefined;
    if (withdrawn.includes(row)) return { counts: { withdrawn: 1 } };
    try {
      await deps.mail.send(row.outbox.payload as EmailPayload);
    } catch (error) {
      return { error };
    }
    delivered.push({ id: row.outbox.id, attempts: job.attempts });
    return { counts: { sent: 1 } };
  });
  await markOutboxesSent(deps.db, delivered, { at: deps.clock(), via: deps.mail.name });
  return answers;
}
