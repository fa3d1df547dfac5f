import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import { customers, locations, orderItems, orders, orderStatusEvents, users } from "@cannasaas/db/schema";
import { DomainError } from "../errors";
import type { OrderStatus } from "./transitions";

const summary = {
  id: orders.id,
  orderNumber: orders.orderNumber,
  status: orders.status,
  fulfillment: orders.fulfillment,
  totalCents: orders.totalCents,
  placedAt: orders.placedAt,
  updatedAt: orders.updatedAt,
  slotStartsAt: orders.slotStartsAt,
  slotEndsAt: orders.slotEndsAt,
  locationName: locations.name,
  /** Times of the order are shown on its location's clock. */
  timeZone: locations.timeZone,
};

/** A shopper's own orders at one dispensary, newest first. */
export async function listCustomerOrders(db: DbOrTx, organizationId: string, customerId: string) {
  return db
    .select(summary)
    .from(orders)
    .innerJoin(locations, eq(locations.id, orders.locationId))
    .where(and(eq(orders.organizationId, organizationId), eq(orders.customerId, customerId)))
    .orderBy(desc(orders.placedAt))
    .limit(100);
}

/** One order with its lines and status history; `customerId` restricts it to its owner. */
export async function getOrderDetail(
  db: DbOrTx,
  organizationId: string,
  orderId: string,
  customerId?: string,
) {
  const [order] = await db
    .select({
      order: orders,
      location: {
        id: locations.id,
        name: locations.name,
        addressLine1: locations.addressLine1,
        city: locations.city,
        timeZone: locations.timeZone,
      },
      customer: { id: customers.id, name: users.name, email: users.email },
    })
    .from(orders)
    .innerJoin(locations, eq(locations.id, orders.locationId))
    .innerJoin(customers, eq(customers.id, orders.customerId))
    .leftJoin(users, eq(users.id, customers.userId))
    .where(
      and(
        eq(orders.id, orderId),
        eq(orders.organizationId, organizationId),
        customerId ? eq(orders.customerId, customerId) : undefined,
      ),
    );
  if (!order) throw new DomainError("NOT_FOUND", "That order does not exist.");
  const [items, events] = await Promise.all([
    db
      .select()
      .from(orderItems)
      .where(and(eq(orderItems.orderId, orderId), eq(orderItems.organizationId, organizationId))),
    db
      .select({
        from: orderStatusEvents.fromStatus,
        to: orderStatusEvents.toStatus,
        at: orderStatusEvents.createdAt,
        note: orderStatusEvents.note,
      })
      .from(orderStatusEvents)
      .where(
        and(eq(orderStatusEvents.orderId, orderId), eq(orderStatusEvents.organizationId, organizationId)),
      )
      .orderBy(asc(orderStatusEvents.createdAt)),
  ]);
  return { ...order, items, events };
}

/** The staff queue: open orders by status, oldest first so nothing waits unseen. */
export async function listOrderQueue(db: DbOrTx, organizationId: string, statuses: OrderStatus[]) {
  return db
    .select({
      ...summary,
      customerName: users.name,
      units:
        sql<number>`(select coalesce(sum(${orderItems.quantity}), 0) from ${orderItems} where ${orderItems.orderId} = ${orders.id})`.mapWith(
          Number,
        ),
    })
    .from(orders)
    .innerJoin(locations, eq(locations.id, orders.locationId))
    .innerJoin(customers, eq(customers.id, orders.customerId))
    .leftJoin(users, eq(users.id, customers.userId))
    .where(and(eq(orders.organizationId, organizationId), inArray(orders.status, statuses)))
    .orderBy(asc(orders.placedAt))
    .limit(200);
}

/** The status and last change of an order, for live updates. */
export async function orderStatusStamp(
  db: DbOrTx,
  organizationId: string,
  orderId: string,
  customerId?: string,
) {
  const [row] = await db
    .select({ status: orders.status, updatedAt: orders.updatedAt })
    .from(orders)
    .where(
      and(
        eq(orders.id, orderId),
        eq(orders.organizationId, organizationId),
        customerId ? eq(orders.customerId, customerId) : undefined,
      ),
    );
  return row ?? null;
}
