import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Database, DbOrTx } from "@cannasaas/db/client";
import { pushSubscriptions } from "@cannasaas/db/schema";
import { activeCustomer, type CustomerScope } from "../customers/scope";

const base64url = (min: number, max: number) =>
  z
    .string()
    .min(min)
    .max(max)
    .regex(/^[A-Za-z0-9_-]+=*$/, "Not a browser push key.");

/** A browser's PushSubscription as `subscription.toJSON()` gives it. Push services are always https. */
export const pushSubscriptionInput = z.object({
  endpoint: z
    .url({ protocol: /^https$/, error: "The push address must be an https:// URL." })
    .max(2048, "The push address is too long."),
  keys: z.object({ p256dh: base64url(80, 100), auth: base64url(16, 32) }),
});
export type PushSubscriptionInput = z.infer<typeof pushSubscriptionInput>;

const ofCustomer = (scope: CustomerScope) =>
  and(
    eq(pushSubscriptions.organizationId, scope.organizationId),
    eq(pushSubscriptions.customerId, scope.customerId),
  );

/**
 * Saves this browser for the signed-in shopper. The endpoint is unique per store: subscribing again with it
 * (new keys, or another account signed in on the same browser) moves the row to this shopper.
 */
export async function subscribeToPush(db: Database, scope: CustomerScope, input: PushSubscriptionInput) {
  return db.transaction(async (tx) => {
    await activeCustomer(tx, scope);
    const values = {
      customerId: scope.customerId,
      p256dh: input.keys.p256dh,
      auth: input.keys.auth,
    };
    await tx
      .insert(pushSubscriptions)
      .values({ organizationId: scope.organizationId, endpoint: input.endpoint, ...values })
      .onConflictDoUpdate({
        target: [pushSubscriptions.organizationId, pushSubscriptions.endpoint],
        set: values,
      });
    return { subscribed: true as const };
  });
}

/** Forgets this browser for the shopper; an endpoint of someone else is left alone. */
export async function unsubscribeFromPush(db: DbOrTx, scope: CustomerScope, endpoint: string) {
  const removed = await db
    .delete(pushSubscriptions)
    .where(and(ofCustomer(scope), eq(pushSubscriptions.endpoint, endpoint)))
    .returning({ id: pushSubscriptions.id });
  return { removed: removed.length };
}

/** Whether this browser (its endpoint) receives the shopper's pushes. */
export async function isSubscribedToPush(db: DbOrTx, scope: CustomerScope, endpoint: string) {
  const [row] = await db
    .select({ id: pushSubscriptions.id })
    .from(pushSubscriptions)
    .where(and(ofCustomer(scope), eq(pushSubscriptions.endpoint, endpoint)));
  return Boolean(row);
}

/** Every browser of a shopper, for sending. */
export function customerPushTargets(db: DbOrTx, scope: CustomerScope) {
  return db
    .select({
      id: pushSubscriptions.id,
      endpoint: pushSubscriptions.endpoint,
      p256dh: pushSubscriptions.p256dh,
      auth: pushSubscriptions.auth,
    })
    .from(pushSubscriptions)
    .where(ofCustomer(scope));
}
