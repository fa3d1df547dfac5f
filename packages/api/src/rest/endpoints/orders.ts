import { z } from "zod";
import { FULFILLMENTS, ORDER_STATUSES, PAYMENT_METHODS, PURCHASER_TYPES } from "@cannasaas/db/enums";
import { paymentStatusEnum } from "@cannasaas/db/schema";
import { getOrderWithLines, listOrdersPage, placeOrderForCustomer, type OrderRow } from "@cannasaas/core";
import {
  cursorParam,
  dateTimeParam,
  defineEndpoint,
  iso,
  isoOrNull,
  limitParam,
  pageSchema,
  uuidParam,
} from "../http";

export const ApiOrder = z
  .object({
    id: z.uuid(),
    orderNumber: z.number().int().describe("Per-store sequential number shown to the shopper."),
    status: z.enum(ORDER_STATUSES),
    fulfillment: z.enum(FULFILLMENTS),
    purchaserType: z.enum(PURCHASER_TYPES),
    paymentMethod: z.enum(PAYMENT_METHODS),
    paymentStatus: z.enum(paymentStatusEnum.enumValues),
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

function toApiOrderDetail({ order, items, events }: Awaited<ReturnType<typeof getOrderWithLines>>) {
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
    const page = await listOrdersPage(deps.db, organizationId, {
      status: query.status,
      placedFrom: query.placed_from ? new Date(query.placed_from) : undefined,
      placedTo: query.placed_to ? new Date(query.placed_to) : undefined,
      customerId: query.customer_id,
      limit: query.limit,
      cursor: query.cursor,
    });
    return { data: page.items.map(toApiOrder), nextCursor: page.nextCursor };
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
  handler: async ({ deps, organizationId, params }) =>
    toApiOrderDetail(await getOrderWithLines(deps.db, organizationId, params.id)),
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
    purchaserType: z.enum(PURCHASER_TYPES).default("adult_use"),
    paymentMethod: z.enum(["cash", "debit"]).default("cash").describe("Paid at handover."),
    notes: z.string().trim().max(500).optional(),
    pickupAt: z.iso
      .datetime({ offset: true, error: "pickupAt must be an ISO 8601 date-time." })
      .optional()
      .describe(
        "A pickup time the location offers (from its hours and preparation lead time, in half hours). " +
          "Without it the order is for as soon as possible, which is refused while the store is closed.",
      ),
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
    const placed = await placeOrderForCustomer(deps, organizationId, {
      customerId: body.customerId,
      locationId: body.locationId,
      lines: body.items,
      purchaser: body.purchaserType,
      paymentMethod: body.paymentMethod,
      notes: body.notes,
      slotStartsAt: body.pickupAt ? new Date(body.pickupAt) : null,
    });
    return toApiOrderDetail(await getOrderWithLines(deps.db, organizationId, placed.order.id));
  },
});
