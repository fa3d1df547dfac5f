import { and, asc, desc, eq, gte, inArray, lt, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@cannasaas/db/client";
import {
  cartItems,
  carts,
  customers,
  locations,
  orderItems,
  orders,
  orderStatusEvents,
  productVariants,
} from "@cannasaas/db/schema";
import { placeOrderInTransaction } from "../../checkout/place-order";
import { DomainError } from "../../errors";
import { loadTenantById } from "../../tenancy/tenants";
import {
  cursorParam,
  dateTimeParam,
  decodeCursor,
  defineEndpoint,
  encodeCursor,
  iso,
  isoOrNull,
  limitParam,
  page,
  pageSchema,
  uuidParam,
} from "../http";

const ORDER_STATUSES = [
  "pending",
  "confirmed",
  "preparing",
  "ready",
  "out_for_delivery",
  "completed",
  "cancelled",
  "refunded",
] as const;

export const ApiOrder = z
  .object({
    id: z.uuid(),
    orderNumber: z.number().int().describe("Per-store sequential number shown to the shopper."),
    status: z.enum(ORDER_STATUSES),
    fulfillment: z.enum(["pickup", "delivery"]),
    purchaserType: z.enum(["adult_use", "medical"]),
    paymentMethod: z.enum(["cash", "debit", "online"]),
    paymentStatus: z.enum(["due_at_handover", "authorized", "paid", "refunded"]),
    customerId: z.uuid(),
    locationId: z.uuid(),
    subtotalCents: z.number().int(),
    discountCents: z.number().int(),
    deliveryFeeCents: z.number().int(),
    exciseCents: z.number().int(),
    localCannabisCents: z.number().int(),
    salesTaxCents: z.number().int(),
    totalCents: z.number().int(),
    notes: z.string().nullable(),
    placedAt: z.iso.datetime(),
    completedAt: z.iso.datetime().nullable(),
    cancelledAt: z.iso.datetime().nullable(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "Order" });

const ApiOrderItem = z
  .object({
    id: z.uuid(),
    variantId: z.uuid(),
    productName: z.string(),
    variantName: z.string(),
    sku: z.string(),
    quantity: z.number().int(),
    unitPriceCents: z.number().int(),
    subtotalCents: z.number().int(),
    exciseCents: z.number().int(),
    localCannabisCents: z.number().int(),
    salesTaxCents: z.number().int(),
    totalCents: z.number().int(),
  })
  .meta({ id: "OrderItem" });

const ApiOrderDetail = ApiOrder.extend({
  items: z.array(ApiOrderItem),
  statusHistory: z.array(
    z.object({ from: z.enum(ORDER_STATUSES).nullable(), to: z.enum(ORDER_STATUSES), at: z.iso.datetime() }),
  ),
  deliveryAddress: z
    .object({
      line1: z.string(),
      line2: z.string().nullable().optional(),
      city: z.string(),
      state: z.string(),
      postalCode: z.string(),
    })
    .nullable()
    .describe("Only for delivery orders."),
}).meta({ id: "OrderDetail" });

type OrderRow = typeof orders.$inferSelect;

function toApiOrder(o: OrderRow) {
  return {
    id: o.id,
    orderNumber: o.orderNumber,
    status: o.status,
    fulfillment: o.fulfillment,
    purchaserType: o.purchaserType,
    paymentMethod: o.paymentMethod,
    paymentStatus: o.paymentStatus,
    customerId: o.customerId,
    locationId: o.locationId,
    subtotalCents: o.subtotalCents,
    discountCents: o.discountCents,
    deliveryFeeCents: o.deliveryFeeCents,
    exciseCents: o.exciseCents,
    localCannabisCents: o.localCannabisCents,
    salesTaxCents: o.salesTaxCents,
    totalCents: o.totalCents,
    notes: o.notes,
    placedAt: iso(o.placedAt),
    completedAt: isoOrNull(o.completedAt),
    cancelledAt: isoOrNull(o.cancelledAt),
    updatedAt: iso(o.updatedAt),
  };
}

async function orderDetail(db: DbOrTx, organizationId: string, orderId: string) {
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
  const address = order.deliveryAddress;
  return {
    ...toApiOrder(order),
    items: items.map((i) => ({
      id: i.id,
      variantId: i.variantId,
      productName: i.productName,
      variantName: i.variantName,
      sku: i.sku,
      quantity: i.quantity,
      unitPriceCents: i.unitPriceCents,
      subtotalCents: i.subtotalCents,
      exciseCents: i.exciseCents,
      localCannabisCents: i.localCannabisCents,
      salesTaxCents: i.salesTaxCents,
      totalCents: i.totalCents,
    })),
    statusHistory: events.map((e) => ({ from: e.fromStatus, to: e.toStatus, at: iso(e.createdAt) })),
    deliveryAddress:
      order.fulfillment === "delivery" && address
        ? {
            line1: address.line1,
            line2: address.line2 ?? null,
            city: address.city,
            state: address.state,
            postalCode: address.postalCode,
          }
        : null,
  };
}

export const listOrders = defineEndpoint({
  operationId: "listOrders",
  method: "GET",
  path: "/orders",
  scope: "orders:read",
  tag: "Orders",
  summary: "List orders",
  description: "Newest first. Filter by status, by when they were placed, or by customer.",
  query: z.object({
    status: z.enum(ORDER_STATUSES).optional(),
    placed_from: dateTimeParam.optional().describe("Placed at or after this moment."),
    placed_to: dateTimeParam.optional().describe("Placed before this moment."),
    customer_id: uuidParam.optional(),
    limit: limitParam,
    cursor: cursorParam,
  }),
  response: pageSchema(ApiOrder),
  async handler({ deps, organizationId, query }) {
    const before = decodeCursor(query.cursor);
    const rows = await deps.db
      .select({ order: orders, sortKey: sql<string>`${orders.placedAt}::text` })
      .from(orders)
      .where(
        and(
          eq(orders.organizationId, organizationId),
          query.status ? eq(orders.status, query.status) : undefined,
          query.placed_from ? gte(orders.placedAt, new Date(query.placed_from)) : undefined,
          query.placed_to ? lt(orders.placedAt, new Date(query.placed_to)) : undefined,
          query.customer_id ? eq(orders.customerId, query.customer_id) : undefined,
          before
            ? sql`(${orders.placedAt}, ${orders.id}) < (${before[0]}::timestamptz, ${before[1]}::uuid)`
            : undefined,
        ),
      )
      .orderBy(desc(orders.placedAt), desc(orders.id))
      .limit(query.limit + 1);
    const result = page(rows, query.limit, (r) => encodeCursor(r.sortKey, r.order.id));
    return { data: result.data.map((r) => toApiOrder(r.order)), nextCursor: result.nextCursor };
  },
});

export const getOrder = defineEndpoint({
  operationId: "getOrder",
  method: "GET",
  path: "/orders/{id}",
  scope: "orders:read",
  tag: "Orders",
  summary: "Get an order with its lines and status history",
  params: z.object({ id: uuidParam }),
  response: ApiOrderDetail,
  handler: ({ deps, organizationId, params }) => orderDetail(deps.db, organizationId, params.id),
});

const CreateOrderBody = z
  .object({
    customerId: uuidParam.describe("An existing customer of this store (see GET /customers)."),
    locationId: uuidParam.describe("The store location the order is picked up from."),
    items: z
      .array(
        z.object({
          variantId: uuidParam,
          quantity: z.number().int("quantity must be a whole number.").min(1).max(99),
        }),
      )
      .min(1, "Add at least one item.")
      .max(50, "At most 50 lines per order.")
      .refine((items) => new Set(items.map((i) => i.variantId)).size === items.length, {
        message: "List each variant once, with its total quantity.",
      }),
    purchaserType: z.enum(["adult_use", "medical"]).default("adult_use"),
    paymentMethod: z.enum(["cash", "debit"]).default("cash").describe("Paid at handover."),
    notes: z.string().trim().max(500).optional(),
  })
  .meta({ id: "CreateOrder" });

export const createOrder = defineEndpoint({
  operationId: "createOrder",
  method: "POST",
  path: "/orders",
  scope: "orders:write",
  tag: "Orders",
  summary: "Place a pickup order for an existing customer",
  description:
    "Runs the storefront's checkout: prices, taxes, age and ID checks and state purchase limits are computed " +
    "on the server (prices sent by the client are ignored), and stock is reserved atomically. A refused order " +
    "changes nothing.",
  body: CreateOrderBody,
  response: ApiOrderDetail,
  successStatus: 201,
  async handler({ deps, organizationId, body }) {
    const tenant = await loadTenantById(deps.db, organizationId);
    if (!tenant) throw new DomainError("NOT_FOUND", "Organization not found.");
    const orderId = await deps.db.transaction(async (tx) => {
      const [customer] = await tx
        .select({ id: customers.id, erasedAt: customers.erasedAt })
        .from(customers)
        .where(and(eq(customers.id, body.customerId), eq(customers.organizationId, organizationId)));
      if (!customer || customer.erasedAt)
        throw new DomainError("NOT_FOUND", "No customer with that id in this organization.", {
          field: "customerId",
        });
      const [location] = await tx
        .select({ id: locations.id })
        .from(locations)
        .where(and(eq(locations.id, body.locationId), eq(locations.organizationId, organizationId)));
      if (!location)
        throw new DomainError("NOT_FOUND", "No location with that id in this organization.", {
          field: "locationId",
        });
      const variantIds = body.items.map((i) => i.variantId);
      const known = await tx
        .select({ id: productVariants.id })
        .from(productVariants)
        .where(
          and(eq(productVariants.organizationId, organizationId), inArray(productVariants.id, variantIds)),
        );
      const missing = variantIds.find((id) => !known.some((k) => k.id === id));
      if (missing)
        throw new DomainError("NOT_FOUND", `No variant ${missing} in this organization.`, {
          variantId: missing,
        });
      const [cart] = await tx
        .insert(carts)
        .values({ organizationId, customerId: customer.id, locationId: location.id, fulfillment: "pickup" })
        .returning({ id: carts.id });
      await tx.insert(cartItems).values(body.items.map((i) => ({ organizationId, cartId: cart!.id, ...i })));
      const placed = await placeOrderInTransaction(tx, deps, tenant, {
        customerId: customer.id,
        cartId: cart!.id,
        purchaser: body.purchaserType,
        paymentMethod: body.paymentMethod,
        notes: body.notes,
      });
      return placed.order.id;
    });
    return orderDetail(deps.db, organizationId, orderId);
  },
});
