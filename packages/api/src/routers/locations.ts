import { z } from "zod";
import {
  invalidateMenu,
  listLocationSettings,
  locateLocationSettings,
  saveLocationSettings,
} from "@cannasaas/core";
import { locationSettingsSchema } from "@cannasaas/validators";
import { createTRPCRouter, staffCallingOut, staffProcedure } from "../trpc";

const manage = staffProcedure("locations.manage");

/** The dashboard's location settings after onboarding: hours, lead times, zones, local taxes, address. */
export const locationsRouter = createTRPCRouter({
  list: manage.query(({ ctx }) => listLocationSettings(ctx.deps.db, ctx.organizationId)),

  /** Calls the geocoder when the address changed: no transaction is open meanwhile (see staffCallingOut). */
  update: staffCallingOut("locations.manage")
    .input(z.object({ locationId: z.uuid({ error: "Unknown location." }), settings: locationSettingsSchema }))
    .mutation(async ({ ctx, input }) => {
      const { organizationId } = ctx;
      const coordinates = await locateLocationSettings(
        { ...ctx.deps, read: ctx.scoped.read },
        organizationId,
        input.locationId,
        input.settings,
      );
      const after = await ctx.scoped.commit(async (tx) => {
        const saved = await saveLocationSettings(
          tx,
          organizationId,
          input.locationId,
          input.settings,
          coordinates,
        );
        ctx.audit.before(saved.before);
        return saved.after;
      });
      // Hours and stock-by-location show at once.
      await invalidateMenu(ctx.deps.kv, organizationId, "locations");
      return after;
    }),
});
