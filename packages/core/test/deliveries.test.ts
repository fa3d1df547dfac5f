import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, count, eq } from "drizzle-orm";
import type { DatabaseHandle } from "@cannasaas/db/client";
import {
  deliveries,
  deliveryPositions,
  inventoryLevels,
  memberships,
  orders,
  stockMovements,
  users,
} from "@cannasaas/db/schema";
import { createTestDatabase } from "@cannasaas/db/testing";
import { createMemoryKv } from "@cannasaas/integrations/kv";
import {
  advanceDelivery,
  advanceOrder,
  assignDriver,
  deliveryManifest,
  dispatchBoard,
  DomainError,
  driverDeliveries,
  estimateArrival,
  setFeatureOverride,
  POSITION_SAMPLES_KEPT,
  reportDriverPosition,
  resolveTenant,
  shopperDeliveryView,
  type CoreDeps,
  type DeliveryStatus,
  type StaffRole,
  type Tenant,
} from "../src";
import { createFixtureTenant, type FixtureTenant } from "../src/testing";
import { HOME, newShopper, openForDelivery, placeOrderFrom, STORE } from "./delivery-fixture";

let handle: DatabaseHandle;
let deps: CoreDeps;
let shop: FixtureTenant;
let other: FixtureTenant;
let tenant: Tenant;
let now = new Date("2026-05-01T18:00:00Z");
const DRIVER_ROLES: StaffRole[] = ["owner", "admin", "manager", "driver"];

beforeAll(async () => {
  handle = await createTestDatabase();
  deps = { db: handle.db, kv: createMemoryKv(), clock: () => now };
  shop = await createFixtureTenant(handle.db, { tag: "dl-shop", passwordHash: "x" });
  other = await createFixtureTenant(handle.db, { tag: "dl-other", passwordHash: "x" });
  tenant = (await resolveTenant(deps, "dl-shop"))!;
  await openForDelivery(handle.db, shop);
});
afterAll(async () => handle?.close());

const north = () => shop.locations[0]!;
const driver = () => shop.staff.driver.id;
const asDriver = (userId = driver()) => ({ userId, canDispatch: false });
const dispatcher = () => ({ userId: shop.staff.manager.id, canDispatch: true });

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

/** A second driver at the same store. */
async function anotherDriver() {
  const [user] = await handle.db
    .insert(users)
    .values({ email: `d-${crypto.randomUUID()}@example.test`, name: "Other Driver" })
    .returning();
  await handle.db
    .insert(memberships)
    .values({ organizationId: shop.org.id, userId: user!.id, role: "driver" });
  return user!.id;
}

/** A delivery order placed by a new shopper and moved out for delivery by staff. */
async function outForDelivery(
  options: { coordinates?: boolean; variantIndex?: number; quantity?: number } = {},
) {
  const { customerId } = await newShopper(handle.db, shop, "Sam Shopper");
  const variant = shop.variants[options.variantIndex ?? 2]!;
  const order = await placeOrderFrom(deps, tenant, shop, {
    customerId,
    variantId: variant.id,
    quantity: options.quantity,
    fulfillment: "delivery",
    coordinates: options.coordinates,
  });
  for (const to of ["confirmed", "preparing", "out_for_delivery"] as const) {
    await advanceOrder(deps, shop.org.id, { orderId: order.id, to, actorUserId: shop.staff.manager.id });
  }
  const [delivery] = await handle.db.select().from(deliveries).where(eq(deliveries.orderId, order.id));
  return { order, delivery: delivery!, customerId, variantId: variant.id };
}

const assign = (orderId: string, driverUserId = driver()) =>
  assignDriver(deps, shop.org.id, { orderId, driverUserId, driverRoles: DRIVER_ROLES });
const step = (deliveryId: string, to: DeliveryStatus, actor = asDriver()) =>
  advanceDelivery(deps, shop.org.id, actor, { deliveryId, to });
const report = (deliveryId: string, point = HOME, userId = driver()) =>
  reportDriverPosition(deps, shop.org.id, userId, { deliveryId, ...point, accuracyM: 12.4 });

describe("estimateArrival", () => {
  it("divides the haversine distance by the average speed", () => {
    const start = new Date("2026-05-01T12:00:00Z");
    // One degree of latitude is 111,195 m on the mean-radius sphere; at 30 km/h that is 13,343 s.
    const eta = estimateArrival({ latitude: 0, longitude: 0 }, { latitude: 1, longitude: 0 }, start);
    expect(eta!.remainingMeters).toBe(111_195);
    expect((eta!.etaAt.getTime() - start.getTime()) / 1000).toBe(13_343);
    const faster = estimateArrival({ latitude: 0, longitude: 0 }, { latitude: 1, longitude: 0 }, start, 60);
    expect((faster!.etaAt.getTime() - start.getTime()) / 1000).toBe(6_672);
    expect(estimateArrival(null, { latitude: 1, longitude: 0 }, start)).toBeNull();
    expect(estimateArrival({ latitude: 1, longitude: 0 }, null, start)).toBeNull();
    expect(estimateArrival(HOME, HOME, start)).toEqual({ remainingMeters: 0, etaAt: start });
  });
});

describe("a delivery from out for delivery to delivered", () => {
  it("opens pending with the address's coordinates when the order goes out", async () => {
    const { delivery } = await outForDelivery();
    expect(delivery).toMatchObject({
      status: "pending",
      driverUserId: null,
      destinationLatitude: HOME.latitude,
      destinationLongitude: HOME.longitude,
    });
    const board = await dispatchBoard(deps, shop.org.id, DRIVER_ROLES);
    expect(board.waiting.map((d) => d.id)).toContain(delivery.id);
    expect(board.drivers[0]!.role).toBe("driver");
    expect(board.drivers.map((d) => d.role)).not.toContain("budtender");
  });

  it("walks every step in order, with ETAs, and delivering completes the order and sells the stock", async () => {
    const { order, delivery, variantId } = await outForDelivery({ quantity: 2 });
    const levelOf = async () =>
      (
        await handle.db
          .select()
          .from(inventoryLevels)
          .where(and(eq(inventoryLevels.variantId, variantId), eq(inventoryLevels.locationId, north().id)))
      )[0]!;
    const before = await levelOf();

    const assigned = await assign(order.id);
    expect(assigned.status).toBe("assigned");
    expect(assigned.assignedAt).toEqual(now);
    // No position yet: distance is from the store (1,368 m north), at 30 km/h.
    expect(assigned.remainingMeters).toBe(1_368);
    expect(assigned.etaAt!.getTime() - now.getTime()).toBe(Math.round(1_368 / (30_000 / 3600)) * 1000);

    now = new Date(now.getTime() + 60_000);
    expect((await step(delivery.id, "picked_up")).pickedUpAt).toEqual(now);
    const halfway = { latitude: (STORE.latitude + HOME.latitude) / 2, longitude: HOME.longitude };
    const moved = await report(delivery.id, halfway);
    expect(moved.remainingMeters).toBe(684);
    expect(moved.lastAccuracyM).toBe(12);
    expect(moved.lastPositionAt).toEqual(now);
    await step(delivery.id, "in_transit");
    await step(delivery.id, "arriving");
    expect((await driverDeliveries(deps, shop.org.id, driver())).map((d) => d.id)).toContain(delivery.id);
    const done = await step(delivery.id, "delivered");
    expect(done).toMatchObject({ status: "delivered", remainingMeters: 0, etaAt: null });
    for (const key of ["assignedAt", "pickedUpAt", "inTransitAt", "arrivingAt", "deliveredAt"] as const)
      expect(done[key]).toBeInstanceOf(Date);

    const [completed] = await handle.db.select().from(orders).where(eq(orders.id, order.id));
    expect(completed).toMatchObject({ status: "completed", paymentStatus: "paid" });
    const after = await levelOf();
    expect(after.onHand).toBe(before.onHand - 2);
    expect(after.reserved).toBe(before.reserved - 2);
    const sold = await handle.db
      .select()
      .from(stockMovements)
      .where(and(eq(stockMovements.orderId, order.id), eq(stockMovements.kind, "sell")));
    expect(sold.map((m) => m.quantity)).toEqual([-2]);
    expect(sold[0]!.actorUserId).toBe(driver());
    // Gone from the driver's list and the board; no more positions.
    expect((await driverDeliveries(deps, shop.org.id, driver())).map((d) => d.id)).not.toContain(delivery.id);
    expect((await refusal(report(delivery.id))).message).toMatch(
      /delivered; your location is no longer shared/,
    );
  });

  it("never goes back and never skips a step", async () => {
    const { order, delivery } = await outForDelivery();
    expect((await refusal(step(delivery.id, "picked_up"))).code).toBe("NOT_FOUND"); // nobody's yet
    await assign(order.id);
    const skip = await refusal(step(delivery.id, "in_transit"));
    expect(skip.code).toBe("CONFLICT");
    expect(skip.message).toBe('Mark it "Picked up" first: steps cannot be skipped.');
    await step(delivery.id, "picked_up");
    await step(delivery.id, "in_transit");
    const back = await refusal(step(delivery.id, "picked_up"));
    expect(back.message).toBe("This delivery is already on the way.");
    expect((await refusal(step(delivery.id, "assigned"))).code).toBe("BAD_REQUEST");
    const [row] = await handle.db.select().from(deliveries).where(eq(deliveries.id, delivery.id));
    expect(row!.status).toBe("in_transit");
  });

  it("applies exactly one of several simultaneous presses of the same step", async () => {
    const { order, delivery } = await outForDelivery();
    await assign(order.id);
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => step(delivery.id, "picked_up")));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((r) => r.status === "rejected")) {
      expect((r.reason as DomainError).code).toBe("CONFLICT");
    }
    await step(delivery.id, "in_transit");
    await step(delivery.id, "arriving");
    // The driver and a dispatcher both press "Delivered".
    const delivered = await Promise.allSettled([
      step(delivery.id, "delivered"),
      step(delivery.id, "delivered", dispatcher()),
    ]);
    expect(delivered.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    // The order was completed, and its stock sold, exactly once.
    const sells = await handle.db
      .select({ n: count() })
      .from(stockMovements)
      .where(and(eq(stockMovements.orderId, order.id), eq(stockMovements.kind, "sell")));
    expect(sells[0]!.n).toBe(1);
  });

  it("refuses to deliver an order cancelled meanwhile and writes nothing", async () => {
    const { order, delivery } = await outForDelivery();
    await assign(order.id);
    for (const to of ["picked_up", "in_transit", "arriving"] as const) await step(delivery.id, to);
    await advanceOrder(deps, shop.org.id, { orderId: order.id, to: "cancelled", actorUserId: null });
    const refused = await refusal(step(delivery.id, "delivered"));
    expect(refused.message).toMatch(/is cancelled, not out for delivery/);
    const [row] = await handle.db.select().from(deliveries).where(eq(deliveries.id, delivery.id));
    expect(row).toMatchObject({ status: "arriving", deliveredAt: null });
  });
});

describe("who may do what", () => {
  it("keeps a driver to their own deliveries: no list, step, position or manifest of another's", async () => {
    const { order, delivery } = await outForDelivery();
    await assign(order.id);
    const stranger = await anotherDriver();
    expect((await driverDeliveries(deps, shop.org.id, stranger)).map((d) => d.id)).not.toContain(delivery.id);
    expect((await refusal(step(delivery.id, "picked_up", asDriver(stranger)))).code).toBe("NOT_FOUND");
    expect((await refusal(report(delivery.id, HOME, stranger))).code).toBe("NOT_FOUND");
    expect((await refusal(deliveryManifest(deps, shop.org.id, asDriver(stranger), delivery.id))).code).toBe(
      "NOT_FOUND",
    );
    // Dispatch may act on anyone's delivery and read its manifest; another organization may not.
    expect((await step(delivery.id, "picked_up", dispatcher())).status).toBe("picked_up");
    const manifest = await deliveryManifest(deps, shop.org.id, asDriver(), delivery.id);
    expect(manifest.customer?.name).toBe("Sam Shopper");
    expect(manifest.driver?.name).toBe(`driver dl-shop`);
    expect(manifest.items[0]!.packageLabels).toEqual([]);
    expect((await refusal(deliveryManifest(deps, other.org.id, dispatcher(), delivery.id))).code).toBe(
      "NOT_FOUND",
    );
    expect(
      (
        await refusal(
          advanceDelivery(deps, other.org.id, dispatcher(), { deliveryId: delivery.id, to: "in_transit" }),
        )
      ).code,
    ).toBe("NOT_FOUND");
  });

  it("reassigns an undelivered delivery and then only the new driver reports positions", async () => {
    const { order, delivery } = await outForDelivery();
    await assign(order.id);
    await step(delivery.id, "picked_up");
    const second = await anotherDriver();
    const reassigned = await assign(order.id, second);
    expect(reassigned).toMatchObject({ status: "picked_up", driverUserId: second });
    expect((await refusal(report(delivery.id))).code).toBe("NOT_FOUND");
    expect((await report(delivery.id, HOME, second)).lastLatitude).toBe(HOME.latitude);
  });

  it("assigns only team members allowed to drive, only for delivery orders out for delivery", async () => {
    const { order, delivery } = await outForDelivery();
    const budtender = await refusal(assign(order.id, shop.staff.budtender.id));
    expect(budtender.message).toBe("A budtender cannot take deliveries. Choose a driver.");
    expect((await refusal(assign(order.id, other.staff.driver.id))).message).toBe(
      "That driver is not on your team.",
    );
    expect(
      (
        await refusal(
          assignDriver(deps, other.org.id, {
            orderId: order.id,
            driverUserId: other.staff.driver.id,
            driverRoles: DRIVER_ROLES,
          }),
        )
      ).code,
    ).toBe("NOT_FOUND");
    const [row] = await handle.db.select().from(deliveries).where(eq(deliveries.id, delivery.id));
    expect(row).toMatchObject({ status: "pending", driverUserId: null });
  });

  it("takes positions only from the assigned driver while the delivery is active, keeping a bounded trail", async () => {
    const { order, delivery } = await outForDelivery();
    expect((await refusal(report(delivery.id))).code).toBe("NOT_FOUND"); // not assigned yet
    await assign(order.id);
    for (let i = 0; i < POSITION_SAMPLES_KEPT + 5; i++) {
      now = new Date(now.getTime() + 1000);
      await report(delivery.id, { latitude: STORE.latitude + i * 0.0001, longitude: STORE.longitude });
    }
    const kept = await handle.db
      .select()
      .from(deliveryPositions)
      .where(eq(deliveryPositions.deliveryId, delivery.id));
    expect(kept).toHaveLength(POSITION_SAMPLES_KEPT);
    // The oldest five were dropped.
    expect(Math.min(...kept.map((p) => p.latitude))).toBeCloseTo(STORE.latitude + 5 * 0.0001, 8);
  });

  it("shows the shopper the driver only once the package is on its way, and only on their own order", async () => {
    const { order, delivery, customerId } = await outForDelivery();
    await assign(order.id);
    await report(delivery.id);
    const early = await shopperDeliveryView(deps, shop.org.id, order.id, customerId);
    expect(early).toMatchObject({ status: "assigned", label: "Driver assigned", driver: null, etaAt: null });
    expect(early!.driverName).toBe("driver");
    await step(delivery.id, "picked_up");
    const onTheWay = await shopperDeliveryView(deps, shop.org.id, order.id, customerId);
    expect(onTheWay!.driver).toMatchObject(HOME);
    expect(onTheWay!.destination).toEqual(HOME);
    expect(onTheWay!.remainingMeters).toBe(0);
    expect(await shopperDeliveryView(deps, shop.org.id, order.id, shop.shopper.customerId)).toBeNull();
    expect(await shopperDeliveryView(deps, other.org.id, order.id, customerId)).toBeNull();
  });

  it("works without the address's coordinates, just without an ETA", async () => {
    const { order, delivery } = await outForDelivery({ coordinates: false });
    const assigned = await assign(order.id);
    expect(assigned).toMatchObject({ remainingMeters: null, etaAt: null, destinationLatitude: null });
    await step(delivery.id, "picked_up");
    expect((await report(delivery.id)).etaAt).toBeNull();
  });
});

describe("plan gating", () => {
  it("refuses every delivery action on a plan without delivery_tracking, naming the plan that has it", async () => {
    const { order, delivery, customerId } = await outForDelivery();
    await assign(order.id);
    // Starter includes delivery tracking; an override withholds it, as an operator would.
    await setFeatureOverride(deps, shop.org.id, { feature: "delivery_tracking", enabled: false });
    try {
      const refusals = await Promise.all([
        refusal(assign(order.id)),
        refusal(step(delivery.id, "picked_up")),
        refusal(report(delivery.id)),
        refusal(dispatchBoard(deps, shop.org.id, DRIVER_ROLES)),
        refusal(driverDeliveries(deps, shop.org.id, driver())),
        refusal(deliveryManifest(deps, shop.org.id, dispatcher(), delivery.id)),
      ]);
      for (const r of refusals) {
        expect(r.code).toBe("FORBIDDEN");
        expect(r.message).toBe(
          "Delivery tracking has been turned off for your organization. Contact support to turn it back on.",
        );
      }
      expect(await shopperDeliveryView(deps, shop.org.id, order.id, customerId)).toBeNull();
      const [row] = await handle.db.select().from(deliveries).where(eq(deliveries.id, delivery.id));
      expect(row!.status).toBe("assigned");
    } finally {
      await setFeatureOverride(deps, shop.org.id, { feature: "delivery_tracking", enabled: null });
    }
  });
});
