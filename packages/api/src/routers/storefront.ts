import { TRPCError } from "@trpc/server";
import {
  cachedCategories,
  cachedMenuFacets,
  closuresAhead,
  hoursOn,
  isOpenAt,
  livePromotions,
  readMenuProduct,
  readMenuPage,
  readMenuSuggestions,
  readStorefrontLocations,
  withMenuDeals,
  withProductDeals,
  type MenuFilters,
  type MenuKind,
  type Tenant,
} from "@cannasaas/core";
import { createTRPCRouter, tenantCachedRead, tenantProcedure } from "../trpc";
import {
  facetsInputSchema,
  menuInputSchema,
  type FacetsInput,
  productInputSchema,
  suggestInputSchema,
} from "./storefront-inputs";

function requireMenu(tenant: Tenant, menu: MenuKind) {
  if (menu === "medical" && !tenant.medicalEnabled) {
    throw new TRPCError({ code: "BAD_REQUEST", message: "This store does not have a medical menu." });
  }
  return menu;
}

/** The search and filters of a menu or facets input, in the names the menu query takes. */
function menuFiltersOf(input: FacetsInput): MenuFilters {
  return {
    q: input.q,
    categorySlug: input.category,
    strainTypes: input.strainTypes,
    thcMinBps: input.thcMinBps,
    thcMaxBps: input.thcMaxBps,
    effects: input.effects,
    brandSlugs: input.brands,
    priceMinCents: input.priceMinCents,
    priceMaxCents: input.priceMaxCents,
  };
}

export const storefrontRouter = createTRPCRouter({
  // Read from the request's tenant, already resolved: nothing to open a transaction for.
  tenant: tenantCachedRead.query(({ ctx }) => ({
    slug: ctx.tenant.slug,
    name: ctx.tenant.name,
    state: ctx.tenant.state,
    branding: ctx.tenant.branding,
    medicalEnabled: ctx.tenant.medicalEnabled,
  })),

  categories: tenantCachedRead.query(({ ctx }) =>
    cachedCategories({ kv: ctx.deps.kv, read: ctx.scoped.read }, ctx.tenant.id),
  ),

  /**
   * A page of the menu, each variant with its price after the deals running now (priced by the same function as
   * the cart); a `locationId` that is not one of this store's is a BAD_REQUEST.
   */
  products: tenantProcedure.input(menuInputSchema).query(async ({ ctx, input }) => {
    const menu = requireMenu(ctx.tenant, input.menu);
    const now = ctx.deps.clock();
    // Issued together, the page's live stock and the deals' live counters overlap their trips to the database.
    const [{ page, location }, live] = await Promise.all([
      readMenuPage(ctx.deps, ctx.tenant.id, {
        page: input.page,
        pageSize: input.pageSize,
        ...menuFiltersOf(input),
        sort: input.sort,
        locationId: input.locationId,
        menu,
      }),
      livePromotions(ctx.deps, ctx.tenant.id, now),
    ]);
    // Deals follow the chosen location's clock (a chain may span time zones), else the store's.
    const timeZone = location?.timeZone ?? ctx.tenant.timeZone;
    return withMenuDeals(
      ctx.deps,
      { organizationId: ctx.tenant.id, timeZone, locationId: input.locationId ?? null, menu, now, live },
      page,
    );
  }),

  facets: tenantCachedRead
    .input(facetsInputSchema)
    .query(({ ctx, input }) =>
      cachedMenuFacets(
        { kv: ctx.deps.kv, read: ctx.scoped.read },
        ctx.tenant.id,
        requireMenu(ctx.tenant, input.menu),
        menuFiltersOf(input),
      ),
    ),

  /** Products to suggest while a shopper types in the search box (at most six, the host tenant's only). */
  suggest: tenantProcedure
    .input(suggestInputSchema)
    .query(({ ctx, input }) => (input.q ? readMenuSuggestions(ctx.deps, ctx.tenant.id, input.q) : [])),

  product: tenantProcedure.input(productInputSchema).query(async ({ ctx, input }) => {
    const now = ctx.deps.clock();
    const [product, live] = await Promise.all([
      readMenuProduct(ctx.deps, ctx.tenant.id, input.slug),
      livePromotions(ctx.deps, ctx.tenant.id, now),
    ]);
    if (!product) {
      throw new TRPCError({
        code: "NOT_FOUND",
        message: "That product is not on this store's menu. It may have been removed.",
      });
    }
    return withProductDeals(
      ctx.deps,
      { organizationId: ctx.tenant.id, timeZone: ctx.tenant.timeZone, locationId: null, now, live },
      product,
      ctx.tenant.medicalEnabled,
    );
  }),

  locations: tenantCachedRead.query(async ({ ctx }) => {
    const now = ctx.deps.clock();
    const rows = await readStorefrontLocations({ kv: ctx.deps.kv, read: ctx.scoped.read }, ctx.tenant.id);
    return rows.map((l) => ({
      ...l,
      openNow: isOpenAt(l.hours, l.timeZone, now, l.closedDays),
      today: hoursOn(l.hours, l.timeZone, now, l.closedDays),
      closures: closuresAhead(l.closedDays, l.timeZone, now),
    }));
  }),
});
