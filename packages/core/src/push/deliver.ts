import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import { pushSubscriptions } from "@cannasaas/db/schema";
import {
  createPushSender,
  PushDeliveryError,
  type PushMessage,
  type PushOptions,
  type PushSender,
} from "@cannasaas/integrations/push";
import { RetryLater } from "../queue/backoff";
import { customerPushTargets } from "./subscriptions";

/** The sender the deps carry, else the one the settings choose (web push with VAPID keys, else the dev mailbox). */
let fromSettings: PushSender | null = null;
export const pushSenderOf = (deps: { push?: PushSender }) =>
  deps.push ?? (fromSettings ??= createPushSender());

export type PushDelivery = {
  /** Every subscription that has the message now, those of earlier attempts included. */
  deliveredTo: string[];
  /** Subscriptions at sending time (before the gone ones were removed). */
  targets: number;
  removed: number;
  /** Set when a push service asked to try again: the caller keeps `deliveredTo` and throws `retryError`. */
  retry: PushDeliveryError | null;
};

/**
 * Sends one message to each of a shopper's browsers subscribed now, skipping those that already took it. A
 * push service answering 404/410 deletes that subscription; a busy or failing one (429, 5xx, time-out) is
 * reported in `retry` so the job can come back for the browsers still owed it. Delivered subscriptions get
 * their last-success time.
 */
export async function deliverPush(
  db: DbOrTx,
  sender: PushSender,
  input: {
    organizationId: string;
    customerId: string;
    message: PushMessage;
    options?: PushOptions;
    deliveredTo?: string[];
    now: Date;
  },
): Promise<PushDelivery> {
  const delivered = new Set(input.deliveredTo ?? []);
  const targets = await customerPushTargets(db, {
    organizationId: input.organizationId,
    customerId: input.customerId,
  });
  const gone: string[] = [];
  let retry: PushDeliveryError | null = null;
  for (const target of targets.filter((t) => !delivered.has(t.id))) {
    try {
      const result = await sender.send(target, input.message, input.options);
      if (result.outcome === "gone") gone.push(target.id);
      else delivered.add(target.id);
    } catch (error) {
      if (!(error instanceof PushDeliveryError)) throw error;
      retry = error;
    }
  }
  await forgetSubscriptions(db, input.organizationId, gone);
  await markDelivered(db, input.organizationId, targets, delivered, input.now);
  return { deliveredTo: [...delivered], targets: targets.length, removed: gone.length, retry };
}

/** The queue's answer to a push service that asked to wait: its Retry-After, else the usual backoff. */
export function retryError(retry: PushDeliveryError, now: Date): Error {
  if (retry.retryAfterMs === null) return retry;
  return new RetryLater(retry.message, new Date(now.getTime() + retry.retryAfterMs));
}

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
