import { and, asc, eq, gte, inArray, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@cannasaas/db/client";
import { brands, categories, inventoryLevels, products, productVariants } from "@cannasaas/db/schema";
import { DomainError } from "../../errors";
import {
  cursorParam,
  dateTimeParam,
  decodeCursor,
  defineEndpoint,
  encodeCursor,
  iso,
  limitParam,
  page,
  pageSchema,
  uuidParam,
  UUID_PATTERN,
} from "../http";

export const ApiVariant = z
  .object({
    id: z.uuid(),
    sku: z.string(),
    name: z.string().describe('Shown to shoppers, e.g. "3.5 g".'),
    weightMg: z.number().int().nullable().describe("Net cannabis weight in milligrams."),
    netWeightMg: z.number().int().nullable(),
    netVolumeMl: z.number().int().nullable(),
    priceCents: z.number().int().describe("Adult-use shelf price in cents, before tax."),
    medicalPriceCents: z.number().int().nullable(),
  })
  .meta({ id: "Variant" });

const Ref = z.object({ id: z.uuid(), slug: z.string(), name: z.string() });

export const ApiProduct = z
  .object({
    id: z.uuid(),
    slug: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    status: z.enum(["draft", "active", "archived"]),
    category: Ref,
    brand: Ref.nullable(),
    strainName: z.string().nullable(),
    strainType: z.enum(["indica", "sativa", "hybrid", "cbd"]).nullable(),
    thcBps: z.number().int().nullable().describe("THC as basis points of percent (21.5% = 2150)."),
    cbdBps: z.number().int().nullable(),
    thcMg: z.number().int().nullable().describe("THC per package in milligrams (edibles, tinctures)."),
    cbdMg: z.number().int().nullable(),
    effects: z.array(z.string()),
    terpenes: z.array(z.string()),
    imageUrl: z.string().nullable(),
    labResultsUrl: z.string().nullable(),
    variants: z.array(ApiVariant),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "Product" });

const StockLevel = z
  .object({
    locationId: z.uuid(),
    variantId: z.uuid(),
    onHand: z.number().int(),
    reserved: z.number().int().describe("Held for open orders."),
    available: z.number().int(),
  })
  .meta({ id: "ProductStock" });

const ApiProductDetail = ApiProduct.extend({ stock: z.array(StockLevel) }).meta({ id: "ProductDetail" });

const productColumns = {
  id: products.id,
  slug: products.slug,
  name: products.name,
  description: products.description,
  status: products.status,
  strainName: products.strainName,
  strainType: products.strainType,
  thcBps: products.thcBps,
  cbdBps: products.cbdBps,
  thcMg: products.thcMg,
  cbdMg: products.cbdMg,
  effects: products.effects,
  terpenes: products.terpenes,
  imageUrl: products.imageUrl,
  labResultsUrl: products.labResultsUrl,
  createdAt: products.createdAt,
  updatedAt: products.updatedAt,
  /** Exact (microsecond) sort key for the cursor; a JS Date would lose precision. */
  sortKey: sql<string>`${products.updatedAt}::text`,
  categoryId: categories.id,
  categorySlug: categories.slug,
  categoryName: categories.name,
  brandId: brands.id,
  brandSlug: brands.slug,
  brandName: brands.name,
};

async function loadProducts(db: DbOrTx, organizationId: string, where: SQL | undefined, limit: number) {
  const rows = await db
    .select(productColumns)
    .from(products)
    .innerJoin(
      categories,
      and(eq(categories.id, products.categoryId), eq(categories.organizationId, organizationId)),
    )
    .leftJoin(brands, and(eq(brands.id, products.brandId), eq(brands.organizationId, organizationId)))
    .where(and(eq(products.organizationId, organizationId), where))
    .orderBy(asc(products.updatedAt), asc(products.id))
    .limit(limit);
  const variants = rows.length
    ? await db
        .select()
        .from(productVariants)
        .where(
          and(
            eq(productVariants.organizationId, organizationId),
            inArray(
              productVariants.productId,
              rows.map((r) => r.id),
            ),
          ),
        )
        .orderBy(asc(productVariants.position), asc(productVariants.id))
    : [];
  return rows.map((r) => ({
    sortKey: r.sortKey,
    product: {
      id: r.id,
      slug: r.slug,
      name: r.name,
      description: r.description,
      status: r.status,
      category: { id: r.categoryId, slug: r.categorySlug, name: r.categoryName },
      brand: r.brandId ? { id: r.brandId, slug: r.brandSlug!, name: r.brandName! } : null,
      strainName: r.strainName,
      strainType: r.strainType,
      thcBps: r.thcBps,
      cbdBps: r.cbdBps,
      thcMg: r.thcMg,
      cbdMg: r.cbdMg,
      effects: r.effects,
      terpenes: r.terpenes,
      imageUrl: r.imageUrl,
      labResultsUrl: r.labResultsUrl,
      variants: variants
        .filter((v) => v.productId === r.id)
        .map((v) => ({
          id: v.id,
          sku: v.sku,
          name: v.name,
          weightMg: v.weightMg,
          netWeightMg: v.netWeightMg,
          netVolumeMl: v.netVolumeMl,
          priceCents: v.priceCents,
          medicalPriceCents: v.medicalPriceCents,
        })),
      createdAt: iso(r.createdAt),
      updatedAt: iso(r.updatedAt),
    },
  }));
}

const categoryFilter = (value: string) =>
  UUID_PATTERN.test(value) ? eq(categories.id, value) : eq(categories.slug, value);
const brandFilter = (value: string) =>
  UUID_PATTERN.test(value) ? eq(brands.id, value) : eq(brands.slug, value);

export const listProducts = defineEndpoint({
  operationId: "listProducts",
  method: "GET",
  path: "/products",
  scope: "products:read",
  tag: "Products",
  summary: "List products",
  description:
    "Products of every status, oldest change first, so `updated_since` plus the cursor is a complete sync feed.",
  query: z.object({
    category: z.string().max(100).optional().describe("Category slug or id."),
    brand: z.string().max(100).optional().describe("Brand slug or id."),
    status: z.enum(["draft", "active", "archived"]).optional(),
    q: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .optional()
      .describe("Full-text search over name, strain and description."),
    updated_since: dateTimeParam.optional().describe("Only products changed at or after this moment."),
    limit: limitParam,
    cursor: cursorParam,
  }),
  response: pageSchema(ApiProduct),
  async handler({ deps, organizationId, query }) {
    const after = decodeCursor(query.cursor);
    const rows = await loadProducts(
      deps.db,
      organizationId,
      and(
        query.category ? categoryFilter(query.category) : undefined,
        query.brand ? brandFilter(query.brand) : undefined,
        query.status ? eq(products.status, query.status) : undefined,
        query.q ? sql`${products.search} @@ websearch_to_tsquery('english', ${query.q})` : undefined,
        query.updated_since ? gte(products.updatedAt, new Date(query.updated_since)) : undefined,
        after
          ? sql`(${products.updatedAt}, ${products.id}) > (${after[0]}::timestamptz, ${after[1]}::uuid)`
          : undefined,
      ),
      query.limit + 1,
    );
    const result = page(rows, query.limit, (r) => encodeCursor(r.sortKey, r.product.id));
    return { data: result.data.map((r) => r.product), nextCursor: result.nextCursor };
  },
});

export const getProduct = defineEndpoint({
  operationId: "getProduct",
  method: "GET",
  path: "/products/{id}",
  scope: "products:read",
  tag: "Products",
  summary: "Get a product with its variants and stock per location",
  params: z.object({ id: uuidParam }),
  response: ApiProductDetail,
  async handler({ deps, organizationId, params }) {
    const [row] = await loadProducts(deps.db, organizationId, eq(products.id, params.id), 1);
    if (!row) throw new DomainError("NOT_FOUND", "No product with that id in this organization.");
    const variantIds = row.product.variants.map((v) => v.id);
    const stock = variantIds.length
      ? await deps.db
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
    return { ...row.product, stock: stock.map((s) => ({ ...s, available: s.onHand - s.reserved })) };
  },
});
