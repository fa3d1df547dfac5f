import { and, eq, sql } from "drizzle-orm";
import type { Transaction } from "@cannasaas/db/client";
import {
  locations,
  orderItems,
  type orders,
  salesDaily,
  salesDailyItems,
  salesMonthlyItems,
  salesWeeklyItems,
} from "@cannasaas/db/schema";
import { calendarDayIn } from "../../time";
import { refreshCustomerSales } from "./customer";
import { itemWeekOf } from "./item-weeks";

type OrderRow = typeof orders.$inferSelect;

/**
 * Adds a just-completed order to the sales rollups (`sign` 1) or takes a refunded one back out (`sign` -1), in
 * the caller's transaction, so the figures and the order change commit together. Both directions use the day
 * the order was completed: a refund corrects the day the sale was reported on. The upserts add to the row
 * under its own lock, so concurrent completions on one day cannot lose each other's figures.
 */
export async function applySaleToRollups(tx: Transaction, order: OrderRow, sign: 1 | -1) {
  if (!order.completedAt) throw new Error(`Order ${order.id} has no completion time to roll up.`);
  const [location] = await tx
    .select({ timeZone: locations.timeZone })
    .from(locations)
    .where(and(eq(locations.id, order.locationId), eq(locations.organizationId, order.organizationId)));
  if (!location) throw new Error(`Order ${order.id} has no location.`);
  const day = calendarDayIn(order.completedAt, location.timeZone);
  const items = await tx
    .select({
      variantId: orderItems.variantId,
      quantity: orderItems.quantity,
      subtotalCents: orderItems.subtotalCents,
      totalCents: orderItems.totalCents,
    })
    .from(orderItems)
    .where(and(eq(orderItems.orderId, order.id), eq(orderItems.organizationId, order.organizationId)))
    .orderBy(orderItems.variantId);
  const units = items.reduce((sum, i) => sum + i.quantity, 0);

  const figures = {
    orders: sign,
    units: sign * units,
    subtotalCents: sign * order.subtotalCents,
    discountCents: sign * order.discountCents,
    deliveryFeeCents: sign * order.deliveryFeeCents,
    exciseCents: sign * order.exciseCents,
    localCannabisCents: sign * order.localCannabisCents,
    salesTaxCents: sign * order.salesTaxCents,
    totalCents: sign * order.totalCents,
  };
  await tx
    .insert(salesDaily)
    .values({
      organizationId: order.organizationId,
      day,
      locationId: order.locationId,
      fulfillment: order.fulfillment,
      completedByUserId: order.completedByUserId,
      ...figures,
    })
    .onConflictDoUpdate({
      target: [
        salesDaily.organizationId,
        salesDaily.day,
        salesDaily.locationId,
        salesDaily.fulfillment,
        salesDaily.completedByUserId,
      ],
      set: addExcluded(salesDaily, Object.keys(figures) as (keyof typeof figures)[]),
    });

  // One row per variant: an order may (in principle) list a variant twice, so lines are summed first.
  const byVariant = new Map<
    string,
    { lines: number; units: number; subtotalCents: number; totalCents: number }
  >();
  for (const item of items) {
    const row = byVariant.get(item.variantId) ?? { lines: 0, units: 0, subtotalCents: 0, totalCents: 0 };
    row.lines += 1;
    row.units += item.quantity;
    row.subtotalCents += item.subtotalCents;
    row.totalCents += item.totalCents;
    byVariant.set(item.variantId, row);
  }
  if (byVariant.size > 0) {
    await tx
      .insert(salesDailyItems)
      .values(
        [...byVariant].map(([variantId, r]) => ({
          organizationId: order.organizationId,
          day,
          locationId: order.locationId,
          variantId,
          lines: sign * r.lines,
          units: sign * r.units,
          subtotalCents: sign * r.subtotalCents,
          totalCents: sign * r.totalCents,
        })),
      )
      .onConflictDoUpdate({
        target: [
          salesDailyItems.organizationId,
          salesDailyItems.day,
          salesDailyItems.locationId,
          salesDailyItems.variantId,
        ],
        set: addExcluded(salesDailyItems, ["lines", "units", "subtotalCents", "totalCents"]),
      });
    const perVariant = [...byVariant].map(([variantId, r]) => ({
      organizationId: order.organizationId,
      variantId,
      lines: sign * r.lines,
      units: sign * r.units,
      subtotalCents: sign * r.subtotalCents,
      totalCents: sign * r.totalCents,
    }));
    await tx
      .insert(salesWeeklyItems)
      .values(perVariant.map((row) => ({ ...row, week: itemWeekOf(day) })))
      .onConflictDoUpdate({
        target: [salesWeeklyItems.organizationId, salesWeeklyItems.week, salesWeeklyItems.variantId],
        set: addExcluded(salesWeeklyItems, ["lines", "units", "subtotalCents", "totalCents"]),
      });
    await tx
      .insert(salesMonthlyItems)
      .values(perVariant.map((row) => ({ ...row, month: `${day.slice(0, 7)}-01` })))
      .onConflictDoUpdate({
        target: [salesMonthlyItems.organizationId, salesMonthlyItems.month, salesMonthlyItems.variantId],
        set: addExcluded(salesMonthlyItems, ["lines", "units", "subtotalCents", "totalCents"]),
      });
  }
  await refreshCustomerSales(tx, order.organizationId, order.customerId);
}

/** `column = column + excluded.column` for each named (camelCase) column of an upsert. */
function addExcluded<
  T extends typeof salesDaily | typeof salesDailyItems | typeof salesWeeklyItems | typeof salesMonthlyItems,
>(table: T, keys: readonly string[]): Record<string, ReturnType<typeof sql>> {
  const columns = table as unknown as Record<string, unknown>;
  return Object.fromEntries(
    keys.map((key) => {
      const snake = key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
      return [key, sql`${columns[key]} + excluded.${sql.identifier(snake)}`];
    }),
  );
}
