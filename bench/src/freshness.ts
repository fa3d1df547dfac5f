import { and, eq, sql } from "drizzle-orm";
import type { Database } from "@cannasaas/db/client";
import { inventoryLevels, organizations, products, productVariants } from "@cannasaas/db/schema";
import { getPage } from "./load";

const POLL_MS = 25;

/**
 * Changes the stock of the first product on menu page 1 (already cached by the scenarios before) the way a
 * sale or a stock count does, then polls the menu until the page shows the new count: the time a shopper
 * could see stale stock.
 */
export async function freshness(db: Database, slug: string, port: number, host: string) {
  const [org] = await db.select().from(organizations).where(eq(organizations.slug, slug));
  const [first] = await db
    .select({ id: products.id })
    .from(products)
    .where(and(eq(products.organizationId, org!.id), eq(products.status, "active")))
    .orderBy(products.name, products.id)
    .limit(1);
  const variantIds = (
    await db
      .select({ id: productVariants.id })
      .from(productVariants)
      .where(eq(productVariants.productId, first!.id))
  ).map((v) => v.id);
  const page = async () => (await getPage(port, host, "/")).body;
  await page();
  // A distinctive total: 7,777 units over the product's variants and locations.
  const levels = await db
    .select({ id: inventoryLevels.id })
    .from(inventoryLevels)
    .where(sql`${inventoryLevels.variantId} in ${variantIds}`);
  const started = performance.now();
  await db.transaction(async (tx) => {
    for (const [i, level] of levels.entries()) {
      await tx
        .update(inventoryLevels)
        .set({ onHand: i === 0 ? 7_777 : 0, reserved: 0 })
        .where(eq(inventoryLevels.id, level.id));
    }
  });
  for (;;) {
    if ((await page()).includes("7777 in stock")) break;
    if (performance.now() - started > 60_000) throw new Error("The menu never showed the new stock.");
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  return { stockMs: performance.now() - started, pollMs: POLL_MS };
}
