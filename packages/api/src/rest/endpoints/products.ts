import { z } from "zod";
import { productStatusEnum, strainTypeEnum } from "@cannasaas/db/schema";
import { getCatalogProductWithStock, listCatalogProductsPage, type CatalogProduct } from "@cannasaas/core";
import { cursorParam, dateTimeParam, defineEndpoint, iso, limitParam, pageSchema, uuidParam } from "../http";

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
    status: z.enum(productStatusEnum.enumValues),
    category: Ref,
    brand: Ref.nullable(),
    strainName: z.string().nullable(),
    strainType: z.enum(strainTypeEnum.enumValues).nullable(),
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

function toApiProduct(p: CatalogProduct) {
  return {
    id: p.id,
    slug: p.slug,
    name: p.name,
    description: p.description,
    status: p.status,
    category: p.category,
    brand: p.brand,
    strainName: p.strainName,
    strainType: p.strainType,
    thcBps: p.thcBps,
    cbdBps: p.cbdBps,
    thcMg: p.thcMg,
    cbdMg: p.cbdMg,
    effects: p.effects,
    terpenes: p.terpenes,
    imageUrl: p.imageUrl,
    labResultsUrl: p.labResultsUrl,
    variants: p.variants.map((v) => ({
      id: v.id,
      sku: v.sku,
      name: v.name,
      weightMg: v.weightMg,
      netWeightMg: v.netWeightMg,
      netVolumeMl: v.netVolumeMl,
      priceCents: v.priceCents,
      medicalPriceCents: v.medicalPriceCents,
    })),
    createdAt: iso(p.createdAt),
    updatedAt: iso(p.updatedAt),
  };
}

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
    status: z.enum(productStatusEnum.enumValues).optional(),
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
    const page = await listCatalogProductsPage(deps.db, organizationId, {
      category: query.category,
      brand: query.brand,
      status: query.status,
      search: query.q,
      updatedSince: query.updated_since ? new Date(query.updated_since) : undefined,
      limit: query.limit,
      cursor: query.cursor,
    });
    return { data: page.items.map(toApiProduct), nextCursor: page.nextCursor };
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
    const product = await getCatalogProductWithStock(deps.db, organizationId, params.id);
    return { ...toApiProduct(product), stock: product.stock };
  },
});
