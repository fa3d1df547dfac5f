import { and, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import { productAlertEvents, productVariants } from "@cannasaas/db/schema";

/**
 * Notes a restock when a stock change at one level may have brought its product back: called by every path that
 * raises a level's available units (on hand less reserved), in the transaction of the change. Only a level that
 * went from nothing available to some costs statements; then the product is locked for this check (two levels
 * restocked at once record one event, the second transaction sees the first's stock) and the event is written
 * when no other level of any of its variants has units available.
 */
export async function noteRestock(
  tx: DbOrTx,
  change: {
    organizationId: string;
    variantId: string;
    levelId: string;
    availableBefore: number;
    availableAfter: number;
  },
) {
  if (change.availableBefore > 0 || change.availableAfter <= 0) return false;
  const org = change.organizationId;
  const [variant] = await tx
    .select({ productId: productVariants.productId })
    .from(productVariants)
    .where(and(eq(productVariants.id, change.variantId), eq(productVariants.organizationId, org)));
  if (!variant) return false;
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`product-stock:${variant.productId}`}))`);
  const inserted = await tx.execute(sql`
    insert into product_alert_events (organization_id, product_id, kind)
    select ${org}, ${variant.productId}, 'restocked'
    where not exists (select 1 from inventory_levels l
      join product_variants v on v.id = l.variant_id
      where v.product_id = ${variant.productId} and l.organization_id = ${org}
        and l.id <> ${change.levelId} and l.on_hand > l.reserved)
    returning id`);
  const rows = Array.isArray(inserted) ? inserted : ((inserted as { rows?: unknown[] }).rows ?? []);
  return rows.length > 0;
}

/** Each product's lowest variant price (the price a shopper sees "from"). */
export async function lowestPrices(tx: DbOrTx, organizationId: string, productIds: readonly string[]) {
  if (productIds.length === 0) return new Map<string, number>();
  const rows = await tx
    .select({
      productId: productVariants.productId,
      price: sql<number>`min(${productVariants.priceCents})`.mapWith(Number),
    })
    .from(productVariants)
    .where(
      and(
        eq(productVariants.organizationId, organizationId),
        inArray(productVariants.productId, [...productIds]),
      ),
    )
    .groupBy(productVariants.productId);
  return new Map(rows.map((r) => [r.productId, r.price]));
}

/**
 * Records a price drop for each product whose lowest variant price went down between `before` and `after`
 * (product id to cents), in the transaction of the price change. A product new in `after` has no drop.
 */
export async function notePriceDrops(
  tx: DbOrTx,
  organizationId: string,
  before: ReadonlyMap<string, number>,
  after: ReadonlyMap<string, number>,
  occurredAt: Date,
) {
  const drops = [...after].flatMap(([productId, newPrice]) => {
    const oldPrice = before.get(productId);
    return oldPrice !== undefined && newPrice < oldPrice
      ? [
          {
            organizationId,
            productId,
            kind: "price_dropped" as const,
            oldPriceCents: oldPrice,
            newPriceCents: newPrice,
            occurredAt,
          },
        ]
      : [];
  });
  if (drops.length > 0) await tx.insert(productAlertEvents).values(drops);
  return drops.length;
}
