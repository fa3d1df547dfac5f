/**
 * Status messages to the shopper: one email per step (confirmed, ready, on its way with the driver's ETA,
 * delivered, cancelled) written to the outbox with the change, in the store's branding, never twice.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray } from "drizzle-orm";
import type { DatabaseHandle } from "@cannasaas/db/client";
import { deliveries, orders, organizations, shopperNotifications } from "@cannasaas/db/schema";
import { createTestDatabase } from "@cannasaas/db/testing";
import { createMemoryKv } from "@cannasaas/integrations/kv";
import {
  advanceDelivery,
  advanceOrder,
  assignDriver,
  listMailbox,
  notifyShopper,
  resolveTenant,
  type CoreDeps,
  type ShopperChannel,
  type Tenant,
} from "../src";
import { createFixtureTenant, type FixtureTenant } from "../src/testing";
import { newShopper, openForDelivery, placeOrderFrom } from "./delivery-fixture";

let handle: DatabaseHandle;
let deps: CoreDeps;
let shop: FixtureTenant;
let tenant: Tenant;
// Friday 2026-05-01 11:00 in Los Angeles.
const now = new Date("2026-05-01T18:00:00Z");

beforeAll(async () => {
  handle = await createTestDatabase();
  deps = { db: handle.db, kv: createMemoryKv(), clock: () => now };
  shop = await createFixtureTenant(handle.db, { tag: "notify-shop", passwordHash: "x" });
  await handle.db
    .update(organizations)
    .set({ branding: { primaryColor: "#7a1f5c", accentColor: "#f2b705" } })
    .where(eq(organizations.id, shop.org.id));
  tenant = (await resolveTenant(deps, "notify-shop"))!;
  await openForDelivery(handle.db, shop);
});
afterAll(async () => handle?.close());

async function placed(fulfillment: "pickup" | "delivery") {
  const { email, customerId } = await newShopper(handle.db, shop);
  const order = await placeOrderFrom(deps, tenant, shop, {
    customerId,
    variantId: shop.variants[2]!.id,
    fulfillment,
  });
  return { order, email };
}

const advance = (orderId: string, to: Parameters<typeof advanceOrder>[2]["to"], note?: string) =>
  advanceOrder(deps, shop.org.id, { orderId, to, actorUserId: shop.staff.manager.id, note });

/** The status messages in the dev mailbox for one shopper, oldest first. */
async function mailFor(email: string) {
  const mail = await listMailbox(handle.db, { to: email });
  return mail.filter((m) => m.topic !== "order.confirmation").reverse();
}

describe("shopper status messages", () => {
  it("tells a pickup shopper when the order is confirmed and ready, in the store's branding", async () => {
    const { order, email } = await placed("pickup");
    await advance(order.id, "confirmed");
    await advance(order.id, "preparing");
    await advance(order.id, "ready");
    const mail = await mailFor(email);
    expect(mail.map((m) => m.topic)).toEqual(["order.confirmed", "order.ready"]);
    const [confirmed, ready] = mail.map((m) => m.payload);
    expect(confirmed!.subject).toBe(`Store notify-shop: Order #${order.orderNumber} is confirmed`);
    // The earliest pickup time after 11:00 with the 15-minute lead: 11:30 on the store's clock.
    expect(confirmed!.text).toContain("Expected ready: Fri May 1, 11:30 AM.");
    expect(confirmed!.html).toContain("background:#7a1f5c");
    expect(ready!.subject).toBe(`Store notify-shop: Order #${order.orderNumber} is ready for pickup`);
    expect(ready!.text).toContain("Collect it at notify-shop north, 1 Main St, Town.");
  });

  it("tells a delivery shopper the driver's ETA when the driver is on the way, then that it was delivered", async () => {
    const { order, email } = await placed("delivery");
    for (const to of ["confirmed", "preparing", "out_for_delivery"] as const) await advance(order.id, to);
    await assignDriver(deps, shop.org.id, {
      orderId: order.id,
      driverUserId: shop.staff.driver.id,
      driverRoles: ["owner", "admin", "manager", "driver"],
    });
    const [delivery] = await handle.db.select().from(deliveries).where(eq(deliveries.orderId, order.id));
    const driver = { userId: shop.staff.driver.id, canDispatch: false };
    for (const to of ["picked_up", "in_transit", "arriving", "delivered"] as const) {
      await advanceDelivery(deps, shop.org.id, driver, { deliveryId: delivery!.id, to });
    }
    const mail = await mailFor(email);
    expect(mail.map((m) => m.topic)).toEqual([
      "order.confirmed",
      "order.out_for_delivery",
      "order.delivered",
    ]);
    const onTheWay = mail[1]!.payload;
    // 1,366 m from the store at 30 km/h: 164 s after 11:00, shown to the minute on the store's clock.
    expect(onTheWay.text).toContain("Your driver expects to arrive around Fri May 1, 11:02 AM.");
  });

  it("tells the shopper a cancellation with its reason", async () => {
    const { order, email } = await placed("pickup");
    await advance(order.id, "cancelled", "Out of stock at pickup");
    const [cancelled] = await mailFor(email);
    expect(cancelled!.topic).toBe("order.cancelled");
    expect(cancelled!.payload.text).toContain("Reason: Out of stock at pickup");
  });

  it("sends each step once: a repeat writes nothing, and a second channel gets its own message", async () => {
    const { order, email } = await placed("pickup");
    await advance(order.id, "confirmed");
    const [row] = await handle.db.select().from(orders).where(eq(orders.id, order.id));
    const again = await handle.db.transaction((tx) => notifyShopper(tx, { order: row!, step: "confirmed" }));
    expect(again).toEqual([]);
    // Two at once: the unique claim lets exactly one through.
    const both = await Promise.all(
      [1, 2].map(() => handle.db.transaction((tx) => notifyShopper(tx, { order: row!, step: "ready" }))),
    );
    expect(both.flat()).toHaveLength(1);
    const sms: string[] = [];
    const recording: ShopperChannel = {
      name: "test-sms",
      send: async (_tx, input) => {
        sms.push(input.message.subject);
        return null;
      },
    };
    await handle.db.transaction((tx) => notifyShopper(tx, { order: row!, step: "confirmed" }, [recording]));
    await handle.db.transaction((tx) => notifyShopper(tx, { order: row!, step: "confirmed" }, [recording]));
    expect(sms).toEqual([`Store notify-shop: Order #${order.orderNumber} is confirmed`]);
    expect((await mailFor(email)).map((m) => m.topic)).toEqual(["order.confirmed", "order.ready"]);
    const claims = await handle.db
      .select()
      .from(shopperNotifications)
      .where(
        and(
          eq(shopperNotifications.orderId, order.id),
          inArray(shopperNotifications.step, ["confirmed", "ready"]),
        ),
      );
    expect(claims.map((c) => `${c.step}/${c.channel}`).sort()).toEqual([
      "confirmed/email",
      "confirmed/test-sms",
      "ready/email",
    ]);
  });
});
