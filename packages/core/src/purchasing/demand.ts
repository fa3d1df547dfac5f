import { and, eq, gte, inArray, lte, sql } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import { orderItems, orders } from "@cannasaas/db/schema";
import { dateAtFrom } from "@cannasaas/forecast";

/**
 * Units sold per day of each variant at one location, from completed orders, over the `days` calendar days
 * (in the location's time zone, the orders' own local day) ending `lastDay`. Days without a sale are 0, so each
 * series is a full daily history ready for forecasting. Refunded and cancelled orders are not demand we met.
 */
export async function dailyDemand(
  db: DbOrTx,
  organizationId: string,
  input: { locationId: string; variantIds: readonly string[]; lastDay: string; days: number },
): Promise<{ firstDay: string; byVariant: Map<string, number[]> }> {
  const firstDay = dateAtFrom(input.lastDay, "day")(-(input.days - 1));
  const byVariant = new Map(input.variantIds.map((id) => [id, new Array<number>(input.days).fill(0)]));
  if (input.variantIds.length === 0) return { firstDay, byVariant };
  const rows = await db
    .select({
      variantId: orderItems.variantId,
      day: orders.localDay,
      units: sql<number>`sum(${orderItems.quantity})::int`,
    })
    .from(orderItems)
    .innerJoin(
      orders,
      and(eq(orders.id, orderItems.orderId), eq(orders.organizationId, orderItems.organizationId)),
    )
    .where(
      and(
        eq(orders.organizationId, organizationId),
        eq(orders.locationId, input.locationId),
        eq(orders.status, "completed"),
        gte(orders.localDay, firstDay),
        lte(orders.localDay, input.lastDay),
        inArray(orderItems.variantId, [...input.variantIds]),
      ),
    )
    .groupBy(orderItems.variantId, orders.localDay);
  const start = Date.parse(`${firstDay}T00:00:00Z`);
  for (const row of rows) {
    const index = Math.round((Date.parse(`${row.day}T00:00:00Z`) - start) / 86_400_000);
    const series = byVariant.get(row.variantId);
    if (series && index >= 0 && index < input.days) series[index] = row.units;
  }
  return { firstDay, byVariant };
}
