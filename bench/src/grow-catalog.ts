import { and, eq, sql } from "drizzle-orm";
import type { Database } from "@cannasaas/db/client";
import { inventoryLevels, locations, organizations, products, productVariants } from "@cannasaas/db/schema";

/**
 * Grows one tenant's menu to `target` active products by copying its seeded products under new names
 * (same categories, brands and prices), with stock at every location, so the benchmark reads a realistic
 * 5,000-product menu.
 */
export async function growCatalog(db: Database, slug: string, target: number) {
  const [org] = await db.select().from(organizations).where(eq(organizations.slug, slug));
  if (!org) throw new Error(`No tenant ${slug}`);
  const existing = await db.select().from(products).where(eq(products.organizationId, org.id));
  const variants = await db.select().from(productVariants).where(eq(productVariants.organizationId, org.id));
  const locs = await db
    .select({ id: locations.id })
    .from(locations)
    .where(eq(locations.organizationId, org.id));
  const byProduct = new Map<string, typeof variants>();
  for (const v of variants) byProduct.set(v.productId, [...(byProduct.get(v.productId) ?? []), v]);
  let count = existing.length;
  for (let round = 2; count < target; round++) {
    const batch = existing.slice(0, Math.min(existing.length, target - count));
    await db.transaction(async (tx) => {
      const inserted = await tx
        .insert(products)
        .values(
          batch.map(({ id: _id, search: _search, createdAt: _c, updatedAt: _u, ...p }) => ({
            ...p,
            slug: `${p.slug}-r${round}`,
            name: `${p.name} (Batch ${round})`,
          })),
        )
        .returning({ id: products.id });
      const newVariants = batch.flatMap((p, i) =>
        (byProduct.get(p.id) ?? []).map(({ id: _id, createdAt: _c, updatedAt: _u, ...v }) => ({
          ...v,
          productId: inserted[i]!.id,
          sku: `${v.sku}-R${round}`,
        })),
      );
      for (let i = 0; i < newVariants.length; i += 1000) {
        const rows = await tx
          .insert(productVariants)
          .values(newVariants.slice(i, i + 1000))
          .returning({ id: productVariants.id });
        await tx
          .insert(inventoryLevels)
          .values(
            rows.flatMap((v) =>
              locs.map((l) => ({ organizationId: org.id, locationId: l.id, variantId: v.id, onHand: 25 })),
            ),
          );
      }
    });
    count += batch.length;
  }
  await db.execute(sql`analyze`);
  const [{ n } = { n: 0 }] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(products)
    .where(and(eq(products.organizationId, org.id), eq(products.status, "active")));
  return n;
}
