import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import { brands, categories, organizations, products } from "@cannasaas/db/schema";
import { DomainError } from "../../errors";

/** What copy is written from: the product's structured fields, never its free text (which may carry anything). */
export type CopyFacts = {
  productId: string;
  name: string;
  category: string;
  categorySlug: string;
  brand: string | null;
  strainName: string | null;
  strainType: "indica" | "sativa" | "hybrid" | "cbd" | null;
  thcBps: number | null;
  cbdBps: number | null;
  thcMg: number | null;
  cbdMg: number | null;
  effects: string[];
  terpenes: string[];
  description: string | null;
  storeName: string;
  state: string;
};

/** The product's facts, scoped to the organization; NOT_FOUND for anyone else's product. */
export async function loadCopyFacts(
  db: DbOrTx,
  organizationId: string,
  productId: string,
): Promise<CopyFacts> {
  const [row] = await db
    .select({
      productId: products.id,
      name: products.name,
      category: categories.name,
      categorySlug: categories.slug,
      brand: brands.name,
      strainName: products.strainName,
      strainType: products.strainType,
      thcBps: products.thcBps,
      cbdBps: products.cbdBps,
      thcMg: products.thcMg,
      cbdMg: products.cbdMg,
      effects: products.effects,
      terpenes: products.terpenes,
      description: products.description,
      storeName: organizations.name,
      state: organizations.state,
    })
    .from(products)
    .innerJoin(categories, eq(categories.id, products.categoryId))
    .innerJoin(organizations, eq(organizations.id, products.organizationId))
    .leftJoin(brands, eq(brands.id, products.brandId))
    .where(and(eq(products.id, productId), eq(products.organizationId, organizationId)));
  if (!row) throw new DomainError("NOT_FOUND", "That product does not exist.");
  return row;
}
