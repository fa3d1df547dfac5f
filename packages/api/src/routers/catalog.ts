import { z } from "zod";
import { can } from "@cannasaas/auth";
import {
  applyCatalogImportChunk,
  createBrand,
  createCatalogImport,
  createCategory,
  createProduct,
  getAdminProduct,
  getCatalogImport,
  listAdminCategories,
  listAdminProducts,
  listBrands,
  listCatalogImports,
  MAX_IMPORT_BYTES,
  MAX_PRODUCT_IMAGE_BYTES,
  productInput,
  productListInput,
  productUpdateInput,
  renameCategory,
  setCategoryLimitKind,
  setProductArchived,
  taxonomyNameInput,
  updateProduct,
  uploadProductImage,
  type CatalogActor,
} from "@cannasaas/core";
import { categoryCreateInput, categoryLimitKindInput } from "@cannasaas/validators";
import { createTRPCRouter, staffCallingOut, staffProcedure } from "../trpc";

const read = staffProcedure("catalog.read");
const write = staffProcedure("catalog.write");
/** Regulated fields: what decides prices, taxes and purchase limits (see core's `field-rights.ts`). */
const regulated = staffProcedure("prices.write");

type StaffCtx = { organizationId: string; role: Parameters<typeof can>[0]; user: { id: string } };
const actorOf = (ctx: StaffCtx): CatalogActor => ({
  organizationId: ctx.organizationId,
  userId: ctx.user.id,
  canWritePrices: can(ctx.role, "prices.write"),
});
const productId = z.object({ productId: z.uuid({ error: "Unknown product." }) });
const importId = z.object({ importId: z.uuid({ error: "Unknown import." }) });

/** The photo arrives as bytes from the dashboard's multipart upload route; it never travels as base64 text. */
const imageFile = z
  .instanceof(Uint8Array, { error: "Choose a photo." })
  .refine((bytes) => bytes.length <= MAX_PRODUCT_IMAGE_BYTES, "Product photos can be at most 5 MB.");

const productsRouter = createTRPCRouter({
  list: read
    .input(productListInput)
    .query(({ ctx, input }) => listAdminProducts(ctx.deps.db, ctx.organizationId, input)),
  get: read
    .input(productId)
    .query(({ ctx, input }) => getAdminProduct(ctx.deps.db, ctx.organizationId, input.productId)),
  create: write
    .input(productInput)
    .mutation(({ ctx, input }) => createProduct(ctx.deps, actorOf(ctx), input)),
  update: write
    .input(productUpdateInput)
    .mutation(({ ctx, input }) => updateProduct(ctx.deps, actorOf(ctx), input)),
  archive: write
    .input(productId)
    .mutation(({ ctx, input }) => setProductArchived(ctx.deps, actorOf(ctx), input.productId, true)),
  restore: write
    .input(productId)
    .mutation(({ ctx, input }) => setProductArchived(ctx.deps, actorOf(ctx), input.productId, false)),
  /** Writes to file storage with no transaction open (see staffCallingOut). */
  uploadImage: staffCallingOut("catalog.write")
    .input(productId.extend({ file: imageFile }))
    .mutation(({ ctx, input }) =>
      uploadProductImage({ ...ctx.deps, steps: ctx.scoped }, ctx.organizationId, input.productId, input.file),
    ),
});

const categoriesRouter = createTRPCRouter({
  list: read.query(({ ctx }) => listAdminCategories(ctx.deps.db, ctx.organizationId)),
  create: write
    .input(categoryCreateInput)
    .mutation(({ ctx, input }) => createCategory(ctx.deps, ctx.organizationId, input)),
  /** How purchase limits count the category's products: changes limits and taxes, so a regulated field. */
  setLimitKind: regulated
    .input(categoryLimitKindInput)
    .mutation(({ ctx, input }) =>
      setCategoryLimitKind(ctx.deps, ctx.organizationId, input.categoryId, input.limitKind),
    ),
  rename: write
    .input(taxonomyNameInput.extend({ categoryId: z.uuid({ error: "Unknown category." }) }))
    .mutation(({ ctx, input }) => renameCategory(ctx.deps, ctx.organizationId, input.categoryId, input.name)),
});

const brandsRouter = createTRPCRouter({
  list: read.query(({ ctx }) => listBrands(ctx.deps.db, ctx.organizationId)),
  create: write
    .input(taxonomyNameInput)
    .mutation(({ ctx, input }) => createBrand(ctx.deps, ctx.organizationId, input.name)),
});

const importsRouter = createTRPCRouter({
  list: read.query(({ ctx }) => listCatalogImports(ctx.deps.db, ctx.organizationId)),
  get: read
    .input(importId)
    .query(({ ctx, input }) => getCatalogImport(ctx.deps.db, ctx.organizationId, input.importId)),
  /** Validates the whole file and stores the valid rows; nothing reaches the catalog until `applyNext`. */
  create: write
    .input(
      z.object({
        fileName: z.string().trim().min(1).max(200),
        csv: z.string().max(MAX_IMPORT_BYTES, { error: "The file is larger than 10 MB." }),
      }),
    )
    .mutation(({ ctx, input }) => createCatalogImport(ctx.deps, actorOf(ctx), input)),
  /** Applies the next chunk of products in one transaction; call until the status is `completed`. */
  applyNext: write
    .input(importId)
    .mutation(({ ctx, input }) => applyCatalogImportChunk(ctx.deps, actorOf(ctx), input.importId)),
});

export const catalogRouter = createTRPCRouter({
  products: productsRouter,
  categories: categoriesRouter,
  brands: brandsRouter,
  imports: importsRouter,
  /** Who may export: the dashboard's export route checks this, then streams the CSV itself. */
  exportAccess: read.query(({ ctx }) => ({ organizationId: ctx.organizationId })),
});
