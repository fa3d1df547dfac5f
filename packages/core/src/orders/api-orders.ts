import { and, asc, desc, eq, gte, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import { orderItems, orders, orderStatusEvents } from "@cannasaas/db/schema";
import { DomainError } from "../errors";
import {
  decodeCursor,
  encodeCursor,
  keysetPage,
  type KeysetPage,
  type KeysetPageInput,
} from "../pagination/keyset";
import type { OrderStatus } from "./transitions";

export type OrderRow = typeof orders.$inferSelect;

export type OrderPageFilter = KeysetPageInput & {
  status?: OrderStatus;
  /** Placed at or after this moment. */
  placedFrom?: Date;
  /** Placed before this moment. */
  placedTo?: Date;
  customerId?: string;
};

/** One page of an organization's orders, newest placed first (ties by id, also descending). */
export async function listOrdersPage(
  db: DbOrTx,
  organizationId: string,
  filter: OrderPageFilter,
): Promise<KeysetPage<OrderRow>> {
  const before = decodeCursor(filter.cursor);
  const rows = await db
    .select({ order: orders, sortKey: sql<string>`${orders.placedAt}::text` })
    .from(orders)
    .where(
      and(
        eq(orders.organizationId, organizationId),
        filter.status ? eq(orders.status, filter.status) : undefined,
        filter.placedFrom ? gte(orders.placedAt, filter.placedFrom) : undefined,
        filter.placedTo ? lt(orders.placedAt, filter.placedTo) : undefined,
        filter.customerId ? eq(orders.customerId, filter.customerId) : undefined,
        before
          ? sql`(${orders.placedAt}, ${orders.id}) < (${before[0]}::timestamptz, ${before[1]}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(orders.placedAt), desc(orders.id))
    .limit(filter.limit + 1);
  const page = keysetPage(rows, filter.limit, (r) => encodeCursor(r.sortKey, r.order.id));
  return { items: page.items.map((r) => r.order), nextCursor: page.nextCursor };
}

/**
 * One order of the organization with its lines (by SKU) and status history (oldest first). Unlike the
 * dashboard's detail it carries no location or customer profile: integrations get ids only.
 */
export async function getOrderWithLines(db: DbOrTx, organizationId: string, orderId: string) {
  const [order] = await db
    .select()
    .from(orders)
    .where(and(eq(orders.id, orderId), eq(orders.organizationId, organizationId)));
  if (!order) throw new DomainError("NOT_FOUND", "No order with that id in this organization.");
  const [items, events] = await Promise.all([
    db
      .select()
      .from(orderItems)
      .where(and(eq(orderItems.organizationId, organizationId), eq(orderItems.orderId, order.id)))
      .orderBy(asc(orderItems.sku)),
    db
      .select()
      .from(orderStatusEvents)
      .where(
        and(eq(orderStatusEvents.organizationId, organizationId), eq(orderStatusEvents.orderId, order.id)),
      )
      .orderBy(asc(orderStatusEvents.createdAt)),
  ]);
  return { order, items, events };
}
