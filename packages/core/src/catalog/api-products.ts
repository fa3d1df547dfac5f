import { and, asc, eq, gte, inArray, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import { brands, categories, inventoryLevels, products } from "@cannasaas/db/schema";
import { DomainError } from "../errors";
import {
  decodeCursor,
  encodeCursor,
  keysetPage,
  UUID_PATTERN,
  type KeysetPage,
  type KeysetPageInput,
} from "../pagination/keyset";
import { selectProductRows, selectVariantsOfProducts, type ProductRow } from "./product-rows";

type ProductStatus = (typeof products.$inferSelect)["status"];

export type CatalogProductFilter = KeysetPageInput & {
  /** Category slug or id. */
  category?: string;
  /** Brand slug or id. */
  brand?: string;
  status?: ProductStatus;
  /** Web-search syntax over name, strain and description. */
  search?: string;
  updatedSince?: Date;
};

const byIdOrSlug = (table: typeof categories | typeof brands, value: string) =>
  UUID_PATTERN.test(value) ? eq(table.id, value) : eq(table.slug, value);

/** Products with their variants (in display order), oldest change first. */
async function loadProducts(db: DbOrTx, organizationId: string, where: SQL | undefined, limit: number) {
  const rows = await selectProductRows(db, organizationId, {
    where,
    orderBy: [asc(products.updatedAt), asc(products.id)],
    limit,
  });
  const variants = await selectVariantsOfProducts(
    db,
    organizationId,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ ...r, variants: variants.filter((v) => v.productId === r.id) }));
}

export type CatalogProduct = ProductRow & { variants: Awaited<ReturnType<typeof selectVariantsOfProducts>> };

/**
 * One page of an organization's products of every status with their variants, oldest change first, so
 * `updatedSince` plus the cursor is a complete sync feed.
 */
export async function listCatalogProductsPage(
  db: DbOrTx,
  organizationId: string,
  filter: CatalogProductFilter,
): Promise<KeysetPage<CatalogProduct>> {
  const after = decodeCursor(filter.cursor);
  const rows = await loadProducts(
    db,
    organizationId,
    and(
      filter.category ? byIdOrSlug(categories, filter.category) : undefined,
      filter.brand ? byIdOrSlug(brands, filter.brand) : undefined,
      filter.status ? eq(products.status, filter.status) : undefined,
      filter.search
        ? sql`${products.search} @@ websearch_to_tsquery('english', ${filter.search})`
        : undefined,
      filter.updatedSince ? gte(products.updatedAt, filter.updatedSince) : undefined,
      after
        ? sql`(${products.updatedAt}, ${products.id}) > (${after[0]}::timestamptz, ${after[1]}::uuid)`
        : undefined,
    ),
    filter.limit + 1,
  );
  return keysetPage(rows, filter.limit, (r) => encodeCursor(r.updatedAtKey, r.id));
}

/** One product of the organization with its variants and, per location, each variant's stock. */
export async function getCatalogProductWithStock(db: DbOrTx, organizationId: string, productId: string) {
  const [product] = await loadProducts(db, organizationId, eq(products.id, productId), 1);
  if (!product) throw new DomainError("NOT_FOUND", "No product with that id in this organization.");
  const variantIds = product.variants.map((v) => v.id);
  const stock = variantIds.length
    ? await db
        .select({
          locationId: inventoryLevels.locationId,
          variantId: inventoryLevels.variantId,
          onHand: inventoryLevels.onHand,
          reserved: inventoryLevels.reserved,
        })
        .from(inventoryLevels)
        .where(
          and(
            eq(inventoryLevels.organizationId, organizationId),
            inArray(inventoryLevels.variantId, variantIds),
          ),
        )
        .orderBy(asc(inventoryLevels.locationId), asc(inventoryLevels.variantId))
    : [];
  return { ...product, stock: stock.map((s) => ({ ...s, available: s.onHand - s.reserved })) };
}
