import { and, asc, desc, eq, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import { brands, categories, products } from "@cannasaas/db/schema";
import { escapeLike, productWords, searchCondition } from "./menu-search";

export const SUGGESTIONS_LIMIT = 6;

/**
 * Products to suggest while a shopper types: the menu search's matches (full text, brand, close spelling),
 * names starting with the text first, then the closest spellings.
 */
export async function menuSuggestions(db: DbOrTx, organizationId: string, q: string) {
  const text = q.trim();
  if (!/[\p{L}\p{N}]/u.test(text)) return [];
  return db
    .select({
      slug: products.slug,
      name: products.name,
      category: categories.name,
      brand: brands.name,
    })
    .from(products)
    .innerJoin(
      categories,
      and(eq(categories.id, products.categoryId), eq(categories.organizationId, organizationId)),
    )
    .leftJoin(brands, and(eq(brands.id, products.brandId), eq(brands.organizationId, organizationId)))
    .where(
      and(
        eq(products.organizationId, organizationId),
        eq(products.status, "active"),
        // Text still being typed ("og k") also matches as typed, anywhere in the name, strain or brand.
        or(searchCondition(text), sql`${productWords} like ${`%${escapeLike(text.toLowerCase())}%`}`),
      ),
    )
    .orderBy(
      desc(sql`lower(${products.name}) like ${`${escapeLike(text.toLowerCase())}%`}`),
      desc(sql`word_similarity(${text.toLowerCase()}, ${productWords})`),
      asc(products.name),
      asc(products.id),
    )
    .limit(SUGGESTIONS_LIMIT);
}
