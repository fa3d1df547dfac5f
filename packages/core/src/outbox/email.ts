import { eq } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import { outboxMessages, type EmailPayload } from "@cannasaas/db/schema";
import type { MailDeps } from "../deps";
import { enqueue } from "../queue/enqueue";
import { together } from "../together";
import { defineQueue, type QueueDeps } from "../queue/define";
import { drainQueue } from "../queue/drain";
import { listOutboxChannel } from "./mailbox";
import { markOutboxFailed, markOutboxSent } from "./status";

export const MAX_EMAIL_ATTEMPTS = 8;

type EmailJob = { outboxId: string };
type EmailDeps = QueueDeps & Pick<MailDeps, "mail">;

/**
 * Sends one outbox email. The outbox row is the record of the message (the dev mailbox, the send log); the queue
 * job only says when to try it. An email erased before it was sent is simply not sent.
 */
export const emailQueue = defineQueue<EmailJob, EmailDeps>({
  name: "email",
  description: "Emails written to the outbox, sent over SMTP or to the dev mailbox.",
  concurrency: 4,
  maxAttempts: MAX_EMAIL_ATTEMPTS,
  leaseMs: 60_000,
  handle: async (deps, job) => {
    const [message] = await deps.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.id, job.payload.outboxId));
    if (!message || message.status === "sent") return;
    await deps.mail.send(message.payload as EmailPayload);
    await markOutboxSent(deps.db, message.id, {
      at: deps.clock(),
      via: deps.mail.name,
      attempts: job.attempts,
    });
  },
  onFailure: (deps, job, outcome) => markOutboxFailed(deps.db, job.payload.outboxId, job.attempts, outcome),
});

/** Writes an email to the outbox and queues its sending; call it inside the transaction of the change that causes it. */
export async function enqueueEmail(
  db: DbOrTx,
  message: { organizationId: string | null; topic: string } & EmailPayload,
) {
  const { organizationId, topic, ...payload } = message;
  // The id is chosen here, so the message and its job need not wait for each other (see `together`).
  const id = crypto.randomUUID();
  await together(
    db,
    () => db.insert(outboxMessages).values({ id, organizationId, topic, channel: "email", payload }),
    () => enqueue(db, emailQueue.name, { outboxId: id }, { organizationId, dedupeKey: id }),
  );
  return id;
}

/** Sends due emails (all, or only the given outbox messages): the email queue's drain. */
export async function drainEmailOutbox(
  deps: MailDeps & QueueDeps,
  options: { limit?: number; ids?: string[] } = {},
) {
  const result = await drainQueue(deps, emailQueue, { limit: options.limit ?? 50, dedupeKeys: options.ids });
  return { sent: result.succeeded, failed: result.failed + result.dead, examined: result.examined };
}

/** The dev mailbox: the newest emails in the outbox, whatever their delivery state. */
export function listMailbox(db: DbOrTx, options: { limit?: number; to?: string } = {}) {
  return listOutboxChannel<EmailPayload>(db, "email", options);
}
