import { z } from "zod";
import { recommendFor } from "@cannasaas/core";
import { createTRPCRouter, tenantProcedure } from "../trpc";

/**
 * Storefront recommendations for a product page (one product) or a cart (its products): "similar products" and
 * "frequently bought together", from the host store's own catalog and orders (see core's recommendations).
 */
export const recommendationsRouter = createTRPCRouter({
  forProducts: tenantProcedure
    .input(
      z.object({
        productIds: z
          .array(z.uuid({ error: "Unknown product." }))
          .min(1, { error: "Name at least one product." })
          .max(20, { error: "Name at most 20 products." }),
        locationId: z.uuid({ error: "Unknown location." }).nullish(),
      }),
    )
    .query(({ ctx, input }) => recommendFor(ctx.deps, ctx.tenant.id, input)),
});
