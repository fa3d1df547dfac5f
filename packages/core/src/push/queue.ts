import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import { outboxMessages, pushSubscriptions } from "@cannasaas/db/schema";
import {
  createPushSender,
  PushDeliveryError,
  type PushMessage,
  type PushSender,
} from "@cannasaas/integrations/push";
import { enqueue } from "../queue/enqueue";
import { RetryLater } from "../queue/backoff";
import { defineQueue, type HandlerResult, type QueueDeps } from "../queue/define";
import { listOutboxChannel } from "../outbox/mailbox";
import { markOutboxFailed, markOutboxSent } from "../outbox/status";
import { customerPushTargets } from "./subscriptions";

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

/** The sender the deps carry, else the one the settings choose (web push with VAPID keys, else the dev mailbox). */
let fromSettings: PushSender | null = null;
const senderOf = (deps: PushDeps) => deps.push ?? (fromSettings ??= createPushSender());

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
    const sender = senderOf(deps);
    const delivered = new Set(payload.deliveredTo ?? []);
    const targets = await customerPushTargets(deps.db, {
      organizationId: row.organizationId,
      customerId: payload.customerId,
    });
    const gone: string[] = [];
    let retry: PushDeliveryError | null = null;
    for (const target of targets.filter((t) => !delivered.has(t.id))) {
      try {
        const result = await sender.send(target, payload.message, { topic: payload.collapseKey });
        if (result.outcome === "gone") gone.push(target.id);
        else delivered.add(target.id);
      } catch (error) {
        if (!(error instanceof PushDeliveryError)) throw error;
        retry = error;
      }
    }
    await forgetSubscriptions(deps.db, row.organizationId, gone);
    await markDelivered(deps.db, row.organizationId, targets, delivered, deps.clock());
    await deps.db
      .update(outboxMessages)
      .set({ payload: { ...payload, deliveredTo: [...delivered] } })
      .where(eq(outboxMessages.id, row.id));
    if (retry) {
      if (retry.retryAfterMs === null) throw retry;
      throw new RetryLater(retry.message, new Date(deps.clock().getTime() + retry.retryAfterMs));
    }
    await markOutboxSent(deps.db, row.id, { at: deps.clock(), via: sender.name, attempts: job.attempts });
    return { counts: { delivered: delivered.size, removed: gone.length } };
  },
  onFailure: (deps, job, outcome) => markOutboxFailed(deps.db, job.payload.outboxId, job.attempts, outcome),
});

async function forgetSubscriptions(db: DbOrTx, organizationId: string, ids: string[]) {
  if (!ids.length) return;
  await db
    .delete(pushSubscriptions)
    .where(and(eq(pushSubscriptions.organizationId, organizationId), inArray(pushSubscriptions.id, ids)));
}

async function markDelivered(
  db: DbOrTx,
  organizationId: string,
  targets: { id: string }[],
  delivered: Set<string>,
  at: Date,
) {
  const ids = targets.filter((t) => delivered.has(t.id)).map((t) => t.id);
  if (!ids.length) return;
  await db
    .update(pushSubscriptions)
    .set({ lastSuccessAt: at })
    .where(and(eq(pushSubscriptions.organizationId, organizationId), inArray(pushSubscriptions.id, ids)));
}

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
