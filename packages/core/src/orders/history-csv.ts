import type { DbOrTx } from "@cannasaas/db/client";
import type { OrderHistoryFilter } from "@cannasaas/validators";
import { csvLines } from "../csv/escape";
import { calendarDayIn } from "../time";
import { orderHistoryBatches, type OrderHistoryRow } from "./history";

export const ORDER_HISTORY_CSV_COLUMNS = [
  "order_number",
  "placed_at",
  "placed_day",
  "status",
  "location",
  "fulfillment",
  "payment_method",
  "payment_status",
  "customer_name",
  "customer_email",
  "units",
  "subtotal_cents",
  "discount_cents",
  "tax_cents",
  "total_cents",
  "completed_at",
  "cancelled_at",
] as const;

/** One order as a CSV line; names and emails go through the formula escaping of csvLines. */
export function orderHistoryCsvLine(row: Omit<OrderHistoryRow, "sortKey">): string {
  return csvLines([
    [
      row.orderNumber,
      row.placedAt,
      calendarDayIn(row.placedAt, row.timeZone),
      row.status,
      row.locationName,
      row.fulfillment,
      row.paymentMethod,
      row.paymentStatus,
      row.customerName,
      row.customerEmail,
      row.units,
      row.subtotalCents,
      row.discountCents,
      row.taxCents,
      row.totalCents,
      row.completedAt,
      row.cancelledAt,
    ],
  ]);
}

/** The filtered history as a CSV byte stream, read batch by batch as the client takes it. */
export function orderHistoryCsvStream(
  db: DbOrTx,
  organizationId: string,
  filter: OrderHistoryFilter,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const batches = orderHistoryBatches(db, organizationId, filter);
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(csvLines([ORDER_HISTORY_CSV_COLUMNS])));
        return;
      }
      const next = await batches.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value.map(orderHistoryCsvLine).join("")));
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
}
