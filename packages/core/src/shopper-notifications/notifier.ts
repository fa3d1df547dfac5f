import { and, eq } from "drizzle-orm";
import type { Transaction } from "@cannasaas/db/client";
import {
  customers,
  locations,
  organizations,
  shopperNotifications,
  users,
  type orders,
} from "@cannasaas/db/schema";
import { enqueueEmail } from "../outbox/email";
import { shopperMessage, type ShopperMessage, type ShopperStep } from "./messages";

type Order = typeof orders.$inferSelect;

/** Who a message goes to, as each channel needs it. */
export type ShopperRecipient = { customerId: string; email: string | null };

/**
 * One way of reaching a shopper. A channel writes its message to the outbox inside the caller's transaction and
 * returns the outbox id, or null when it cannot reach this shopper (no address for it). Email is the channel
 * today; SMS and push join as further channels with their own consent checks.
 */
export type ShopperChannel = {
  name: string;
  send(
    tx: Transaction,
    input: {
      organizationId: string;
      step: ShopperStep;
      recipient: ShopperRecipient;
      message: ShopperMessage;
    },
  ): Promise<string | null>;
};

export const emailChannel: ShopperChannel = {
  name: "email",
  async send(tx, { organizationId, step, recipient, message }) {
    if (!recipient.email) return null;
    return enqueueEmail(tx, { organizationId, topic: `order.${step}`, to: recipient.email, ...message });
  },
};

export const DEFAULT_SHOPPER_CHANNELS: readonly ShopperChannel[] = [emailChannel];

/**
 * Tells the shopper of an order about a step, once per step and channel: the claim on
 * (order, step, channel) is written first and a repeat finds it taken, so a retried job or a second press sends
 * nothing again. Runs inside the transaction of the change, so the message exists only if the change commits.
 * Shoppers who erased their account are not written to. Returns the outbox ids written.
 */
export async function notifyShopper(
  tx: Transaction,
  input: { order: Order; step: ShopperStep; etaAt?: Date | null },
  channels: readonly ShopperChannel[] = DEFAULT_SHOPPER_CHANNELS,
): Promise<string[]> {
  const { order } = input;
  const [row] = await tx
    .select({
      email: users.email,
      erasedAt: customers.erasedAt,
      store: { name: organizations.name, branding: organizations.branding },
      location: {
        name: locations.name,
        addressLine1: locations.addressLine1,
        city: locations.city,
        timeZone: locations.timeZone,
      },
    })
    .from(customers)
    .innerJoin(organizations, eq(organizations.id, customers.organizationId))
    .innerJoin(
      locations,
      and(eq(locations.id, order.locationId), eq(locations.organizationId, order.organizationId)),
    )
    .leftJoin(users, eq(users.id, customers.userId))
    .where(and(eq(customers.id, order.customerId), eq(customers.organizationId, order.organizationId)));
  if (!row || row.erasedAt) return [];
  const message = shopperMessage({
    step: input.step,
    store: row.store,
    location: row.location,
    order,
    etaAt: input.etaAt,
  });
  const recipient = { customerId: order.customerId, email: row.email };
  const sent: string[] = [];
  for (const channel of channels) {
    const [claim] = await tx
      .insert(shopperNotifications)
      .values({
        organizationId: order.organizationId,
        orderId: order.id,
        step: input.step,
        channel: channel.name,
      })
      .onConflictDoNothing()
      .returning({ id: shopperNotifications.id });
    if (!claim) continue;
    const outboxId = await channel.send(tx, {
      organizationId: order.organizationId,
      step: input.step,
      recipient,
      message,
    });
    if (!outboxId) continue;
    await tx.update(shopperNotifications).set({ outboxId }).where(eq(shopperNotifications.id, claim.id));
    sent.push(outboxId);
  }
  return sent;
}
