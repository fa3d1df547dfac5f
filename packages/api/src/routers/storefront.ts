import { listCategories, listMenuProducts } from "@cannasaas/core";
import { categorySlugSchema, paginationSchema } from "@cannasaas/validators";
import { createTRPCRouter, tenantProcedure } from "../trpc";

export const storefrontRouter = createTRPCRouter({
  tenant: tenantProcedure.query(({ ctx }) => ({
    slug: ctx.tenant.slug,
    name: ctx.tenant.name,
    state: ctx.tenant.state,
    branding: ctx.tenant.branding,
    medicalEnabled: ctx.tenant.medicalEnabled,
  })),

  categories: tenantProcedure.query(({ ctx }) => listCategories(ctx.deps.db, ctx.tenant.id)),

  products: tenantProcedure
    .input(paginationSchema.extend({ category: categorySlugSchema.optional() }))
    .query(({ ctx, input }) =>
      listMenuProducts(ctx.deps.db, ctx.tenant.id, {
        page: input.page,
        pageSize: input.pageSize,
        categorySlug: input.category,
      }),
    ),
});
