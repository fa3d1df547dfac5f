import { expect, it } from "vitest";
import { codeOf } from "../helpers";
import { A, api, B, HOST, NOT_DASHBOARD, shopperOf, staff } from "./world";

/** Places an order at A for A's adult shopper and returns its id and number. */
async function placeAtA() {
  const caller = await api(HOST.a, { user: shopperOf(A) });
  await caller.cart.add({ variantId: A.variants[2]!.id, quantity: 1 });
  await caller.cart.setFulfillment({ locationId: A.locations[0]!.id, fulfillment: "pickup" });
  return caller.checkout.place({ paymentMethod: "cash" });
}

function refusesOutsiders(call: (host: string, as: Parameters<typeof api>[1]) => Promise<unknown>) {
  it("refuses another organization, a driver and tenant hosts", async () => {
    expect(await codeOf(call(HOST.platform, { user: staff(A, "owner"), org: B.org.id }))).toBe("FORBIDDEN");
    expect(await codeOf(call(HOST.platform, { user: staff(A, "driver"), org: A.org.id }))).toBe("FORBIDDEN");
    for (const host of NOT_DASHBOARD) {
      expect(await codeOf(call(host, { user: staff(A, "owner"), org: A.org.id }))).toBe("FORBIDDEN");
    }
  });
}

export const orderHistoryEntries: Record<string, () => void> = {
  "staffOrders.history": () => {
    it("finds the organization's own orders by number and never another's", async () => {
      const placed = await placeAtA();
      const mine = await (
        await api(HOST.platform, { user: staff(A, "viewer"), org: A.org.id })
      ).staffOrders.history({ filter: { q: `#${placed.orderNumber}` } });
      expect(mine.items.map((o) => o.id)).toContain(placed.orderId);
      const theirs = await (
        await api(HOST.platform, { user: staff(B, "owner"), org: B.org.id })
      ).staffOrders.history({ filter: {} });
      expect(theirs.items.map((o) => o.id)).not.toContain(placed.orderId);
      // Searching B's history by A's customer's email finds nothing of A's.
      const byEmail = await (
        await api(HOST.platform, { user: staff(B, "owner"), org: B.org.id })
      ).staffOrders.history({ filter: { q: A.shopper.email } });
      expect(byEmail.items.every((o) => o.id !== placed.orderId)).toBe(true);
    });
    it("refuses a location filter it cannot parse and a reversed date range", async () => {
      const caller = await api(HOST.platform, { user: staff(A, "owner"), org: A.org.id });
      expect(await codeOf(caller.staffOrders.history({ filter: { locationId: "x" } }))).toBe("BAD_REQUEST");
      expect(
        await codeOf(caller.staffOrders.history({ filter: { from: "2026-02-01", to: "2026-01-01" } })),
      ).toBe("BAD_REQUEST");
    });
    refusesOutsiders(async (host, as) => (await api(host, as)).staffOrders.history({ filter: {} }));
  },
  "staffOrders.startExport": () => {
    it("approves an export of the caller's own organization only, for roles that read reports", async () => {
      const approved = await (
        await api(HOST.platform, { user: staff(A, "viewer"), org: A.org.id })
      ).staffOrders.startExport({ statuses: ["refunded"] });
      expect(approved).toEqual({ organizationId: A.org.id, filter: { statuses: ["refunded"] } });
      expect(
        await codeOf(
          (await api(HOST.platform, { user: staff(A, "budtender"), org: A.org.id })).staffOrders.startExport(
            {},
          ),
        ),
      ).toBe("FORBIDDEN");
    });
    refusesOutsiders(async (host, as) => (await api(host, as)).staffOrders.startExport({}));
  },
};
