import { z } from "zod";
import { listLocationSettings, updateLocationSettings } from "@cannasaas/core";
import { locationSettingsSchema } from "@cannasaas/validators";
import { createTRPCRouter, staffProcedure } from "../trpc";

const manage = staffProcedure("locations.manage");

/** The dashboard's location settings after onboarding: hours, lead times, zones, local taxes, address. */
export const locationsRouter = createTRPCRouter({
  list: manage.query(({ ctx }) => listLocationSettings(ctx.deps.db, ctx.organizationId)),

  update: manage
    .input(z.object({ locationId: z.uuid({ error: "Unknown location." }), settings: locationSettingsSchema }))
    .mutation(async ({ ctx, input }) => {
      const { before, after } = await updateLocationSettings(
        ctx.deps,
        ctx.organizationId,
        input.locationId,
        input.settings,
      );
      ctx.audit.before(before);
      return after;
    }),
});
