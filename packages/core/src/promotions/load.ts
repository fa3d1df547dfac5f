import { and, eq, gt, inArray, isNull, ne, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import {
  customers,
  loyaltyAccounts,
  orders,
  products,
  promotionRedemptions,
  promotions,
} from "@cannasaas/db/schema";
import type { EnginePromotion, PromotionLine } from "./types";

type PromotionRow = typeof promotions.$inferSelect;

export function toEnginePromotion(row: PromotionRow): EnginePromotion {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    rule: row.rule,
    target: row.target,
    audience: row.audience,
    status: row.status,
    stacking: row.stacking,
    priority: row.priority,
    requiresCode: row.requiresCode,
    firstOrderOnly: row.firstOrderOnly,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    daysOfWeek: row.daysOfWeek,
    startMinute: row.startMinute,
    endMinute: row.endMinute,
    perOrderLimit: row.perOrderLimit,
    perCustomerLimit: row.perCustomerLimit,
    totalLimit: row.totalLimit,
    minSubtotalCents: row.minSubtotalCents,
    redemptionCount: row.redemptionCount,
  };
}

/**
 * The store's active promotions that have not ended by `now` (with null: every active one, for a cache that
 * outlives the moment); whether each runs at this hour, for this shopper and cart is the rules' decision
 * (`applyPromotions`), so every surface filters the same way.
 */
export async function loadActivePromotions(db: DbOrTx, organizationId: string, now: Date | null) {
  const rows = await db
    .select()
    .from(promotions)
    .where(
      and(
        eq(promotions.organizationId, organizationId),
        eq(promotions.status, "active"),
        now ? or(isNull(promotions.endsAt), gt(promotions.endsAt, now)) : undefined,
      ),
    );
  return rows.map(toEnginePromotion);
}

/**
 * What the rules need to know about a shopper: whether this is their first order (no earlier order that was
 * not cancelled), their segments, their loyalty tier (members only: one who left the program keeps no tier
 * deals) and how often they already used each promotion (reversed uses do not count).
 */
export async function customerFacts(db: DbOrTx, organizationId: string, customerId: string) {
  const [customer] = await db
    .select({
      loyaltyMember: customers.loyaltyMember,
      isMedicalPatient: customers.isMedicalPatient,
      tierId: loyaltyAccounts.tierId,
    })
    .from(customers)
    .leftJoin(
      loyaltyAccounts,
      and(
        eq(loyaltyAccounts.customerId, customers.id),
        eq(loyaltyAccounts.organizationId, customers.organizationId),
      ),
    )
    .where(and(eq(customers.id, customerId), eq(customers.organizationId, organizationId)));
  const [history] = await db
    .select({
      placed: sql<number>`count(*)`.mapWith(Number),
      completed: sql<number>`count(*) filter (where ${orders.status} = 'completed')`.mapWith(Number),
    })
    .from(orders)
    .where(
      and(
        eq(orders.organizationId, organizationId),
        eq(orders.customerId, customerId),
        ne(orders.status, "cancelled"),
      ),
    );
  const used = await db
    .select({
      promotionId: promotionRedemptions.promotionId,
      orders: sql<number>`count(distinct ${promotionRedemptions.orderId})`.mapWith(Number),
    })
    .from(promotionRedemptions)
    .where(
      and(
        eq(promotionRedemptions.organizationId, organizationId),
        eq(promotionRedemptions.customerId, customerId),
        isNull(promotionRedemptions.reversedAt),
      ),
    )
    .groupBy(promotionRedemptions.promotionId);
  const segments: string[] = [];
  if (customer?.loyaltyMember) segments.push("loyalty_member");
  if (customer?.isMedicalPatient) segments.push("medical_patient");
  segments.push((history?.completed ?? 0) > 0 ? "returning" : "new");
  return {
    firstOrder: (history?.placed ?? 0) === 0,
    segments,
    tierId: customer?.loyaltyMember ? (customer.tierId ?? null) : null,
    redemptions: Object.fromEntries(used.map((u) => [u.promotionId, u.orders])),
  };
}

export { PROMOTION_SEGMENTS as CUSTOMER_SEGMENTS } from "@cannasaas/validators";

/** Brand and strain type of each product, which cart and menu rows do not carry, for targeting. */
export async function productFacts(db: DbOrTx, organizationId: string, productIds: string[]) {
  if (!productIds.length) return new Map<string, { brandId: string | null; strainType: string | null }>();
  const rows = await db
    .select({ id: products.id, brandId: products.brandId, strainType: products.strainType })
    .from(products)
    .where(and(eq(products.organizationId, organizationId), inArray(products.id, [...new Set(productIds)])));
  return new Map(rows.map((r) => [r.id, { brandId: r.brandId, strainType: r.strainType }]));
}

/** Whether any of these promotions reads who the shopper is (history, segments, tier, own uses). */
export const needsCustomerFacts = (live: readonly EnginePromotion[]) =>
  live.some(
    (p) =>
      p.firstOrderOnly ||
      p.perCustomerLimit != null ||
      !!p.audience.customerSegments?.length ||
      !!p.audience.tierIds?.length,
  );

/** Whether any of these promotions targets by brand or strain type, which cart and menu rows do not carry. */
export const needsProductFacts = (live: readonly EnginePromotion[]) =>
  live.some((p) => !!p.target.brandIds?.length || !!p.target.strainTypes?.length);

/**
 * Cart or menu rows as promotion lines, priced at `unitPriceCents` (the purchaser's price). Brand and strain
 * type are loaded only when `live` has a promotion that targets them (else no rule reads them).
 */
export async function toPromotionLines(
  db: DbOrTx,
  organizationId: string,
  rows: Array<{
    variantId: string;
    productId: string;
    category: string;
    unitPriceCents: number;
    quantity: number;
  }>,
  live: readonly EnginePromotion[],
): Promise<PromotionLine[]> {
  const facts = needsProductFacts(live)
    ? await productFacts(
        db,
        organizationId,
        rows.map((r) => r.productId),
      )
    : new Map<string, { brandId: string | null; strainType: string | null }>();
  return rows.map((r) => ({
    lineId: r.variantId,
    productId: r.productId,
    variantId: r.variantId,
    categorySlug: r.category,
    brandId: facts.get(r.productId)?.brandId ?? null,
    strainType: facts.get(r.productId)?.strainType ?? null,
    unitPriceCents: r.unitPriceCents,
    quantity: r.quantity,
  }));
}
