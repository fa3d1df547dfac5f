/**
 * Demo purchasing: two suppliers per demo store with terms for some of its menu, and, for a store that has no
 * sales history yet, eight weeks of completed sales of those items at its first location, so "Suggested orders"
 * has a forecast to work from. Deterministic: every number comes from a keyed stream, none from the clock
 * except the day the history ends (the seed's `now`).
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Transaction } from "../client";
import { takeOrderNumber } from "../order-numbers";
import {
  categories,
  customers,
  locations,
  orderItems,
  orders,
  organizations,
  products,
  productVariants,
  supplierItems,
  suppliers,
} from "../schema";
import { DEMO_ORGS } from "./demo-data";
import { intBetween, rngFor } from "./random";

const HISTORY_DAYS = 56;
/** Friday and Saturday sell about twice a Tuesday in dispensary data; the shape, not the scale, matters here. */
const WEEKDAY_SHAPE = [1.0, 0.75, 0.7, 0.8, 0.95, 1.4, 1.45];

const SUPPLIERS = [
  { name: "Valley Growers Co-op", contactName: "Dana Ortiz", leadTimeDays: 5, minimumOrderCents: 50_000 },
  { name: "Coastal Extracts", contactName: "Sam Lee", leadTimeDays: null, minimumOrderCents: 0 },
] as const;

export async function seedDemoPurchasing(tx: Transaction, now: Date) {
  const orgs = await tx
    .select({ id: organizations.id, slug: organizations.slug })
    .from(organizations)
    .where(
      inArray(
        organizations.slug,
        DEMO_ORGS.map((o) => o.slug),
      ),
    );
  for (const org of orgs) await seedOrganizationPurchasing(tx, org, now);
}

async function seedOrganizationPurchasing(tx: Transaction, org: { id: string; slug: string }, now: Date) {
  const variants = await tx
    .select({
      id: productVariants.id,
      sku: productVariants.sku,
      name: productVariants.name,
      priceCents: productVariants.priceCents,
      productName: products.name,
      category: categories.slug,
    })
    .from(productVariants)
    .innerJoin(products, eq(products.id, productVariants.productId))
    .innerJoin(categories, eq(categories.id, products.categoryId))
    .where(and(eq(productVariants.organizationId, org.id), eq(products.status, "active")))
    .orderBy(asc(productVariants.sku))
    .limit(16);
  if (variants.length === 0) return;
  const supplierRows = await tx
    .insert(suppliers)
    .values(
      SUPPLIERS.map((s) => ({
        organizationId: org.id,
        ...s,
        email: `orders@${s.name
          .toLowerCase()
          .replace(/[^a-z]+/g, "-")
          .replace(/-$/, "")}.example`,
      })),
    )
    .returning({ id: suppliers.id });
  await tx.insert(supplierItems).values(
    variants.map((v, i) => {
      const random = rngFor(`purchasing:${org.slug}:${v.sku}`);
      return {
        organizationId: org.id,
        supplierId: supplierRows[i < 8 ? 0 : 1]!.id,
        variantId: v.id,
        // Wholesale at 45-55% of shelf price, the usual dispensary margin.
        unitCostCents: Math.round((v.priceCents * intBetween(random, 45, 55)) / 100),
        packSize: i % 4 === 0 ? 6 : 1,
      };
    }),
  );
  await seedSalesIfNone(tx, org, variants, now);
}

async function seedSalesIfNone(
  tx: Transaction,
  org: { id: string; slug: string },
  variants: {
    id: string;
    sku: string;
    name: string;
    priceCents: number;
    productName: string;
    category: string;
  }[],
  now: Date,
) {
  const [existing] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(orders)
    .where(and(eq(orders.organizationId, org.id), eq(orders.status, "completed")));
  if ((existing?.n ?? 0) > 0) return;
  const [location] = await tx
    .select({ id: locations.id })
    .from(locations)
    .where(eq(locations.organizationId, org.id))
    .orderBy(asc(locations.slug))
    .limit(1);
  const [customer] = await tx
    .select({ id: customers.id })
    .from(customers)
    .where(eq(customers.organizationId, org.id))
    .limit(1);
  if (!location || !customer) return;
  const lastDay = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - 86_400_000;
  const rates = variants.map((v) => 0.5 + rngFor(`purchasing-rate:${org.slug}:${v.sku}`)() * 5);
  for (let d = HISTORY_DAYS - 1; d >= 0; d--) {
    const day = new Date(lastDay - d * 86_400_000);
    const localDay = day.toISOString().slice(0, 10);
    const random = rngFor(`purchasing-day:${org.slug}:${localDay}`);
    const lines = variants
      .map((v, i) => ({
        v,
        units: Math.round(rates[i]! * WEEKDAY_SHAPE[day.getUTCDay()]! * (0.6 + random() * 0.8)),
      }))
      .filter((l) => l.units > 0);
    if (lines.length === 0) continue;
    const subtotal = lines.reduce((t, l) => t + l.units * l.v.priceCents, 0);
    const placedAt = new Date(day.getTime() + 20 * 3_600_000);
    const [order] = await tx
      .insert(orders)
      .values({
        organizationId: org.id,
        orderNumber: await takeOrderNumber(tx, org.id),
        customerId: customer.id,
        locationId: location.id,
        status: "completed",
        fulfillment: "pickup",
        purchaserType: "adult_use",
        paymentMethod: "cash",
        paymentStatus: "paid",
        subtotalCents: subtotal,
        totalCents: subtotal,
        localDay,
        placedAt,
        completedAt: new Date(placedAt.getTime() + 1_800_000),
      })
      .returning({ id: orders.id });
    await tx.insert(orderItems).values(
      lines.map((l) => ({
        organizationId: org.id,
        orderId: order!.id,
        variantId: l.v.id,
        productName: l.v.productName,
        variantName: l.v.name,
        sku: l.v.sku,
        category: l.v.category,
        quantity: l.units,
        unitPriceCents: l.v.priceCents,
        subtotalCents: l.units * l.v.priceCents,
        totalCents: l.units * l.v.priceCents,
      })),
    );
  }
}
