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
import { enqueuePush } from "../push/queue";
import { customerPushTargets } from "../push/subscriptions";
import { shopperMessage, type ShopperMessage, type ShopperStep } from "./messages";

type Order = typeof orders.$inferSelect;

/** Who a message goes to, as each channel needs it. */
export type ShopperRecipient = { customerId: string; email: string | null };

/**
 * One way of reaching a shopper. A channel writes its message to the outbox inside the caller's transaction and
 * returns the outbox id, or null when it cannot reach this shopper (no address for it). Email and web push
 * are the channels today; SMS joins as a further channel with its own consent check.
 */
export type ShopperChannel = {
  name: string;
  /** The steps this channel tells; every step when absent. */
  steps?: readonly ShopperStep[];
  /**
   * Whether the shopper can be reached this way at all (a subscribed browser), asked before the step is claimed
   * so a shopper who opts in later is told the next steps. Always reachable when absent.
   */
  reaches?(tx: Transaction, input: { organizationId: string; recipient: ShopperRecipient }): Promise<boolean>;
  send(
    tx: Transaction,
    input: {
      organizationId: string;
      orderId: string;
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
    const { subject, text, html } = message;
    return enqueueEmail(tx, {
      organizationId,
      topic: `order.${step}`,
      to: recipient.email,
      subject,
      text,
      html,
    });
  },
};

/**
 * Web push to the shopper's subscribed browsers, for the steps they wait on. Nothing is written when no browser
 * is subscribed; the queue reads the subscriptions again when it sends.
 */
export const pushChannel: ShopperChannel = {
  name: "push",
  steps: ["ready", "out_for_delivery", "delivered"],
  async reaches(tx, { organizationId, recipient }) {
    const targets = await customerPushTargets(tx, { organizationId, customerId: recipient.customerId });
    return targets.length > 0;
  },
  async send(tx, { organizationId, orderId, step, recipient, message }) {
    return enqueuePush(tx, {
      organizationId,
      topic: `order.${step}`,
      customerId: recipient.customerId,
      message: {
        title: message.headline,
        body: message.summary,
        orderId,
        tag: `order-${orderId}`,
      },
      collapseKey: orderId.replace(/-/g, ""),
    });
  },
};

export const DEFAULT_SHOPPER_CHANNELS: readonly ShopperChannel[] = [emailChannel, pushChannel];

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
    if (channel.steps && !channel.steps.includes(input.step)) continue;
    if (
      channel.reaches &&
      !(await channel.reaches(tx, { organizationId: order.organizationId, recipient }))
    ) {
      continue;
    }
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
      orderId: order.id,
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
