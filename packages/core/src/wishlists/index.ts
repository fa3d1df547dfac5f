import { and, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import { products, wishlistItems } from "@cannasaas/db/schema";
import { DomainError } from "../errors";

type Scope = { organizationId: string; customerId: string };

/** Saves or unsaves a product of this store; returns whether it is saved now. */
export async function setSaved(db: DbOrTx, scope: Scope, productId: string, saved: boolean) {
  const [product] = await db
    .select({ id: products.id })
    .from(products)
    .where(and(eq(products.id, productId), eq(products.organizationId, scope.organizationId)));
  if (!product) throw new DomainError("NOT_FOUND", "That product is not on this menu.");
  if (saved) {
    await db
      .insert(wishlistItems)
      .values({ ...scope, productId })
      .onConflictDoNothing();
  } else {
    await db
      .delete(wishlistItems)
      .where(and(eq(wishlistItems.customerId, scope.customerId), eq(wishlistItems.productId, productId)));
  }
  return { productId, saved };
}

/** The shopper's saved products, newest first, with what the account page needs to link and show them. */
export async function listSaved(db: DbOrTx, scope: Scope) {
  return db
    .select({
      productId: products.id,
      slug: products.slug,
      name: products.name,
      imageUrl: products.imageUrl,
      status: products.status,
      savedAt: wishlistItems.createdAt,
    })
    .from(wishlistItems)
    .innerJoin(products, eq(products.id, wishlistItems.productId))
    .where(
      and(
        eq(wishlistItems.organizationId, scope.organizationId),
        eq(wishlistItems.customerId, scope.customerId),
      ),
    )
    .orderBy(desc(wishlistItems.createdAt));
}

/** Just the ids, for the hearts on menu cards. */
export async function savedProductIds(db: DbOrTx, scope: Scope) {
  const rows = await db
    .select({ productId: wishlistItems.productId })
    .from(wishlistItems)
    .where(
      and(
        eq(wishlistItems.organizationId, scope.organizationId),
        eq(wishlistItems.customerId, scope.customerId),
      ),
    );
  return rows.map((r) => r.productId);
}
