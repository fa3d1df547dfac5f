/**
 * Web push to shoppers: subscriptions kept per store and shopper, order-status pushes written with the change
 * for subscribed shoppers only, and a sending queue that drops dead subscriptions and retries the rest.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { DatabaseHandle } from "@cannasaas/db/client";
import { outboxMessages, pushSubscriptions, queueJobs } from "@cannasaas/db/schema";
import { createTestDatabase } from "@cannasaas/db/testing";
import { createMemoryKv } from "@cannasaas/integrations/kv";
import {
  PushDeliveryError,
  type PushMessage,
  type PushResult,
  type PushSender,
  type PushTarget,
} from "@cannasaas/integrations/push";
import {
  advanceOrder,
  drainQueue,
  isSubscribedToPush,
  listPushMailbox,
  pushQueue,
  pushSubscriptionInput,
  resolveTenant,
  subscribeToPush,
  unsubscribeFromPush,
  type CoreDeps,
  type PushPayload,
  type Tenant,
} from "../src";
import { createFixtureTenant, type FixtureTenant } from "../src/testing";
import { newShopper, placeOrderFrom } from "./delivery-fixture";

let handle: DatabaseHandle;
let deps: CoreDeps;
let shop: FixtureTenant;
let other: FixtureTenant;
let tenant: Tenant;
let now = new Date("2026-05-01T18:00:00Z");

beforeAll(async () => {
  handle = await createTestDatabase();
  deps = { db: handle.db, kv: createMemoryKv(), clock: () => now };
  shop = await createFixtureTenant(handle.db, { tag: "push-shop", passwordHash: "x" });
  other = await createFixtureTenant(handle.db, { tag: "push-other", passwordHash: "x" });
  tenant = (await resolveTenant(deps, "push-shop"))!;
});
afterAll(async () => handle?.close());

const keys = { p256dh: "B".repeat(87), auth: "a".repeat(22) };
const browser = (name: string) => ({
  endpoint: `https://push.example.test/${name}-${crypto.randomUUID()}`,
  keys,
});

/** A push service stand-in at the port: answers per endpoint from `plan`, recording every send. */
function recordingSender(plan: (endpoint: string) => PushResult | Error = () => ({ outcome: "delivered" })) {
  const sent: { target: PushTarget; message: PushMessage }[] = [];
  const sender: PushSender = {
    name: "web-push",
    publicKey: "test-key",
    async send(target, message) {
      sent.push({ target, message });
      const answer = plan(target.endpoint);
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
  return { sender, sent };
}

async function pushesFor(customerId: string) {
  const rows = await handle.db
    .select()
    .from(outboxMessages)
    .where(and(eq(outboxMessages.channel, "push"), eq(outboxMessages.organizationId, shop.org.id)));
  return rows.filter((r) => (r.payload as PushPayload).customerId === customerId);
}

const advance = (orderId: string, to: Parameters<typeof advanceOrder>[2]["to"]) =>
  advanceOrder(deps, shop.org.id, { orderId, to, actorUserId: shop.staff.manager.id });

describe("push subscriptions", () => {
  it("accept only https push services and browser keys", () => {
    expect(pushSubscriptionInput.safeParse(browser("ok")).success).toBe(true);
    expect(
      pushSubscriptionInput.safeParse({ ...browser("x"), endpoint: "http://10.0.0.1/push" }).success,
    ).toBe(false);
    expect(
      pushSubscriptionInput.safeParse({ ...browser("x"), keys: { p256dh: "<script>", auth: "x" } }).success,
    ).toBe(false);
  });

  it("are the shopper's own: another shopper or store cannot see or remove them", async () => {
    const a = await newShopper(handle.db, shop);
    const b = await newShopper(handle.db, shop);
    const phone = browser("phone");
    const scopeA = { organizationId: shop.org.id, customerId: a.customerId };
    const scopeB = { organizationId: shop.org.id, customerId: b.customerId };
    await subscribeToPush(handle.db, scopeA, phone);
    expect(await isSubscribedToPush(handle.db, scopeA, phone.endpoint)).toBe(true);
    expect(await isSubscribedToPush(handle.db, scopeB, phone.endpoint)).toBe(false);
    expect(
      await isSubscribedToPush(
        handle.db,
        { organizationId: other.org.id, customerId: a.customerId },
        phone.endpoint,
      ),
    ).toBe(false);
    expect(await unsubscribeFromPush(handle.db, scopeB, phone.endpoint)).toEqual({ removed: 0 });
    expect(await isSubscribedToPush(handle.db, scopeA, phone.endpoint)).toBe(true);
    // A shopper of another store cannot subscribe as this store's customer.
    await expect(
      subscribeToPush(handle.db, { organizationId: other.org.id, customerId: a.customerId }, browser("x")),
    ).rejects.toThrow(/does not exist/);
    expect(await unsubscribeFromPush(handle.db, scopeA, phone.endpoint)).toEqual({ removed: 1 });
    expect(await isSubscribedToPush(handle.db, scopeA, phone.endpoint)).toBe(false);
  });

  it("move to the shopper who subscribes the same browser next, without a duplicate", async () => {
    const a = await newShopper(handle.db, shop);
    const b = await newShopper(handle.db, shop);
    const shared = browser("shared");
    await subscribeToPush(handle.db, { organizationId: shop.org.id, customerId: a.customerId }, shared);
    await subscribeToPush(handle.db, { organizationId: shop.org.id, customerId: b.customerId }, shared);
    const rows = await handle.db
      .select()
      .from(pushSubscriptions)
      .where(eq(pushSubscriptions.endpoint, shared.endpoint));
    expect(rows.map((r) => r.customerId)).toEqual([b.customerId]);
  });
});

describe("order-status pushes", () => {
  async function pickupOrder(subscribed: boolean) {
    const shopper = await newShopper(handle.db, shop);
    const scope = { organizationId: shop.org.id, customerId: shopper.customerId };
    const phone = browser("phone");
    const laptop = browser("laptop");
    if (subscribed) {
      await subscribeToPush(handle.db, scope, phone);
      await subscribeToPush(handle.db, scope, laptop);
    }
    const order = await placeOrderFrom(deps, tenant, shop, {
      customerId: shopper.customerId,
      variantId: shop.variants[2]!.id,
      fulfillment: "pickup",
    });
    return { ...shopper, order, phone, laptop };
  }

  it("are written when the order is ready, for a subscribed shopper, and not for the confirmation", async () => {
    const { customerId, order } = await pickupOrder(true);
    await advance(order.id, "confirmed");
    expect(await pushesFor(customerId)).toHaveLength(0);
    await advance(order.id, "preparing");
    await advance(order.id, "ready");
    const [push] = await pushesFor(customerId);
    expect(push!.topic).toBe("order.ready");
    const { message } = push!.payload as PushPayload;
    expect(message).toMatchObject({
      title: `Order #${order.orderNumber} is ready for pickup`,
      orderId: order.id,
      tag: `order-${order.id}`,
    });
    expect(message.body).toContain("Collect it at push-shop north");
  });

  it("are not written for a shopper without a subscribed browser (the email still is)", async () => {
    const { customerId, order } = await pickupOrder(false);
    for (const to of ["confirmed", "preparing", "ready"] as const) await advance(order.id, to);
    expect(await pushesFor(customerId)).toHaveLength(0);
    const [email] = await handle.db
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.channel, "email"), eq(outboxMessages.topic, "order.ready")));
    expect(email).toBeDefined();
  });

  it("reach every browser, forget a 410 one, and retry only the browsers still owed", async () => {
    const { customerId, order, phone, laptop } = await pickupOrder(true);
    const gone = browser("gone");
    await subscribeToPush(handle.db, { organizationId: shop.org.id, customerId }, gone);
    for (const to of ["confirmed", "preparing", "ready"] as const) await advance(order.id, to);
    const [push] = await pushesFor(customerId);

    const first = recordingSender((endpoint) =>
      endpoint === gone.endpoint
        ? { outcome: "gone", reason: "push service answered 410" }
        : endpoint === laptop.endpoint
          ? new PushDeliveryError("Push service answered 503")
          : { outcome: "delivered" },
    );
    const only = { dedupeKeys: [push!.id] };
    // Jobs are due from the database's clock at enqueue time; the drain compares with ours.
    now = new Date();
    const run1 = await drainQueue({ ...deps, push: first.sender }, pushQueue, only);
    expect(run1).toMatchObject({ examined: 1, failed: 1 });
    expect(first.sent.map((s) => s.target.endpoint).sort()).toEqual(
      [phone.endpoint, laptop.endpoint, gone.endpoint].sort(),
    );
    const left = await handle.db
      .select({ endpoint: pushSubscriptions.endpoint })
      .from(pushSubscriptions)
      .where(eq(pushSubscriptions.customerId, customerId));
    expect(left.map((r) => r.endpoint).sort()).toEqual([phone.endpoint, laptop.endpoint].sort());
    const [failed] = await handle.db.select().from(outboxMessages).where(eq(outboxMessages.id, push!.id));
    expect(failed!.status).toBe("failed");
    expect(failed!.lastError).toMatch(/503/);

    // The retry, once due, goes to the laptop alone, and closes the message as sent.
    const [job] = await handle.db
      .select()
      .from(queueJobs)
      .where(and(eq(queueJobs.queue, "push"), eq(queueJobs.dedupeKey, push!.id)));
    now = new Date(job!.runAt.getTime() + 1);
    const second = recordingSender();
    const run2 = await drainQueue({ ...deps, push: second.sender }, pushQueue, only);
    expect(run2).toMatchObject({ succeeded: 1 });
    expect(second.sent.map((s) => s.target.endpoint)).toEqual([laptop.endpoint]);
    const [sent] = await handle.db.select().from(outboxMessages).where(eq(outboxMessages.id, push!.id));
    expect(sent!.status).toBe("sent");
    expect(sent!.deliveredVia).toBe("web-push");
    const mailbox = await listPushMailbox(handle.db);
    expect(mailbox.find((m) => m.id === push!.id)).toMatchObject({ status: "sent", topic: "order.ready" });
  });
});
