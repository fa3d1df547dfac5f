import { expect, it } from "vitest";
import { and, desc, eq } from "drizzle-orm";
import { auditEvents, orders } from "@cannasaas/db/schema";
import { codeOf } from "../helpers";
import { A, api, B, handle, HOST, NO_STOREFRONT, NOT_DASHBOARD, shopperOf, staff } from "./world";

const token = () => `tok${crypto.randomUUID().replace(/-/g, "")}`;
const variantOf = (t: typeof A, i = 2) => t.variants[i]!.id;

/** Places an order at A for A's adult shopper and returns its id. */
async function placeAtA() {
  const caller = await api(HOST.a, { user: shopperOf(A) });
  await caller.cart.add({ variantId: variantOf(A), quantity: 1 });
  await caller.cart.setFulfillment({ locationId: A.locations[0]!.id, fulfillment: "pickup" });
  return (await caller.checkout.place({ paymentMethod: "cash" })).orderId;
}

function refusesOffStorefront(call: (host: string) => Promise<unknown>) {
  it.each(NO_STOREFRONT)("is NOT_FOUND on %s", async (host) => {
    expect(await codeOf(call(host))).toBe("NOT_FOUND");
  });
}

export const orderEntries: Record<string, () => void> = {
  "cart.get": () => {
    it("shows a guest only the cart of this browser at this store", async () => {
      const mine = token();
      await (await api(HOST.a, { cartToken: mine })).cart.add({ variantId: variantOf(A), quantity: 2 });
      const cart = await (await api(HOST.a, { cartToken: mine })).cart.get();
      expect(cart.lines.map((l) => [l.variantId, l.quantity])).toEqual([[variantOf(A), 2]]);
      expect((await (await api(HOST.b, { cartToken: mine })).cart.get()).lines).toEqual([]);
      expect((await (await api(HOST.a, { cartToken: token() })).cart.get()).lines).toEqual([]);
    });
    refusesOffStorefront(async (host) => (await api(host, { cartToken: token() })).cart.get());
  },
  "cart.add": () => {
    it("refuses another store's product", async () => {
      const caller = await api(HOST.a, { cartToken: token() });
      expect(await codeOf(caller.cart.add({ variantId: variantOf(B), quantity: 1 }))).toBe("NOT_FOUND");
    });
    it("refuses zero, negative and absurd quantities", async () => {
      const caller = await api(HOST.a, { cartToken: token() });
      for (const quantity of [0, -1, 100, 1.5]) {
        expect(await codeOf(caller.cart.add({ variantId: variantOf(A), quantity }))).toBe("BAD_REQUEST");
      }
    });
    refusesOffStorefront(async (host) =>
      (await api(host, { cartToken: token() })).cart.add({ variantId: variantOf(A) }),
    );
  },
  "cart.update": () => {
    it("changes only this cart's line and refuses an item that is not in it", async () => {
      const caller = await api(HOST.a, { cartToken: token() });
      await caller.cart.add({ variantId: variantOf(A), quantity: 1 });
      await caller.cart.update({ variantId: variantOf(A), quantity: 3 });
      expect((await caller.cart.get()).itemCount).toBe(3);
      expect(await codeOf(caller.cart.update({ variantId: variantOf(B), quantity: 1 }))).toBe("NOT_FOUND");
    });
    refusesOffStorefront(async (host) =>
      (await api(host, { cartToken: token() })).cart.update({ variantId: variantOf(A), quantity: 1 }),
    );
  },
  "cart.remove": () => {
    it("removes from this cart only", async () => {
      const a = await api(HOST.a, { cartToken: token() });
      const other = await api(HOST.a, { cartToken: token() });
      await a.cart.add({ variantId: variantOf(A) });
      await other.cart.add({ variantId: variantOf(A) });
      await a.cart.remove({ variantId: variantOf(A) });
      expect((await a.cart.get()).lines).toEqual([]);
      expect((await other.cart.get()).lines).toHaveLength(1);
    });
    refusesOffStorefront(async (host) =>
      (await api(host, { cartToken: token() })).cart.remove({ variantId: variantOf(A) }),
    );
  },
  "cart.setFulfillment": () => {
    it("accepts this store's location and refuses another store's", async () => {
      const caller = await api(HOST.a, { cartToken: token() });
      await caller.cart.setFulfillment({ locationId: A.locations[1]!.id, fulfillment: "pickup" });
      expect((await caller.cart.get()).locationId).toBe(A.locations[1]!.id);
      expect(
        await codeOf(caller.cart.setFulfillment({ locationId: B.locations[0]!.id, fulfillment: "pickup" })),
      ).toBe("NOT_FOUND");
    });
    refusesOffStorefront(async (host) =>
      (await api(host, { cartToken: token() })).cart.setFulfillment({
        locationId: A.locations[0]!.id,
        fulfillment: "pickup",
      }),
    );
  },
  "cart.readiness": () => {
    it("meters the host store's cart with the shopper's own orders, and checks their age and ID", async () => {
      const caller = await api(HOST.a, { user: shopperOf(A) });
      await caller.cart.add({ variantId: variantOf(A, 0), quantity: 1 });
      await caller.cart.setFulfillment({ locationId: A.locations[0]!.id, fulfillment: "pickup" });
      const ready = await caller.cart.readiness();
      expect(ready.limits?.stateName).toBe("California");
      expect(ready.limits!.gauges.some((g) => g.used > 0)).toBe(true);
      expect(ready.eligibility).toEqual({ ok: true });
      // The same shopper at B: B's cart has no location yet, so nothing of A's is measured there.
      expect(await (await api(HOST.b, { user: shopperOf(A) })).cart.readiness()).toEqual({
        limits: null,
        limitsNote: null,
        eligibility: null,
      });
      // A guest's cart at A is not the shopper's.
      expect((await (await api(HOST.a, { cartToken: token() })).cart.readiness()).limits).toBeNull();
    });
    refusesOffStorefront(async (host) => (await api(host, { cartToken: token() })).cart.readiness());
  },
  "checkout.slots": () => {
    it("needs a signed-in shopper", async () => {
      expect(await codeOf((await api(HOST.a, { cartToken: token() })).checkout.slots())).toBe("UNAUTHORIZED");
    });
    it("offers the times of the location in the shopper's own cart at this store only", async () => {
      const caller = await api(HOST.a, { user: shopperOf(A) });
      await caller.cart.add({ variantId: variantOf(A), quantity: 1 });
      await caller.cart.setFulfillment({ locationId: A.locations[0]!.id, fulfillment: "pickup" });
      const atA = await caller.checkout.slots();
      expect(atA.fulfillment).toBe("pickup");
      expect(atA.slots.length).toBeGreaterThan(0);
      expect((await (await api(HOST.b, { user: shopperOf(A) })).checkout.slots()).slots).toEqual([]);
    });
    refusesOffStorefront(async (host) => (await api(host, { user: shopperOf(A) })).checkout.slots());
  },
  "checkout.place": () => {
    it("needs a signed-in shopper", async () => {
      expect(
        await codeOf((await api(HOST.a, { cartToken: token() })).checkout.place({ paymentMethod: "cash" })),
      ).toBe("UNAUTHORIZED");
    });
    it("orders from the shopper's own cart at this store only", async () => {
      const orderId = await placeAtA();
      const [row] = await handle.db.select().from(orders).where(eq(orders.id, orderId));
      expect(row?.organizationId).toBe(A.org.id);
      // The same shopper at B has an empty, location-less cart there.
      expect(
        await codeOf((await api(HOST.b, { user: shopperOf(A) })).checkout.place({ paymentMethod: "cash" })),
      ).toBe("BAD_REQUEST");
    });
    it("ignores prices and totals sent by the client", async () => {
      const caller = await api(HOST.a, { user: shopperOf(A) });
      await caller.cart.add({ variantId: variantOf(A), quantity: 1 });
      await caller.cart.setFulfillment({ locationId: A.locations[0]!.id, fulfillment: "pickup" });
      const forged = { paymentMethod: "cash", totalCents: 1, subtotalCents: 1, priceCents: 1 } as unknown as {
        paymentMethod: "cash";
      };
      const placed = await caller.checkout.place(forged);
      const [row] = await handle.db.select().from(orders).where(eq(orders.id, placed.orderId));
      expect(row!.subtotalCents).toBe(A.variants[2]!.priceCents);
      expect(row!.totalCents).toBeGreaterThan(row!.subtotalCents);
    });
    it("merges the guest cart of this browser into the shopper's at sign-in", async () => {
      const browser = token();
      await (await api(HOST.b, { cartToken: browser })).cart.add({ variantId: variantOf(B, 0), quantity: 2 });
      const cart = await (await api(HOST.b, { cartToken: browser, user: shopperOf(B) })).cart.get();
      expect(cart.lines.find((l) => l.variantId === variantOf(B, 0))?.quantity).toBeGreaterThanOrEqual(2);
      expect((await (await api(HOST.b, { cartToken: browser })).cart.get()).lines).toEqual([]);
    });
    refusesOffStorefront(async (host) =>
      (await api(host, { user: shopperOf(A) })).checkout.place({ paymentMethod: "cash" }),
    );
  },
  "orders.mine": () => {
    it("lists only the shopper's own orders at this store", async () => {
      const orderId = await placeAtA();
      expect((await (await api(HOST.a, { user: shopperOf(A) })).orders.mine()).map((o) => o.id)).toContain(
        orderId,
      );
      expect(
        (await (await api(HOST.a, { user: shopperOf(B) })).orders.mine()).map((o) => o.id),
      ).not.toContain(orderId);
      expect(
        (await (await api(HOST.b, { user: shopperOf(A) })).orders.mine()).map((o) => o.id),
      ).not.toContain(orderId);
    });
    refusesOffStorefront(async (host) => (await api(host, { user: shopperOf(A) })).orders.mine());
  },
  "orders.get": () => {
    it("shows an order to its owner only", async () => {
      const orderId = await placeAtA();
      expect((await (await api(HOST.a, { user: shopperOf(A) })).orders.get({ orderId })).order.id).toBe(
        orderId,
      );
      expect(await codeOf((await api(HOST.a, { user: shopperOf(B) })).orders.get({ orderId }))).toBe(
        "NOT_FOUND",
      );
      expect(await codeOf((await api(HOST.b, { user: shopperOf(A) })).orders.get({ orderId }))).toBe(
        "NOT_FOUND",
      );
    });
    refusesOffStorefront(async (host) =>
      (await api(host, { user: shopperOf(A) })).orders.get({ orderId: crypto.randomUUID() }),
    );
  },
  "orders.cancel": () => {
    it("lets the owner cancel and nobody else", async () => {
      const orderId = await placeAtA();
      expect(await codeOf((await api(HOST.a, { user: shopperOf(B) })).orders.cancel({ orderId }))).toBe(
        "NOT_FOUND",
      );
      expect((await (await api(HOST.a, { user: shopperOf(A) })).orders.cancel({ orderId })).status).toBe(
        "cancelled",
      );
    });
    refusesOffStorefront(async (host) =>
      (await api(host, { user: shopperOf(A) })).orders.cancel({ orderId: crypto.randomUUID() }),
    );
  },
  "staffOrders.queue": () => {
    it("shows staff their own store's open orders only", async () => {
      const orderId = await placeAtA();
      const queue = await (
        await api(HOST.platform, { user: staff(A, "budtender"), org: A.org.id })
      ).staffOrders.queue();
      expect(queue.map((o) => o.id)).toContain(orderId);
      const other = await (
        await api(HOST.platform, { user: staff(B, "owner"), org: B.org.id })
      ).staffOrders.queue();
      expect(other.map((o) => o.id)).not.toContain(orderId);
    });
    it("refuses another organization, roles without orders.read, and tenant hosts", async () => {
      expect(
        await codeOf(
          (await api(HOST.platform, { user: staff(A, "owner"), org: B.org.id })).staffOrders.queue(),
        ),
      ).toBe("FORBIDDEN");
      expect(
        await codeOf(
          (await api(HOST.platform, { user: staff(A, "driver"), org: A.org.id })).staffOrders.queue(),
        ),
      ).toBe("FORBIDDEN");
      for (const host of NOT_DASHBOARD) {
        expect(
          await codeOf((await api(host, { user: staff(A, "owner"), org: A.org.id })).staffOrders.queue()),
        ).toBe("FORBIDDEN");
      }
    });
  },
  "staffOrders.get": () => {
    it("finds the order in its own organization only", async () => {
      const orderId = await placeAtA();
      expect(
        (
          await (
            await api(HOST.platform, { user: staff(A, "viewer"), org: A.org.id })
          ).staffOrders.get({ orderId })
        ).order.id,
      ).toBe(orderId);
      expect(
        await codeOf(
          (await api(HOST.platform, { user: staff(B, "owner"), org: B.org.id })).staffOrders.get({ orderId }),
        ),
      ).toBe("NOT_FOUND");
    });
  },
  "staffOrders.advance": () => {
    it("lets a budtender fulfil but not cancel, and never another store's order", async () => {
      const orderId = await placeAtA();
      const budtender = await api(HOST.platform, { user: staff(A, "budtender"), org: A.org.id });
      expect((await budtender.staffOrders.advance({ orderId, to: "confirmed" })).status).toBe("confirmed");
      expect(await codeOf(budtender.staffOrders.advance({ orderId, to: "cancelled" }))).toBe("FORBIDDEN");
      expect(
        await codeOf(
          (await api(HOST.platform, { user: staff(A, "viewer"), org: A.org.id })).staffOrders.advance({
            orderId,
            to: "preparing",
          }),
        ),
      ).toBe("FORBIDDEN");
      expect(
        await codeOf(
          (await api(HOST.platform, { user: staff(B, "owner"), org: B.org.id })).staffOrders.advance({
            orderId,
            to: "preparing",
          }),
        ),
      ).toBe("NOT_FOUND");
      const manager = await api(HOST.platform, { user: staff(A, "manager"), org: A.org.id });
      expect(
        (await manager.staffOrders.advance({ orderId, to: "cancelled", note: "Out of stock" })).status,
      ).toBe("cancelled");
    });
    it("records a debit card on completing its own store's order only, and the trail keeps no digits or name", async () => {
      const caller = await api(HOST.a, { user: shopperOf(A) });
      await caller.cart.add({ variantId: variantOf(A), quantity: 1 });
      await caller.cart.setFulfillment({ locationId: A.locations[0]!.id, fulfillment: "pickup" });
      const { orderId } = await caller.checkout.place({ paymentMethod: "debit" });
      const budtender = await api(HOST.platform, { user: staff(A, "budtender"), org: A.org.id });
      const card = { brand: "visa", last4: "4817", cardholderName: "Mx Cardholder" } as const;
      expect(await codeOf(budtender.staffOrders.advance({ orderId, to: "confirmed", card }))).toBe(
        "BAD_REQUEST",
      );
      for (const to of ["confirmed", "preparing", "ready"] as const)
        await budtender.staffOrders.advance({ orderId, to });
      expect(
        await codeOf(
          budtender.staffOrders.advance({ orderId, to: "completed", card: { ...card, last4: "48a7" } }),
        ),
      ).toBe("BAD_REQUEST");
      expect(
        await codeOf(
          (await api(HOST.platform, { user: staff(B, "owner"), org: B.org.id })).staffOrders.advance({
            orderId,
            to: "completed",
            card,
          }),
        ),
      ).toBe("NOT_FOUND");
      const done = await budtender.staffOrders.advance({ orderId, to: "completed", card });
      expect(done.paymentFingerprint).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const [audit] = await handle.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.organizationId, A.org.id), eq(auditEvents.action, "staffOrders.advance")))
        .orderBy(desc(auditEvents.seq))
        .limit(1);
      expect(audit!.resourceId).toBe(orderId);
      expect(audit!.after).toMatchObject({
        status: "completed",
        paymentFingerprint: done.paymentFingerprint,
      });
      expect(audit!.input).toMatchObject({ orderId, to: "completed", card: "[redacted]" });
      const recorded = JSON.stringify(audit);
      expect(recorded).not.toContain('"4817"');
      expect(recorded).not.toContain("Mx Cardholder");
    });
  },
};
