import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "@cannasaas/db/client";
import {
  customers,
  deliveries,
  deliveryPositions,
  inventoryLots,
  locations,
  memberships,
  orderItems,
  orders,
  stockMovements,
  users,
} from "@cannasaas/db/schema";
import type { CoreDeps } from "../deps";
import { DomainError } from "../errors";
import { assertFeature, hasFeature } from "../plans/features";
import type { StaffRole } from "../tenancy/staff";
import { latLng, type LatLng } from "./eta";
import {
  ACTIVE_DELIVERY_STATUSES,
  DELIVERY_LABELS,
  nextDeliveryStatus,
  SHOPPER_VISIBLE_POSITION,
  type DeliveryStatus,
} from "./flow";
import type { DeliveryActor } from "./service";

type Deps = Pick<CoreDeps, "db" | "kv">;
const drivers = alias(users, "drivers");
const TRAIL_POINTS = 20;

/** One delivery as the live map draws it. */
export type LiveDelivery = {
  id: string;
  orderId: string;
  orderNumber: number;
  status: DeliveryStatus;
  label: string;
  driverName: string | null;
  store: LatLng | null;
  destination: LatLng | null;
  driver: (LatLng & { accuracyM: number | null; at: Date }) | null;
  trail: LatLng[];
  remainingMeters: number | null;
  etaAt: Date | null;
  updatedAt: Date;
};

const liveColumns = {
  id: deliveries.id,
  orderId: deliveries.orderId,
  orderNumber: orders.orderNumber,
  status: deliveries.status,
  driverUserId: deliveries.driverUserId,
  driverName: drivers.name,
  storeLatitude: locations.latitude,
  storeLongitude: locations.longitude,
  destinationLatitude: deliveries.destinationLatitude,
  destinationLongitude: deliveries.destinationLongitude,
  lastLatitude: deliveries.lastLatitude,
  lastLongitude: deliveries.lastLongitude,
  lastAccuracyM: deliveries.lastAccuracyM,
  lastPositionAt: deliveries.lastPositionAt,
  remainingMeters: deliveries.remainingMeters,
  etaAt: deliveries.etaAt,
  updatedAt: deliveries.updatedAt,
};
type LiveRow = { [K in keyof typeof liveColumns]: (typeof liveColumns)[K]["_"]["data"] | null } & {
  id: string;
  orderId: string;
  orderNumber: number;
  status: DeliveryStatus;
  updatedAt: Date;
};

function toLive(row: LiveRow, trail: LatLng[], showDriver = true): LiveDelivery {
  const position = latLng(row.lastLatitude, row.lastLongitude);
  return {
    id: row.id,
    orderId: row.orderId,
    orderNumber: row.orderNumber,
    status: row.status,
    label: DELIVERY_LABELS[row.status],
    driverName: row.driverName,
    store: latLng(row.storeLatitude, row.storeLongitude),
    destination: latLng(row.destinationLatitude, row.destinationLongitude),
    driver:
      showDriver && position && row.lastPositionAt
        ? { ...position, accuracyM: row.lastAccuracyM, at: row.lastPositionAt }
        : null,
    trail: showDriver ? trail : [],
    remainingMeters: row.remainingMeters,
    etaAt: row.etaAt,
    updatedAt: row.updatedAt,
  };
}

async function trails(db: DbOrTx, organizationId: string, deliveryIds: string[]) {
  const byDelivery = new Map<string, LatLng[]>();
  if (deliveryIds.length === 0) return byDelivery;
  const rows = await db
    .select({
      deliveryId: deliveryPositions.deliveryId,
      latitude: deliveryPositions.latitude,
      longitude: deliveryPositions.longitude,
      n: sql<number>`row_number() over (partition by ${deliveryPositions.deliveryId} order by ${deliveryPositions.recordedAt} desc)`.mapWith(
        Number,
      ),
    })
    .from(deliveryPositions)
    .where(
      and(
        eq(deliveryPositions.organizationId, organizationId),
        inArray(deliveryPositions.deliveryId, deliveryIds),
      ),
    )
    .orderBy(asc(deliveryPositions.recordedAt));
  for (const row of rows) {
    if (row.n > TRAIL_POINTS) continue;
    const list = byDelivery.get(row.deliveryId) ?? [];
    list.push({ latitude: row.latitude, longitude: row.longitude });
    byDelivery.set(row.deliveryId, list);
  }
  return byDelivery;
}

/** Deliveries under way (order out for delivery, not yet delivered), optionally one driver's only. */
async function openDeliveries(db: DbOrTx, organizationId: string, driverUserId?: string) {
  const rows = (await db
    .select({
      ...liveColumns,
      customerName: users.name,
      address: orders.deliveryAddress,
      totalCents: orders.totalCents,
      paymentMethod: orders.paymentMethod,
      placedAt: orders.placedAt,
      locationName: locations.name,
      units:
        sql<number>`(select coalesce(sum(${orderItems.quantity}), 0) from ${orderItems} where ${orderItems.orderId} = ${orders.id})`.mapWith(
          Number,
        ),
    })
    .from(deliveries)
    .innerJoin(orders, eq(orders.id, deliveries.orderId))
    .innerJoin(locations, eq(locations.id, orders.locationId))
    .innerJoin(customers, eq(customers.id, orders.customerId))
    .leftJoin(users, eq(users.id, customers.userId))
    .leftJoin(drivers, eq(drivers.id, deliveries.driverUserId))
    .where(
      and(
        eq(deliveries.organizationId, organizationId),
        eq(orders.status, "out_for_delivery"),
        driverUserId
          ? and(
              eq(deliveries.driverUserId, driverUserId),
              inArray(deliveries.status, ACTIVE_DELIVERY_STATUSES),
            )
          : inArray(deliveries.status, ["pending", ...ACTIVE_DELIVERY_STATUSES]),
      ),
    )
    .orderBy(asc(orders.placedAt))
    .limit(200)) as Array<
    LiveRow & {
      customerName: string | null;
      address: (typeof orders.$inferSelect)["deliveryAddress"];
      totalCents: number;
      paymentMethod: (typeof orders.$inferSelect)["paymentMethod"];
      placedAt: Date;
      locationName: string;
      units: number;
    }
  >;
  const trailOf = await trails(
    db,
    organizationId,
    rows.map((r) => r.id),
  );
  return rows.map((row) => ({
    ...toLive(row, trailOf.get(row.id) ?? []),
    driverUserId: row.driverUserId,
    customerName: row.customerName,
    address: row.address,
    totalCents: row.totalCents,
    paymentMethod: row.paymentMethod,
    placedAt: row.placedAt,
    locationName: row.locationName,
    units: row.units,
    next: nextDeliveryStatus(row.status),
  }));
}

/** Every open delivery of the organization, for the live dispatch map. */
export async function liveDispatchDeliveries(db: DbOrTx, organizationId: string) {
  return openDeliveries(db, organizationId);
}

/** The dispatch board: deliveries waiting for a driver and under way, and who can drive. */
export async function dispatchBoard(deps: Deps, organizationId: string, driverRoles: readonly StaffRole[]) {
  await assertFeature(deps, organizationId, "delivery_tracking");
  const [open, team] = await Promise.all([
    openDeliveries(deps.db, organizationId),
    deps.db
      .select({ userId: users.id, name: users.name, email: users.email, role: memberships.role })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.organizationId, organizationId), inArray(memberships.role, [...driverRoles])))
      .orderBy(asc(users.name)),
  ]);
  // Drivers first, then the other roles that may drive.
  const driversFirst = [...team].sort((a, b) => Number(b.role === "driver") - Number(a.role === "driver"));
  return {
    waiting: open.filter((d) => d.status === "pending"),
    active: open.filter((d) => d.status !== "pending"),
    drivers: driversFirst,
  };
}

/** A driver's own deliveries under way, oldest first. */
export async function driverDeliveries(deps: Deps, organizationId: string, driverUserId: string) {
  await assertFeature(deps, organizationId, "delivery_tracking");
  return openDeliveries(deps.db, organizationId, driverUserId);
}

/**
 * The printable manifest of one delivery: what goes in the bag (with the package labels the units were drawn
 * from, once the sale allocated them), who receives it where, who drives, and when each step happened.
 */
export async function deliveryManifest(
  deps: Deps,
  organizationId: string,
  actor: DeliveryActor,
  deliveryId: string,
) {
  await assertFeature(deps, organizationId, "delivery_tracking");
  const [row] = await deps.db
    .select({
      delivery: deliveries,
      order: {
        id: orders.id,
        orderNumber: orders.orderNumber,
        status: orders.status,
        placedAt: orders.placedAt,
        totalCents: orders.totalCents,
        paymentMethod: orders.paymentMethod,
        address: orders.deliveryAddress,
        notes: orders.notes,
      },
      location: {
        name: locations.name,
        addressLine1: locations.addressLine1,
        city: locations.city,
        state: locations.state,
        postalCode: locations.postalCode,
        phone: locations.phone,
        licence: locations.metrcLicenseNumber,
        timeZone: locations.timeZone,
      },
      customer: { name: users.name, email: users.email },
      driver: { name: drivers.name, email: drivers.email },
    })
    .from(deliveries)
    .innerJoin(orders, eq(orders.id, deliveries.orderId))
    .innerJoin(locations, eq(locations.id, orders.locationId))
    .innerJoin(customers, eq(customers.id, orders.customerId))
    .leftJoin(users, eq(users.id, customers.userId))
    .leftJoin(drivers, eq(drivers.id, deliveries.driverUserId))
    .where(and(eq(deliveries.id, deliveryId), eq(deliveries.organizationId, organizationId)));
  if (!row || (!actor.canDispatch && row.delivery.driverUserId !== actor.userId))
    throw new DomainError("NOT_FOUND", "That delivery does not exist or is not assigned to you.");
  const [items, lots] = await Promise.all([
    deps.db
      .select({
        variantId: orderItems.variantId,
        productName: orderItems.productName,
        variantName: orderItems.variantName,
        sku: orderItems.sku,
        quantity: orderItems.quantity,
        totalCents: orderItems.totalCents,
      })
      .from(orderItems)
      .where(and(eq(orderItems.orderId, row.order.id), eq(orderItems.organizationId, organizationId)))
      .orderBy(asc(orderItems.productName)),
    deps.db
      .selectDistinct({ variantId: stockMovements.variantId, packageLabel: inventoryLots.packageLabel })
      .from(stockMovements)
      .innerJoin(inventoryLots, eq(inventoryLots.id, stockMovements.lotId))
      .where(
        and(
          eq(stockMovements.organizationId, organizationId),
          eq(stockMovements.orderId, row.order.id),
          eq(stockMovements.kind, "sell"),
        ),
      )
      .orderBy(desc(inventoryLots.packageLabel)),
  ]);
  return {
    ...row,
    label: DELIVERY_LABELS[row.delivery.status],
    items: items.map((item) => ({
      ...item,
      packageLabels: lots.filter((l) => l.variantId === item.variantId).map((l) => l.packageLabel),
    })),
  };
}

/**
 * The delivery of a shopper's own order, for their order page. The driver's position is shown only while the
 * package is on its way to them (picked up to arriving); null when there is no delivery or the plan lacks it.
 */
export async function shopperDeliveryView(
  deps: Deps,
  organizationId: string,
  orderId: string,
  customerId: string,
): Promise<LiveDelivery | null> {
  const [row] = (await deps.db
    .select(liveColumns)
    .from(deliveries)
    .innerJoin(orders, eq(orders.id, deliveries.orderId))
    .innerJoin(locations, eq(locations.id, orders.locationId))
    .leftJoin(drivers, eq(drivers.id, deliveries.driverUserId))
    .where(
      and(
        eq(deliveries.orderId, orderId),
        eq(deliveries.organizationId, organizationId),
        eq(orders.customerId, customerId),
      ),
    )) as LiveRow[];
  if (!row || !(await hasFeature(deps, organizationId, "delivery_tracking"))) return null;
  const visible = SHOPPER_VISIBLE_POSITION.includes(row.status);
  const trail = visible ? ((await trails(deps.db, organizationId, [row.id])).get(row.id) ?? []) : [];
  const live = toLive({ ...row, driverName: firstName(row.driverName) }, trail, visible);
  return visible ? live : { ...live, remainingMeters: null, etaAt: null };
}

/** Shoppers see the driver's first name only. */
const firstName = (name: string | null) => name?.split(/\s+/)[0] ?? null;
