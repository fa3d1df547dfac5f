import { and, asc, eq, inArray, sql } from "drizzle-orm";
import {
  inventoryLevels,
  locations,
  productVariants,
  products,
  purchaseOrderLines,
  purchaseOrders,
  supplierItems,
  suppliers,
} from "@cannasaas/db/schema";
import { addDays, dateAtFrom, forecastDemand, reorderPlan } from "@cannasaas/forecast";
import type { CoreDeps } from "../deps";
import { DomainError } from "../errors";
import { assertFeature } from "../plans/features";
import { calendarDayIn } from "../time";
import { dailyDemand } from "./demand";

/** Days of sales history each forecast learns from: half a year holds every weekday about 26 times. */
export const HISTORY_DAYS = 182;
/** Assumed when a supplier has no lead time on file; the suggestion says so. */
export const DEFAULT_LEAD_TIME_DAYS = 7;
export const SERVICE_LEVELS = [0.9, 0.95, 0.98, 0.99] as const;

export type ReorderSuggestion = {
  variantId: string;
  sku: string;
  productName: string;
  variantName: string;
  supplierId: string;
  supplierName: string;
  unitCostCents: number;
  packSize: number;
  leadTimeDays: number;
  leadTimeAssumed: boolean;
  available: number;
  onOrder: number;
  method: string;
  /** Forecast units per day over the next week, for display. */
  forecastPerDay: number;
  leadTimeDemand: number;
  safetyStock: number;
  reorderPoint: number;
  orderUpTo: number;
  quantity: number;
  costCents: number;
  reason: string;
};

/** Units on open purchase orders (drafts included, so a second draft is not suggested) per variant. */
async function unitsOnOrder(deps: Pick<CoreDeps, "db">, organizationId: string, locationId: string) {
  const rows = await deps.db
    .select({
      variantId: purchaseOrderLines.variantId,
      units: sql<number>`sum(${purchaseOrderLines.quantityOrdered} - ${purchaseOrderLines.quantityReceived})::int`,
    })
    .from(purchaseOrderLines)
    .innerJoin(purchaseOrders, eq(purchaseOrders.id, purchaseOrderLines.purchaseOrderId))
    .where(
      and(
        eq(purchaseOrders.organizationId, organizationId),
        eq(purchaseOrders.locationId, locationId),
        inArray(purchaseOrders.status, ["draft", "sent", "partially_received"]),
      ),
    )
    .groupBy(purchaseOrderLines.variantId);
  return new Map(rows.map((r) => [r.variantId, r.units]));
}

/** Each variant a supplier sells, with its cheapest supplier (ties: by name) as the one to order from. */
async function supplyOptions(deps: Pick<CoreDeps, "db">, organizationId: string) {
  const rows = await deps.db
    .select({
      variantId: supplierItems.variantId,
      sku: productVariants.sku,
      productName: products.name,
      variantName: productVariants.name,
      supplierId: suppliers.id,
      supplierName: suppliers.name,
      leadTimeDays: suppliers.leadTimeDays,
      unitCostCents: supplierItems.unitCostCents,
      packSize: supplierItems.packSize,
    })
    .from(supplierItems)
    .innerJoin(suppliers, eq(suppliers.id, supplierItems.supplierId))
    .innerJoin(productVariants, eq(productVariants.id, supplierItems.variantId))
    .innerJoin(products, eq(products.id, productVariants.productId))
    .where(and(eq(supplierItems.organizationId, organizationId), eq(products.status, "active")))
    .orderBy(asc(supplierItems.unitCostCents), asc(suppliers.name));
  const best = new Map<string, (typeof rows)[number]>();
  for (const row of rows) if (!best.has(row.variantId)) best.set(row.variantId, row);
  return [...best.values()];
}

/**
 * What to order now at one location: for every variant a supplier sells, its daily demand forecast (the method
 * its own history selects) over the supplier's lead time plus the review period, safety stock from the
 * forecast's error at the chosen service level, and the order that brings stock plus open orders up to that
 * level. Only variants at or below their reorder point are returned, the most urgent (fewest days of cover) first.
 */
export async function reorderSuggestions(
  deps: Pick<CoreDeps, "db" | "kv" | "clock">,
  organizationId: string,
  input: { locationId: string; serviceLevel: number; reviewDays?: number },
): Promise<{ lastDay: string; historyDays: number; suggestions: ReorderSuggestion[] }> {
  await assertFeature(deps, organizationId, "advanced_analytics");
  const [location] = await deps.db
    .select({ timeZone: locations.timeZone })
    .from(locations)
    .where(and(eq(locations.organizationId, organizationId), eq(locations.id, input.locationId)));
  if (!location)
    throw new DomainError("BAD_REQUEST", "Choose one of your locations.", { field: "locationId" });
  const reviewDays = input.reviewDays ?? 7;
  const lastDay = addDays(calendarDayIn(deps.clock(), location.timeZone), -1);

  const options = await supplyOptions(deps, organizationId);
  const variantIds = options.map((o) => o.variantId);
  const [demand, onOrder, levels] = await Promise.all([
    dailyDemand(deps.db, organizationId, {
      locationId: input.locationId,
      variantIds,
      lastDay,
      days: HISTORY_DAYS,
    }),
    unitsOnOrder(deps, organizationId, input.locationId),
    variantIds.length === 0
      ? Promise.resolve([])
      : deps.db
          .select({
            variantId: inventoryLevels.variantId,
            available: sql<number>`${inventoryLevels.onHand} - ${inventoryLevels.reserved}`,
          })
          .from(inventoryLevels)
          .where(
            and(
              eq(inventoryLevels.organizationId, organizationId),
              eq(inventoryLevels.locationId, input.locationId),
              inArray(inventoryLevels.variantId, variantIds),
            ),
          ),
  ]);
  const availableBy = new Map(levels.map((l) => [l.variantId, Number(l.available)]));
  const context = { frequency: "day" as const, period: 7, dateAt: dateAtFrom(demand.firstDay, "day") };

  const suggestions: (ReorderSuggestion & { cover: number })[] = [];
  for (const option of options) {
    const history = demand.byVariant.get(option.variantId)!;
    const leadTimeDays = option.leadTimeDays ?? DEFAULT_LEAD_TIME_DAYS;
    const forecast = forecastDemand(history, context, { horizon: leadTimeDays + reviewDays });
    if (!forecast) continue;
    const available = availableBy.get(option.variantId) ?? 0;
    const open = onOrder.get(option.variantId) ?? 0;
    const plan = reorderPlan({
      dailyMean: forecast.mean,
      dailySigma: forecast.sigma,
      leadTimeDays,
      reviewDays,
      serviceLevel: input.serviceLevel,
      available,
      onOrder: open,
      packSize: option.packSize,
    });
    if (plan.quantity <= 0) continue;
    const perDay = forecast.mean.slice(0, 7).reduce((t, v) => t + v, 0) / Math.min(7, forecast.mean.length);
    const assumed = option.leadTimeDays === null ? " (assumed: no lead time on file)" : "";
    suggestions.push({
      ...option,
      leadTimeDays,
      leadTimeAssumed: option.leadTimeDays === null,
      available,
      onOrder: open,
      method: forecast.method,
      forecastPerDay: Math.round(perDay * 10) / 10,
      leadTimeDemand: Math.round(plan.leadTimeDemand),
      safetyStock: plan.safetyStock,
      reorderPoint: plan.reorderPoint,
      orderUpTo: plan.orderUpTo,
      quantity: plan.quantity,
      costCents: plan.quantity * option.unitCostCents,
      reason:
        `${available + open} available or on order is at or below the reorder point of ${plan.reorderPoint}: ` +
        `about ${Math.round(plan.leadTimeDemand)} units sell in the ${leadTimeDays}-day lead time${assumed}, ` +
        `plus ${plan.safetyStock} safety stock for ${Math.round(input.serviceLevel * 100)}% service.`,
      cover: perDay > 0 ? (available + open) / perDay : Number.POSITIVE_INFINITY,
    });
  }
  suggestions.sort((a, b) => a.cover - b.cover || a.productName.localeCompare(b.productName));
  return {
    lastDay,
    historyDays: HISTORY_DAYS,
    suggestions: suggestions.map(({ cover: _cover, ...rest }) => rest),
  };
}
