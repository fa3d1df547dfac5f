import { and, desc, eq, inArray, notInArray } from "drizzle-orm";
import type { Transaction } from "@cannasaas/db/client";
import { deliveries, deliveryPositions, locations, memberships, orders } from "@cannasaas/db/schema";
import type { CoreDeps } from "../deps";
import { DomainError } from "../errors";
import { advanceOrderInTransaction } from "../orders/lifecycle";
import { notifyShopper } from "../shopper-notifications/notifier";
import { STATUS_LABELS } from "../orders/transitions";
import { assertFeature } from "../plans/features";
import type { StaffRole } from "../tenancy/staff";
import { estimateArrival, latLng, type LatLng } from "./eta";
import {
  ACTIVE_DELIVERY_STATUSES,
  DELIVERY_LABELS,
  previousDeliveryStatus,
  STEP_TIMESTAMP,
  stepIndex,
  type DeliveryStatus,
} from "./flow";

type Deps = Pick<CoreDeps, "db" | "kv" | "clock">;
type Delivery = typeof deliveries.$inferSelect;

/** Who is acting: dispatchers reach every delivery of the organization, drivers only those assigned to them. */
export type DeliveryActor = { userId: string; canDispatch: boolean };

/** Positions kept per delivery for the trail on the map. */
export const POSITION_SAMPLES_KEPT = 100;

const notYours = () =>
  new DomainError("NOT_FOUND", "That delivery does not exist or is not assigned to you.");

async function lockDelivery(tx: Transaction, organizationId: string, where: ReturnType<typeof eq>) {
  const [row] = await tx
    .select({
      delivery: deliveries,
      order: {
        id: orders.id,
        status: orders.status,
        orderNumber: orders.orderNumber,
        fulfillment: orders.fulfillment,
        deliveryAddress: orders.deliveryAddress,
      },
      store: { latitude: locations.latitude, longitude: locations.longitude },
    })
    .from(deliveries)
    .innerJoin(orders, eq(orders.id, deliveries.orderId))
    .innerJoin(locations, eq(locations.id, orders.locationId))
    .where(and(where, eq(deliveries.organizationId, organizationId)))
    .for("update", { of: deliveries });
  return row ?? null;
}

/** Where the package is now: the driver's last position once known, else the store. */
const currentPoint = (delivery: Delivery, store: { latitude: number | null; longitude: number | null }) =>
  latLng(delivery.lastLatitude, delivery.lastLongitude) ?? latLng(store.latitude, store.longitude);

const destinationOf = (delivery: Delivery) =>
  latLng(delivery.destinationLatitude, delivery.destinationLongitude);

function etaColumns(from: LatLng | null, delivery: Delivery, now: Date, speedKmh?: number) {
  const eta = estimateArrival(from, destinationOf(delivery), now, speedKmh);
  return { remainingMeters: eta?.remainingMeters ?? null, etaAt: eta?.etaAt ?? null };
}

function requireOutForDelivery(order: { status: string; orderNumber: number }) {
  if (order.status !== "out_for_delivery") {
    const label = STATUS_LABELS[order.status as keyof typeof STATUS_LABELS] ?? order.status;
    throw new DomainError(
      "CONFLICT",
      `Order #${order.orderNumber} is ${label.toLowerCase()}, not out for delivery, so its delivery cannot change.`,
    );
  }
}

/**
 * Gives an out-for-delivery order to a driver, or hands it to another one before it is delivered. The driver
 * must be a member of the organization in a role allowed to drive (`driverRoles`). A pending delivery becomes
 * assigned; a delivery already under way keeps its step.
 */
export async function assignDriver(
  deps: Deps,
  organizationId: string,
  input: {
    orderId: string;
    driverUserId: string;
    driverRoles: readonly StaffRole[];
    averageSpeedKmh?: number;
  },
) {
  await assertFeature(deps, organizationId, "delivery_tracking");
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const [order] = await tx
      .select({
        id: orders.id,
        status: orders.status,
        orderNumber: orders.orderNumber,
        fulfillment: orders.fulfillment,
      })
      .from(orders)
      .where(and(eq(orders.id, input.orderId), eq(orders.organizationId, organizationId)));
    if (!order) throw new DomainError("NOT_FOUND", "That order does not exist.");
    if (order.fulfillment !== "delivery")
      throw new DomainError("BAD_REQUEST", `Order #${order.orderNumber} is for pickup; it needs no driver.`);
    requireOutForDelivery(order);
    const [member] = await tx
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.organizationId, organizationId), eq(memberships.userId, input.driverUserId)));
    if (!member) throw new DomainError("NOT_FOUND", "That driver is not on your team.");
    if (!input.driverRoles.includes(member.role)) {
      throw new DomainError("BAD_REQUEST", `A ${member.role} cannot take deliveries. Choose a driver.`);
    }
    // Orders sent out before deliveries existed have no row yet.
    await tx
      .insert(deliveries)
      .values({ organizationId, orderId: order.id })
      .onConflictDoNothing({ target: deliveries.orderId });
    const row = await lockDelivery(tx, organizationId, eq(deliveries.orderId, order.id));
    if (!row) throw new DomainError("NOT_FOUND", "That order does not exist.");
    const { delivery, store } = row;
    if (delivery.status === "delivered")
      throw new DomainError("CONFLICT", `Order #${order.orderNumber} has already been delivered.`);
    const address = row.order.deliveryAddress;
    const destination = destinationOf(delivery) ?? latLng(address?.latitude, address?.longitude);
    const withDestination = {
      ...delivery,
      destinationLatitude: destination?.latitude ?? null,
      destinationLongitude: destination?.longitude ?? null,
    };
    const first = delivery.status === "pending";
    const [updated] = await tx
      .update(deliveries)
      .set({
        driverUserId: input.driverUserId,
        destinationLatitude: withDestination.destinationLatitude,
        destinationLongitude: withDestination.destinationLongitude,
        ...(first
          ? {
              status: "assigned" as const,
              assignedAt: now,
              ...etaColumns(currentPoint(delivery, store), withDestination, now, input.averageSpeedKmh),
            }
          : {}),
      })
      .where(and(eq(deliveries.id, delivery.id), eq(deliveries.status, delivery.status)))
      .returning();
    if (!updated)
      throw new DomainError("CONFLICT", "Someone else just updated this delivery. Reload to see it.");
    return updated;
  });
}

/**
 * Moves a delivery one step forward. `to` names the step the caller means, so a second press of the same
 * button (or two people at once) is refused instead of skipping ahead. Delivering completes the order in the
 * same transaction, which turns its reserved stock into a sale.
 */
export async function advanceDelivery(
  deps: Deps,
  organizationId: string,
  actor: DeliveryActor,
  input: { deliveryId: string; to: DeliveryStatus; averageSpeedKmh?: number },
) {
  await assertFeature(deps, organizationId, "delivery_tracking");
  if (input.to === "pending" || input.to === "assigned")
    throw new DomainError("BAD_REQUEST", "Assign a driver from the dispatch board instead.");
  const to = input.to;
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const row = await lockDelivery(tx, organizationId, eq(deliveries.id, input.deliveryId));
    if (!row || (!actor.canDispatch && row.delivery.driverUserId !== actor.userId)) throw notYours();
    const { delivery, order, store } = row;
    requireOutForDelivery(order);
    const expected = previousDeliveryStatus(input.to)!;
    if (delivery.status !== expected) {
      throw new DomainError(
        "CONFLICT",
        stepIndex(delivery.status) >= stepIndex(input.to)
          ? `This delivery is already ${DELIVERY_LABELS[delivery.status].toLowerCase()}.`
          : `Mark it "${DELIVERY_LABELS[expected]}" first: steps cannot be skipped.`,
      );
    }
    const delivered = input.to === "delivered";
    const [updated] = await tx
      .update(deliveries)
      .set({
        status: input.to,
        [STEP_TIMESTAMP[to]]: now,
        ...(delivered
          ? { remainingMeters: 0, etaAt: null }
          : etaColumns(currentPoint(delivery, store), delivery, now, input.averageSpeedKmh)),
      })
      .where(and(eq(deliveries.id, delivery.id), eq(deliveries.status, expected)))
      .returning();
    if (!updated)
      throw new DomainError("CONFLICT", "Someone else just updated this delivery. Reload to see it.");
    if (delivered) {
      const completed = await advanceOrderInTransaction(tx, { now, kv: deps.kv }, organizationId, {
        orderId: order.id,
        to: "completed",
        actorUserId: actor.userId,
        note: "Delivered",
      });
      await notifyShopper(tx, { order: completed, step: "delivered" });
    }
    // "On the way" is when the shopper hears the driver is coming, with the driver's expected arrival.
    if (to === "in_transit") {
      const [full] = await tx
        .select()
        .from(orders)
        .where(and(eq(orders.id, order.id), eq(orders.organizationId, organizationId)));
      await notifyShopper(tx, { order: full!, step: "out_for_delivery", etaAt: updated.etaAt });
    }
    return updated;
  });
}

/**
 * Records where the assigned driver's device is, while the delivery is active (assigned to arriving). The
 * time is the server's; the trail keeps the newest POSITION_SAMPLES_KEPT samples.
 */
export async function reportDriverPosition(
  deps: Deps,
  organizationId: string,
  driverUserId: string,
  input: {
    deliveryId: string;
    latitude: number;
    longitude: number;
    accuracyM?: number | null;
    averageSpeedKmh?: number;
  },
) {
  await assertFeature(deps, organizationId, "delivery_tracking");
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const row = await lockDelivery(tx, organizationId, eq(deliveries.id, input.deliveryId));
    if (!row || row.delivery.driverUserId !== driverUserId) throw notYours();
    const { delivery, order } = row;
    if (!ACTIVE_DELIVERY_STATUSES.includes(delivery.status) || order.status !== "out_for_delivery") {
      throw new DomainError(
        "CONFLICT",
        `This delivery is ${DELIVERY_LABELS[delivery.status].toLowerCase()}; your location is no longer shared.`,
      );
    }
    const here = { latitude: input.latitude, longitude: input.longitude };
    const accuracyM = input.accuracyM == null ? null : Math.round(input.accuracyM);
    const [updated] = await tx
      .update(deliveries)
      .set({
        lastLatitude: here.latitude,
        lastLongitude: here.longitude,
        lastAccuracyM: accuracyM,
        lastPositionAt: now,
        ...etaColumns(here, delivery, now, input.averageSpeedKmh),
      })
      .where(and(eq(deliveries.id, delivery.id), inArray(deliveries.status, ACTIVE_DELIVERY_STATUSES)))
      .returning();
    await tx.insert(deliveryPositions).values({
      organizationId,
      deliveryId: delivery.id,
      ...here,
      accuracyM,
      recordedAt: now,
    });
    const keep = tx
      .select({ id: deliveryPositions.id })
      .from(deliveryPositions)
      .where(eq(deliveryPositions.deliveryId, delivery.id))
      .orderBy(desc(deliveryPositions.recordedAt), desc(deliveryPositions.id))
      .limit(POSITION_SAMPLES_KEPT);
    await tx
      .delete(deliveryPositions)
      .where(
        and(
          eq(deliveryPositions.organizationId, organizationId),
          eq(deliveryPositions.deliveryId, delivery.id),
          notInArray(deliveryPositions.id, keep),
        ),
      );
    return updated!;
  });
}
