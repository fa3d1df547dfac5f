import { expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { deliveries, inventoryLevels, locations, memberships, users } from "@cannasaas/db/schema";
import type { SessionUser } from "../../src";
import { codeOf } from "../helpers";
import { A, api, B, handle, HOST, NOT_DASHBOARD, shopperOf, staff } from "./world";

type Tenant = typeof A;
const as = async (t: Tenant, role: Parameters<typeof staff>[1], org = t.org.id) =>
  api(HOST.platform, { user: staff(t, role), org });

/** Lets the tenant's first location deliver to its own ZIP (once). */
async function enableDelivery(t: Tenant) {
  await handle.db
    .update(locations)
    .set({
      deliveryEnabled: true,
      deliveryZones: [
        {
          id: "z",
          name: "Town",
          kind: "postal_codes",
          postalCodes: ["90001"],
          feeCents: 0,
          minimumOrderCents: 0,
        },
      ],
    })
    .where(eq(locations.id, t.locations[0]!.id));
}

/** A delivery order at `t`, placed by its shopper and moved out for delivery by its manager. */
async function outForDelivery(t: Tenant) {
  await enableDelivery(t);
  const host = t === A ? HOST.a : HOST.b;
  // A unit more in stock for each order, so the matrix's many orders never sell the fixture out.
  await handle.db
    .update(inventoryLevels)
    .set({ onHand: sql`${inventoryLevels.onHand} + 1` })
    .where(
      and(
        eq(inventoryLevels.locationId, t.locations[0]!.id),
        eq(inventoryLevels.variantId, t.variants[2]!.id),
      ),
    );
  const shopper = await api(host, { user: shopperOf(t) });
  await shopper.cart.add({ variantId: t.variants[2]!.id, quantity: 1 });
  await shopper.cart.setFulfillment({
    locationId: t.locations[0]!.id,
    fulfillment: "delivery",
    address: {
      line1: "5 Elm St",
      city: "Town",
      state: "CA",
      postalCode: "90001",
      latitude: 34.05,
      longitude: -118.25,
    },
  });
  // The earliest window, chosen: "as soon as possible" is refused late in the store's evening, and the
  // matrix runs at any hour of the day.
  const { slots } = await shopper.checkout.slots();
  const { orderId } = await shopper.checkout.place({
    paymentMethod: "cash",
    slotStartsAt: slots[0]!.startsAt,
  });
  const manager = await as(t, "manager");
  for (const to of ["confirmed", "preparing", "out_for_delivery"] as const)
    await manager.staffOrders.advance({ orderId, to });
  const [delivery] = await handle.db.select().from(deliveries).where(eq(deliveries.orderId, orderId));
  return { orderId, deliveryId: delivery!.id };
}

/** Out for delivery and assigned to the tenant's driver. */
async function assigned(t: Tenant) {
  const d = await outForDelivery(t);
  await (await as(t, "manager")).deliveries.assign({ orderId: d.orderId, driverUserId: t.staff.driver.id });
  return d;
}

let secondDriver: SessionUser | null = null;
/** Another driver at A, who must not reach A's first driver's deliveries. */
async function otherDriverAtA() {
  if (secondDriver) return api(HOST.platform, { user: secondDriver, org: A.org.id });
  const [user] = await handle.db
    .insert(users)
    .values({ email: "driver2@mx-a.test", name: "Second Driver", emailVerified: new Date() })
    .returning({ id: users.id, email: users.email });
  await handle.db.insert(memberships).values({ organizationId: A.org.id, userId: user!.id, role: "driver" });
  secondDriver = user!;
  return api(HOST.platform, { user: secondDriver, org: A.org.id });
}

async function statusOf(deliveryId: string) {
  const [row] = await handle.db
    .select({ status: deliveries.status, driverUserId: deliveries.driverUserId })
    .from(deliveries)
    .where(and(eq(deliveries.id, deliveryId)));
  return row!;
}

export const deliveryEntries: Record<string, () => void> = {
  "deliveries.board": () => {
    it("shows dispatchers their own organization's deliveries only", async () => {
      const { deliveryId } = await outForDelivery(A);
      const board = await (await as(A, "manager")).deliveries.board();
      expect(board.waiting.map((d) => d.id)).toContain(deliveryId);
      expect(board.drivers.map((d) => d.userId)).toContain(A.staff.driver.id);
      expect(board.drivers.map((d) => d.userId)).not.toContain(B.staff.driver.id);
      const other = await (await as(B, "owner")).deliveries.board();
      expect([...other.waiting, ...other.active].map((d) => d.id)).not.toContain(deliveryId);
    });
    it("refuses drivers, budtenders, viewers, another organization and tenant hosts", async () => {
      for (const role of ["driver", "budtender", "viewer"] as const)
        expect(await codeOf((await as(A, role)).deliveries.board())).toBe("FORBIDDEN");
      expect(await codeOf((await as(A, "owner", B.org.id)).deliveries.board())).toBe("FORBIDDEN");
      for (const host of NOT_DASHBOARD) {
        expect(
          await codeOf((await api(host, { user: staff(A, "owner"), org: A.org.id })).deliveries.board()),
        ).toBe("FORBIDDEN");
      }
      expect(await codeOf((await api(HOST.platform, {})).deliveries.board())).toBe("UNAUTHORIZED");
    });
  },
  "deliveries.assign": () => {
    it("assigns within the organization only, to someone allowed to drive", async () => {
      const { orderId, deliveryId } = await outForDelivery(A);
      const driverOfB = { orderId, driverUserId: B.staff.driver.id };
      expect(await codeOf((await as(A, "manager")).deliveries.assign(driverOfB))).toBe("NOT_FOUND");
      expect(
        await codeOf((await as(B, "owner")).deliveries.assign({ orderId, driverUserId: B.staff.driver.id })),
      ).toBe("NOT_FOUND");
      expect(
        await codeOf(
          (await as(A, "manager")).deliveries.assign({ orderId, driverUserId: A.staff.budtender.id }),
        ),
      ).toBe("BAD_REQUEST");
      for (const role of ["driver", "budtender", "viewer"] as const) {
        expect(
          await codeOf((await as(A, role)).deliveries.assign({ orderId, driverUserId: A.staff.driver.id })),
        ).toBe("FORBIDDEN");
      }
      expect(await statusOf(deliveryId)).toEqual({ status: "pending", driverUserId: null });
      const done = await (
        await as(A, "admin")
      ).deliveries.assign({ orderId, driverUserId: A.staff.driver.id });
      expect(done).toMatchObject({ status: "assigned", driverUserId: A.staff.driver.id });
    });
  },
  "deliveries.mine": () => {
    it("lists a driver's own deliveries, never another driver's or another store's", async () => {
      const { deliveryId } = await assigned(A);
      expect((await (await as(A, "driver")).deliveries.mine()).map((d) => d.id)).toContain(deliveryId);
      expect((await (await otherDriverAtA()).deliveries.mine()).map((d) => d.id)).not.toContain(deliveryId);
      expect((await (await as(B, "driver")).deliveries.mine()).map((d) => d.id)).not.toContain(deliveryId);
      expect(await codeOf((await as(A, "driver", B.org.id)).deliveries.mine())).toBe("FORBIDDEN");
      for (const role of ["budtender", "viewer"] as const)
        expect(await codeOf((await as(A, role)).deliveries.mine())).toBe("FORBIDDEN");
    });
  },
  "deliveries.advance": () => {
    it("moves the assigned driver's delivery forward; other drivers and stores cannot", async () => {
      const { deliveryId } = await assigned(A);
      expect(await codeOf((await otherDriverAtA()).deliveries.advance({ deliveryId, to: "picked_up" }))).toBe(
        "NOT_FOUND",
      );
      expect(await codeOf((await as(B, "owner")).deliveries.advance({ deliveryId, to: "picked_up" }))).toBe(
        "NOT_FOUND",
      );
      expect(await codeOf((await as(A, "viewer")).deliveries.advance({ deliveryId, to: "picked_up" }))).toBe(
        "FORBIDDEN",
      );
      expect(await statusOf(deliveryId)).toMatchObject({ status: "assigned" });
      const driver = await as(A, "driver");
      expect((await driver.deliveries.advance({ deliveryId, to: "picked_up" })).status).toBe("picked_up");
      expect(await codeOf(driver.deliveries.advance({ deliveryId, to: "picked_up" }))).toBe("CONFLICT");
      expect(await codeOf(driver.deliveries.advance({ deliveryId, to: "arriving" }))).toBe("CONFLICT");
      // Dispatch may step in for the driver.
      expect(
        (await (await as(A, "manager")).deliveries.advance({ deliveryId, to: "in_transit" })).status,
      ).toBe("in_transit");
    });
  },
  "deliveries.reportPosition": () => {
    it("takes positions from the assigned driver only", async () => {
      const { deliveryId } = await assigned(A);
      const here = { deliveryId, latitude: 34.04, longitude: -118.25, accuracyM: 8 };
      expect(await codeOf((await otherDriverAtA()).deliveries.reportPosition(here))).toBe("NOT_FOUND");
      expect(await codeOf((await as(A, "manager")).deliveries.reportPosition(here))).toBe("NOT_FOUND");
      expect(await codeOf((await as(B, "driver")).deliveries.reportPosition(here))).toBe("NOT_FOUND");
      expect(
        await codeOf((await as(A, "driver")).deliveries.reportPosition({ ...here, latitude: 123 })),
      ).toBe("BAD_REQUEST");
      const reported = await (await as(A, "driver")).deliveries.reportPosition(here);
      expect(reported).toMatchObject({ lastLatitude: 34.04, lastAccuracyM: 8 });
      expect(reported.remainingMeters).toBeGreaterThan(1000);
    });
  },
  "deliveries.manifest": () => {
    it("shows the manifest to dispatch and to the delivery's own driver, inside the organization", async () => {
      const { deliveryId, orderId } = await assigned(A);
      const manifest = await (await as(A, "manager")).deliveries.manifest({ deliveryId });
      expect(manifest.order.id).toBe(orderId);
      expect(manifest.items).toHaveLength(1);
      expect((await (await as(A, "driver")).deliveries.manifest({ deliveryId })).order.id).toBe(orderId);
      expect(await codeOf((await otherDriverAtA()).deliveries.manifest({ deliveryId }))).toBe("NOT_FOUND");
      expect(await codeOf((await as(B, "owner")).deliveries.manifest({ deliveryId }))).toBe("NOT_FOUND");
      expect(await codeOf((await as(A, "viewer")).deliveries.manifest({ deliveryId }))).toBe("FORBIDDEN");
    });
  },
};
