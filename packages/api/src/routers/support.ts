import { z } from "zod";
import { listSupportRequests, setSupportRequestStatus, SUPPORT_STATUSES } from "@cannasaas/core";
import { createTRPCRouter, staffProcedure } from "../trpc";

/**
 * Shoppers' requests for a person, opened by the storefront assistant's hand-off: staff who may see customers
 * read them; those who serve customers (`support.handle`) mark them handled.
 */
export const supportRouter = createTRPCRouter({
  requests: staffProcedure("customers.read")
    .input(z.object({ status: z.enum(SUPPORT_STATUSES).optional() }).optional())
    .query(({ ctx, input }) => listSupportRequests(ctx.deps.db, ctx.organizationId, input ?? {})),
  setStatus: staffProcedure("support.handle")
    .input(
      z.object({
        requestId: z.uuid({ error: "Unknown request." }),
        status: z.enum(SUPPORT_STATUSES, { error: "Choose open or closed." }),
      }),
    )
    .mutation(({ ctx, input }) => setSupportRequestStatus(ctx.deps.db, ctx.organizationId, input)),
});
