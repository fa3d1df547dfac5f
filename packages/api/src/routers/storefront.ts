import { TRPCError } from "@trpc/server";
import {
  cachedCategories,
  cachedMenuFacets,
  getMenuProduct,
  hoursOn,
  isOpenAt,
  listMenuProducts,
  listStorefrontLocations,
  type MenuKind,
  type Tenant,
} from "@cannasaas/core";
import { createTRPCRouter, tenantProcedure } from "../trpc";
import { facetsInputSchema, menuInputSchema, productInputSchema } from "./storefront-inputs";

function requireMenu(tenant: Tenant, menu: MenuKind) {
  if (menu === "medical" && !tenant.medicalEnabled) {
    throw new TRPCError({ code: "BAD_REQUEST", message: "This store does not have a medical menu." });
  }
  return menu;
}

export const storefrontRouter = createTRPCRouter({
  tenant: tenantProcedure.query(({ ctx }) => ({
    slug: ctx.tenant.slug,
    name: ctx.tenant.name,
    state: ctx.tenant.state,
    branding: ctx.tenant.branding,
    medicalEnabled: ctx.tenant.medicalEnabled,
  })),

  categories: tenantProcedure.query(({ ctx }) => cachedCategories(ctx.deps, ctx.tenant.id)),

  /** A page of the menu; a `locationId` that is not one of this store's is a BAD_REQUEST. */
  products: tenantProcedure.input(menuInputSchema).query(({ ctx, input }) =>
    listMenuProducts(ctx.deps.db, ctx.tenant.id, {
      page: input.page,
      pageSize: input.pageSize,
      q: input.q,
      categorySlug: input.category,
      strainTypes: input.strainTypes,
      thcMinBps: input.thcMinBps,
      thcMaxBps: input.thcMaxBps,
      effects: input.effects,
      brandSlugs: input.brands,
      priceMinCents: input.priceMinCents,
      priceMaxCents: input.priceMaxCents,
      sort: input.sort,
      locationId: input.locationId,
      menu: requireMenu(ctx.tenant, input.menu),
    }),
  ),

  facets: tenantProcedure
    .input(facetsInputSchema)
    .query(({ ctx, input }) =>
      cachedMenuFacets(ctx.deps, ctx.tenant.id, requireMenu(ctx.tenant, input.menu)),
    ),

  product: tenantProcedure.input(productInputSchema).query(async ({ ctx, input }) => {
    const product = await getMenuProduct(ctx.deps.db, ctx.tenant.id, input.slug);
    if (!product) {
      throw new TRPCError({
        code: "NOT_FOUND",
        message: "That product is not on this store's menu. It may have been removed.",
      });
    }
    return product;
  }),

  locations: tenantProcedure.query(async ({ ctx }) => {
    const now = ctx.deps.clock();
    const rows = await listStorefrontLocations(ctx.deps.db, ctx.tenant.id);
    return rows.map((l) => ({
      ...l,
      openNow: isOpenAt(l.hours, l.timeZone, now),
      today: hoursOn(l.hours, l.timeZone, now),
    }));
  }),
});
