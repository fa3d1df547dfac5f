import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { and, eq, inArray } from "drizzle-orm";
import type { DatabaseHandle } from "@cannasaas/db/client";
import {
  carts,
  customers,
  inventoryLevels,
  loyaltyAccounts,
  loyaltyLedger,
  loyaltyTierChanges,
  loyaltyTiers,
  marketingMessages,
  productAlertEvents,
  productVariants,
  users,
  wishlistItems,
} from "@cannasaas/db/schema";
import { createTestDatabase } from "@cannasaas/db/testing";
import { createMemoryKv } from "@cannasaas/integrations/kv";
import type { MailMessage, MailTransport } from "@cannasaas/integrations/mail";
import {
  addCartItem,
  advanceOrder,
  AUTOMATION_KINDS,
  placeOrder,
  recomputeTiers,
  resolveTenant,
  setCartFulfillment,
  runMarketing,
  saveAutomation,
  verifyTrackingToken,
  type AutomationKind,
} from "../../src";
import { changeVariantPriceInTx } from "../../src/catalog-admin/prices";
import { recordStockMovement } from "../../src/inventory/record-movement";
import { createFixtureTenant, type FixtureTenant } from "../../src/testing";
import { addShopper, type Shopper } from "./marketing-fixture";

const KEY = "test-marketing-link-key-0123456789";
let handle: DatabaseHandle;
let C: FixtureTenant;
let D: FixtureTenant;
// 10:00 in Los Angeles (the fixture's time zone), inside the automations' 08:00-21:00 window.
let now = new Date("2026-06-15T17:00:00Z");
const clock = () => now;
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);
let sent: MailMessage[] = [];
const mail: MailTransport = {
  name: "dev-mailbox",
  send: async (message) => {
    sent.push(message);
    return { messageId: `m-${sent.length}` };
  },
};
// The app's product path, as the api passes it in.
const deps = () => ({
  db: handle.db,
  clock,
  mail,
  linkKey: KEY,
  links: { product: (slug: string) => `/p/${encodeURIComponent(slug)}` },
});
let serial = 0;
const shopper = (t: FixtureTenant, options: Parameters<typeof addShopper>[3] = {}) =>
  addShopper(handle.db, t, `alert${++serial}`, { name: `Alert${serial} Doe`, ...options });

async function turnOn(t: FixtureTenant, kind: AutomationKind, waitMinutes = 15) {
  const def = AUTOMATION_KINDS[kind];
  return (
    await saveAutomation(
      handle.db,
      t.org.id,
      { kind, enabled: true, subject: def.subject, body: def.body, waitMinutes },
      {
        storefrontOrigin: `http://${t.org.slug}.localhost:3000`,
        trackingBaseUrl: "http://localhost:3000/api/marketing",
      },
    )
  ).after;
}

const save = (t: FixtureTenant, who: Shopper, productId: string, at: Date) =>
  handle.db
    .insert(wishlistItems)
    .values({ organizationId: t.org.id, customerId: who.customerId, productId, createdAt: at });

/** Sets every level of the tenant's `i`th product to `onHand` units, none reserved. */
const stockOf = (t: FixtureTenant, i: number, onHand: number) =>
  handle.db
    .update(inventoryLevels)
    .set({ onHand, reserved: 0 })
    .where(eq(inventoryLevels.variantId, t.variants[i]!.id));

const eventsOf = (t: FixtureTenant, productId: string) =>
  handle.db
    .select()
    .from(productAlertEvents)
    .where(and(eq(productAlertEvents.organizationId, t.org.id), eq(productAlertEvents.productId, productId)));

const receive = (t: FixtureTenant, i: number, location: number, quantity: number) =>
  handle.db.transaction((tx) =>
    recordStockMovement(tx, {
      organizationId: t.org.id,
      locationId: t.locations[location]!.id,
      variantId: t.variants[i]!.id,
      kind: quantity > 0 ? "receive" : "adjust",
      quantity,
    }),
  );

const changePrice = (t: FixtureTenant, i: number, from: number, to: number) =>
  handle.db.transaction((tx) =>
    changeVariantPriceInTx(
      tx,
      { clock },
      { organizationId: t.org.id, userId: t.staff.owner.id, canWritePrices: true },
      { variantId: t.variants[i]!.id, expectedPriceCents: from, priceCents: to },
    ),
  );

const emailsTo = (who: Shopper) => sent.filter((m) => m.to === who.email);
/** Where an email's tracked links lead, from their signed tokens. */
const clickTargets = (m: MailMessage) =>
  [...new Set([...String(m.html).matchAll(/\/api\/marketing\/click\/([\w.-]+)/g)].map((x) => x[1]!))].map(
    (token) => {
      const claim = verifyTrackingToken(token, KEY);
      return claim?.kind === "click" ? claim.url : null;
    },
  );

beforeAll(async () => {
  handle = await createTestDatabase();
  C = await createFixtureTenant(handle.db, { tag: "alert-c", passwordHash: "x" });
  D = await createFixtureTenant(handle.db, { tag: "alert-d", passwordHash: "x" });
});
afterAll(async () => handle?.close());
beforeEach(() => {
  sent = [];
});

describe("restock and price-drop events, where stock and prices change", () => {
  it("records a restock only when a sold-out product gets sellable units again, once for two at once", async () => {
    const product = C.products[0]!.id;
    await receive(C, 0, 0, 3); // it had 10 + 10: never sold out
    expect(await eventsOf(C, product)).toHaveLength(0);

    await stockOf(C, 0, 0);
    // Both locations receive at once: only one of them brought the product back. The second receipt runs
    // while the first is still uncommitted (it would see no stock elsewhere), and must wait for it.
    const { second } = await handle.db.transaction(async (tx) => {
      await recordStockMovement(tx, {
        organizationId: C.org.id,
        locationId: C.locations[0]!.id,
        variantId: C.variants[0]!.id,
        kind: "receive",
        quantity: 5,
      });
      const pending = receive(C, 0, 1, 5);
      await new Promise((resolve) => setTimeout(resolve, 300));
      return { second: pending };
    });
    await second;
    expect((await eventsOf(C, product)).map((e) => e.kind)).toEqual(["restocked"]);
    await receive(C, 0, 0, 1); // already in stock
    expect(await eventsOf(C, product)).toHaveLength(1);

    // Units on hand but all reserved are not sellable: receiving more is a restock.
    await handle.db
      .update(inventoryLevels)
      .set({ onHand: 2, reserved: 2 })
      .where(eq(inventoryLevels.variantId, C.variants[0]!.id));
    await receive(C, 0, 1, 1);
    expect(await eventsOf(C, product)).toHaveLength(2);
    await receive(C, 0, 1, -1);
    expect(await eventsOf(C, product)).toHaveLength(2);
  });

  it("records a price drop with the old and new lowest price, and nothing for a rise", async () => {
    const product = C.products[1]!.id;
    const [variant] = await handle.db
      .select()
      .from(productVariants)
      .where(eq(productVariants.id, C.variants[1]!.id));
    const price = variant!.priceCents;
    await changePrice(C, 1, price, price + 500);
    expect(await eventsOf(C, product)).toHaveLength(0);
    await changePrice(C, 1, price + 500, price - 100);
    const events = await eventsOf(C, product);
    expect(events.map((e) => [e.kind, e.oldPriceCents, e.newPriceCents])).toEqual([
      ["price_dropped", price + 500, price - 100],
    ]);
    await changePrice(C, 1, price - 100, price);
    expect(await eventsOf(C, product)).toHaveLength(1);
  });

  it("records a restock when cancelling an order releases the only sellable units", async () => {
    const coreDeps = { db: handle.db, kv: createMemoryKv(), clock };
    const tenant = (await resolveTenant(coreDeps, D.org.slug))!;
    const variant = D.variants[0]!;
    await handle.db
      .update(inventoryLevels)
      .set({ onHand: 0, reserved: 0 })
      .where(eq(inventoryLevels.variantId, variant.id));
    await handle.db
      .update(inventoryLevels)
      .set({ onHand: 2 })
      .where(
        and(eq(inventoryLevels.variantId, variant.id), eq(inventoryLevels.locationId, D.locations[0]!.id)),
      );
    const [user] = await handle.db
      .insert(users)
      .values({ email: "cancel-restock@example.test", dateOfBirth: "1990-01-01", emailVerified: now })
      .returning();
    const [customer] = await handle.db
      .insert(customers)
      .values({ organizationId: D.org.id, userId: user!.id })
      .returning();
    const [cart] = await handle.db
      .insert(carts)
      .values({ organizationId: D.org.id, customerId: customer!.id })
      .returning();
    await addCartItem(handle.db, D.org.id, cart!.id, variant.id, 2);
    await setCartFulfillment(handle.db, D.org.id, cart!.id, {
      locationId: D.locations[0]!.id,
      fulfillment: "pickup",
    });
    const placed = await placeOrder(coreDeps, tenant, {
      customerId: customer!.id,
      cartId: cart!.id,
      purchaser: "adult_use",
      paymentMethod: "cash",
    });
    expect(await eventsOf(D, D.products[0]!.id)).toHaveLength(0); // all reserved: sold out, no restock
    await advanceOrder(coreDeps, D.org.id, { orderId: placed.order.id, to: "cancelled", actorUserId: null });
    expect((await eventsOf(D, D.products[0]!.id)).map((e) => e.kind)).toEqual(["restocked"]);
  });
});

describe("back-in-stock, price-drop and tier-up automations", () => {
  it("emails each shopper who saved a restocked product once, and nobody else", async () => {
    now = new Date("2026-06-16T17:00:00Z");
    const automation = await turnOn(C, "back_in_stock");
    const product = C.products[2]!;
    const fan = await shopper(C);
    const fan2 = await shopper(C);
    const quiet = await shopper(C, { emailConsent: false });
    const late = await shopper(C);
    const other = await shopper(C);
    for (const who of [fan, fan2, quiet]) await save(C, who, product.id, minutesAgo(3 * 1440));
    await stockOf(C, 2, 0);
    await receive(C, 2, 0, 4);
    const [event] = await eventsOf(C, product.id);
    expect(event?.kind).toBe("restocked");
    // The run's clock is fixed: place the restock 20 minutes before it, and one save after it.
    await handle.db
      .update(productAlertEvents)
      .set({ occurredAt: minutesAgo(20) })
      .where(eq(productAlertEvents.id, event!.id));
    await save(C, late, product.id, minutesAgo(10));
    // Another store's restock of its own product, saved by its shopper, reaches nobody here or there.
    const theirs = await shopper(D);
    await save(D, theirs, D.products[2]!.id, minutesAgo(3 * 1440));
    await save(C, other, D.products[2]!.id, minutesAgo(3 * 1440));
    await handle.db.insert(productAlertEvents).values({
      organizationId: D.org.id,
      productId: D.products[2]!.id,
      kind: "restocked",
      occurredAt: minutesAgo(20),
    });

    await Promise.all([runMarketing(deps()), runMarketing(deps())]);
    expect(sent.map((m) => m.to).sort()).toEqual([fan.email, fan2.email].sort());
    expect(emailsTo(fan)[0]!.subject).toBe(`${product.name} is back at ${C.org.name}`);
    expect(emailsTo(fan)[0]!.text).toContain(product.name);
    // The button leads to the product's page (through the signed click link).
    expect(clickTargets(emailsTo(fan)[0]!)).toContain(
      `http://${C.org.slug}.localhost:3000/p/${product.slug}`,
    );
    const rows = await handle.db
      .select()
      .from(marketingMessages)
      .where(eq(marketingMessages.automationId, automation.id));
    // The shopper without consent is never a trigger; the one who saved it after the restock is not either.
    expect(rows.map((r) => r.customerId).sort()).toEqual([fan.customerId, fan2.customerId].sort());

    sent = [];
    now = new Date(now.getTime() + 5 * 60_000);
    await runMarketing(deps());
    expect(sent).toHaveLength(0);
  });

  it("waits for the wait, and says nothing of a restock that sold out again", async () => {
    now = new Date("2026-06-18T17:00:00Z");
    await turnOn(C, "back_in_stock", 60);
    const product = C.products[1]!;
    const fan = await shopper(C);
    await save(C, fan, product.id, minutesAgo(3 * 1440));
    await handle.db.insert(productAlertEvents).values({
      organizationId: C.org.id,
      productId: product.id,
      kind: "restocked",
      occurredAt: minutesAgo(30),
    });
    await stockOf(C, 1, 5);
    await runMarketing(deps());
    expect(emailsTo(fan)).toHaveLength(0); // due in another 30 minutes
    now = new Date(now.getTime() + 31 * 60_000);
    await stockOf(C, 1, 0);
    await runMarketing(deps());
    expect(emailsTo(fan)).toHaveLength(0); // sold out again
    await stockOf(C, 1, 5);
    await runMarketing(deps());
    expect(emailsTo(fan)).toHaveLength(1);
  });

  it("emails a price drop to the shoppers who saved the product, not a rise", async () => {
    now = new Date("2026-06-20T17:00:00Z");
    await turnOn(C, "price_drop", 0);
    const dropped = C.products[0]!;
    const raised = C.products[2]!;
    const fan = await shopper(C);
    const raisedFan = await shopper(C);
    await save(C, fan, dropped.id, minutesAgo(1440));
    await save(C, raisedFan, raised.id, minutesAgo(1440));
    const price = async (i: number) =>
      (await handle.db.select().from(productVariants).where(eq(productVariants.id, C.variants[i]!.id)))[0]!
        .priceCents;
    const p0 = await price(0);
    const p2 = await price(2);
    now = minutesAgo(-1); // the change happens a minute after the saves were read as "before"
    await changePrice(C, 0, p0, p0 - 200);
    await changePrice(C, 2, p2, p2 + 200);
    now = new Date(now.getTime() + 60_000);
    await runMarketing(deps());
    expect(sent.map((m) => m.to)).toEqual([fan.email]);
    expect(sent[0]!.subject).toBe(`${dropped.name} just got cheaper at ${C.org.name}`);
  });

  it("congratulates a shopper who moved up a tier, not one who moved down", async () => {
    now = new Date("2026-06-22T17:00:00Z");
    await turnOn(C, "tier_up", 0);
    const up = await shopper(C);
    const down = await shopper(C);
    const [silver, gold] = await handle.db
      .insert(loyaltyTiers)
      .values([
        { organizationId: C.org.id, name: "Silver", thresholdPoints: 100 },
        { organizationId: C.org.id, name: "Gold", thresholdPoints: 500 },
      ] as Array<typeof loyaltyTiers.$inferInsert>)
      .returning({ id: loyaltyTiers.id });
    await handle.db
      .update(customers)
      .set({ loyaltyMember: true })
      .where(inArray(customers.id, [up.customerId, down.customerId]));
    await handle.db.insert(loyaltyAccounts).values([
      { organizationId: C.org.id, customerId: up.customerId, tierId: silver!.id, referralCode: "TIERUP1" },
      { organizationId: C.org.id, customerId: down.customerId, tierId: gold!.id, referralCode: "TIERDN1" },
    ]);
    await handle.db.insert(loyaltyLedger).values({
      organizationId: C.org.id,
      customerId: up.customerId,
      kind: "earn",
      source: "order",
      points: 600,
      createdAt: minutesAgo(1440),
    });
    // The tier job moves both (up to Gold, down from Gold to nothing) and records each change.
    await recomputeTiers(handle.db, C.org.id, minutesAgo(1));
    const changes = await handle.db
      .select()
      .from(loyaltyTierChanges)
      .where(eq(loyaltyTierChanges.organizationId, C.org.id));
    expect(changes.map((c) => [c.customerId, c.direction, c.fromTierId, c.toTierId]).sort()).toEqual(
      [
        [up.customerId, "up", silver!.id, gold!.id],
        [down.customerId, "down", gold!.id, null],
      ].sort(),
    );
    await runMarketing(deps());
    expect(sent.map((m) => m.to)).toEqual([up.email]);
    expect(sent[0]!.subject).toMatch(/^Welcome to Gold, Alert\d+$/);
    expect(clickTargets(sent[0]!)).toEqual([`http://${C.org.slug}.localhost:3000/`]);
    sent = [];
    await runMarketing(deps());
    expect(sent).toHaveLength(0);
  });

  it("refuses {{product}} in an automation that is not about a product", async () => {
    await expect(
      saveAutomation(
        handle.db,
        C.org.id,
        { kind: "welcome", enabled: false, subject: "Hi", body: "See {{product}}", waitMinutes: 60 },
        {
          storefrontOrigin: "http://x.localhost:3000",
          trackingBaseUrl: "http://localhost:3000/api/marketing",
        },
      ),
    ).rejects.toThrow(/only the back-in-stock and price-drop automations/);
  });
});
