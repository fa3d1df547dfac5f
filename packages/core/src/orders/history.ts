import { and, desc, eq, gte, ilike, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import { customers, locations, orderItems, orders, organizations, users } from "@cannasaas/db/schema";
import type { OrderHistoryFilter } from "@cannasaas/validators";
import { DomainError } from "../errors";
import { addDays } from "../time";
import { decodeCursor, encodeCursor, keysetPage, type KeysetPage } from "../pagination/keyset";
import { startOfDayIn } from "../time";

export type OrderHistoryRow = Awaited<ReturnType<typeof historyRows>>[number];

/** The organization's time zone: history date filters are the store's calendar days. */
async function timeZoneOf(db: DbOrTx, organizationId: string) {
  const [org] = await db
    .select({ timeZone: organizations.timeZone })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  if (!org) throw new DomainError("NOT_FOUND", "That organization does not exist.");
  return org.timeZone;
}

/** `%text%` for ILIKE with the user's own % and _ taken literally. */
const contains = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The WHERE clause for a filter; every condition is inside the organization. */
function historyWhere(organizationId: string, filter: OrderHistoryFilter, timeZone: string): SQL | undefined {
  const q = filter.q?.trim();
  const number = q && /^#?\d{1,9}$/.test(q) ? Number(q.replace("#", "")) : null;
  const text = q && number === null ? contains(q) : null;
  const moment = filter.dateBasis === "completed" ? orders.completedAt : orders.placedAt;
  return and(
    eq(orders.organizationId, organizationId),
    filter.statuses?.length ? inArray(orders.status, filter.statuses) : undefined,
    filter.locationId ? eq(orders.locationId, filter.locationId) : undefined,
    filter.fulfillment ? eq(orders.fulfillment, filter.fulfillment) : undefined,
    filter.paymentMethod ? eq(orders.paymentMethod, filter.paymentMethod) : undefined,
    filter.from ? gte(moment, startOfDayIn(filter.from, timeZone)) : undefined,
    filter.to ? lt(moment, startOfDayIn(addDays(filter.to, 1), timeZone)) : undefined,
    number !== null ? eq(orders.orderNumber, number) : undefined,
    text
      ? or(
          ilike(users.name, text),
          ilike(users.email, text),
          sql`exists (select 1 from ${orderItems} where ${orderItems.orderId} = ${orders.id}
            and ${orderItems.organizationId} = ${organizationId}
            and (${orderItems.productName} ilike ${text} or ${orderItems.sku} ilike ${text}))`,
        )
      : undefined,
  );
}

function historyRows(db: DbOrTx, where: SQL | undefined, limit: number) {
  return db
    .select({
      id: orders.id,
      orderNumber: orders.orderNumber,
      status: orders.status,
      fulfillment: orders.fulfillment,
      paymentMethod: orders.paymentMethod,
      paymentStatus: orders.paymentStatus,
      subtotalCents: orders.subtotalCents,
      discountCents: orders.discountCents,
      taxCents:
        sql<number>`${orders.exciseCents} + ${orders.localCannabisCents} + ${orders.salesTaxCents}`.mapWith(
          Number,
        ),
      totalCents: orders.totalCents,
      placedAt: orders.placedAt,
      completedAt: orders.completedAt,
      cancelledAt: orders.cancelledAt,
      locationId: orders.locationId,
      locationName: locations.name,
      timeZone: locations.timeZone,
      customerName: users.name,
      customerEmail: users.email,
      units: sql<number>`(select coalesce(sum(${orderItems.quantity}), 0) from ${orderItems}
        where ${orderItems.orderId} = ${orders.id})`.mapWith(Number),
      sortKey: sql<string>`${orders.placedAt}::text`,
    })
    .from(orders)
    .innerJoin(locations, eq(locations.id, orders.locationId))
    .innerJoin(customers, eq(customers.id, orders.customerId))
    .leftJoin(users, eq(users.id, customers.userId))
    .where(where)
    .orderBy(desc(orders.placedAt), desc(orders.id))
    .limit(limit);
}

/**
 * One page of the order history: every order in every status, newest placed first, filtered and searched as
 * `OrderHistoryFilter` describes, paged by a keyset on (placed_at, id) so page 400 costs what page 1 does.
 */
export async function listOrderHistory(
  db: DbOrTx,
  organizationId: string,
  input: { filter: OrderHistoryFilter; cursor?: string; limit: number },
): Promise<KeysetPage<Omit<OrderHistoryRow, "sortKey">> & { timeZone: string }> {
  const timeZone = await timeZoneOf(db, organizationId);
  const after = decodeCursor(input.cursor);
  const where = and(
    historyWhere(organizationId, input.filter, timeZone),
    after
      ? sql`(${orders.placedAt}, ${orders.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)`
      : undefined,
  );
  const rows = await historyRows(db, where, input.limit + 1);
  const page = keysetPage(rows, input.limit, (r) => encodeCursor(r.sortKey, r.id));
  return { items: page.items.map(({ sortKey: _, ...row }) => row), nextCursor: page.nextCursor, timeZone };
}

/** Every order the filter matches, in pages, for the CSV export. */
export async function* orderHistoryBatches(
  db: DbOrTx,
  organizationId: string,
  filter: OrderHistoryFilter,
  batchSize = 500,
) {
  let cursor: string | undefined;
  do {
    const page = await listOrderHistory(db, organizationId, { filter, cursor, limit: batchSize });
    if (page.items.length > 0) yield page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}
