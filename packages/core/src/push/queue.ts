import { eq } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import { outboxMessages } from "@cannasaas/db/schema";
import type { PushMessage, PushSender } from "@cannasaas/integrations/push";
import { enqueue } from "../queue/enqueue";
import { defineQueue, type HandlerResult, type QueueDeps } from "../queue/define";
import { listOutboxChannel } from "../outbox/mailbox";
import { markOutboxFailed, markOutboxSent } from "../outbox/status";
import { deliverPush, pushSenderOf, retryError } from "./deliver";

export type PushPayload = {
  customerId: string;
  message: PushMessage;
  /** The push service's collapse key: a newer status of the same order replaces an undelivered older one. */
  collapseKey?: string;
  /** Subscriptions that already took it: a retry after a partial failure does not send to them again. */
  deliveredTo?: string[];
};

type PushJob = { outboxId: string };
export type PushDeps = QueueDeps & { push?: PushSender };

/**
 * Sends one outbox push to each of the shopper's browsers subscribed at sending time. A push service answering
 * 404/410 deletes that subscription; a busy or failing one (429, 5xx, time-out) retries the job for the
 * browsers still owed it. The outbox row (channel "push") is the record, in the dev mailbox too.
 */
export const pushQueue = defineQueue<PushJob, PushDeps>({
  name: "push",
  description: "Web push notifications to shoppers' browsers, such as order status.",
  concurrency: 4,
  maxAttempts: 6,
  leaseMs: 60_000,
  handle: async (deps, job): Promise<HandlerResult> => {
    const [row] = await deps.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.id, job.payload.outboxId));
    if (!row || row.status === "sent" || !row.organizationId) return;
    const payload = row.payload as PushPayload;
    const sender = pushSenderOf(deps);
    const result = await deliverPush(deps.db, sender, {
      organizationId: row.organizationId,
      customerId: payload.customerId,
      message: payload.message,
      options: { topic: payload.collapseKey },
      deliveredTo: payload.deliveredTo,
      now: deps.clock(),
    });
    await deps.db
      .update(outboxMessages)
      .set({ payload: { ...payload, deliveredTo: result.deliveredTo } })
      .where(eq(outboxMessages.id, row.id));
    if (result.retry) throw retryError(result.retry, deps.clock());
    await markOutboxSent(deps.db, row.id, { at: deps.clock(), via: sender.name, attempts: job.attempts });
    return { counts: { delivered: result.deliveredTo.length, removed: result.removed } };
  },
  onFailure: (deps, job, outcome) => markOutboxFailed(deps.db, job.payload.outboxId, job.attempts, outcome),
});

/** Writes a push to the outbox and queues its sending; call it inside the transaction of the change that causes it. */
export async function enqueuePush(
  db: DbOrTx,
  input: { organizationId: string; topic: string } & Omit<PushPayload, "deliveredTo">,
) {
  const { organizationId, topic, ...payload } = input;
  const [row] = await db
    .insert(outboxMessages)
    .values({ organizationId, topic, channel: "push", payload })
    .returning({ id: outboxMessages.id });
  await enqueue(db, pushQueue.name, { outboxId: row!.id }, { organizationId, dedupeKey: row!.id });
  return row!.id;
}

/** The dev mailbox's pushes: the newest web pushes in the outbox, whatever their delivery state. */
export function listPushMailbox(db: DbOrTx, options: { limit?: number } = {}) {
  return listOutboxChannel<PushPayload>(db, "push", options);
}
