import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { openDispensary } from "@cannasaas/auth";
import {
  insertLocation,
  invalidateMenu,
  locateNewLocation,
  continueOnboarding,
  getOnboarding,
  goToOnboardingStep,
  launchStorefront,
  ONBOARDING_STEPS,
  removeLocation,
  saveBranding,
  saveBusinessInfo,
  saveComplianceSettings,
  savePaymentMethods,
  setLocationMedicalEndorsement,
  slugProblem,
} from "@cannasaas/core";
import {
  brandingSchema,
  businessInfoSchema,
  complianceSchema,
  dispensarySignUpSchema,
  locationSchema,
  paymentsSchema,
  slugSchema,
} from "@cannasaas/validators";
import type { Database } from "@cannasaas/db/client";
import { createTRPCRouter, platformProcedure, staffCallingOut, staffProcedure } from "../trpc";

const settings = staffProcedure("organization.update");
/** Returns what the wizard shows after a change, so a client has one shape to render. */
const summary = (o: { id: string; slug: string; launchedAt: Date | null; onboarding: unknown }) => ({
  id: o.id,
  slug: o.slug,
  launchedAt: o.launchedAt,
  onboarding: o.onboarding,
});

export const onboardingRouter = createTRPCRouter({
  /** Whether a subdomain can be had, for the sign-up form as the owner types. */
  checkSlug: platformProcedure.input(z.object({ slug: slugSchema })).query(async ({ ctx, input }) => {
    const problem = await slugProblem(ctx.deps, input.slug);
    return { slug: input.slug, available: problem === null, message: problem };
  }),

  /**
   * Opens a new dispensary on the platform domain: owner account, organization and membership together, and
   * a confirmation email. Answers only with a message, the same whether or not the email already has an
   * account (that owner is emailed instead).
   */
  signUp: platformProcedure.input(dispensarySignUpSchema).mutation(async ({ ctx, input }) => {
    // Without a known address the limit is per owner email (never one bucket shared by everyone).
    const limit = await ctx.deps.kv.rateLimit(
      `rl:dispensary-signup:${ctx.ip ?? `email:${input.email}`}`,
      5,
      60 * 60,
    );
    if (!limit.allowed) {
      throw new TRPCError({
        code: "TOO_MANY_REQUESTS",
        message: "Too many sign-ups from this connection. Try again in an hour.",
      });
    }
    const { outboxIds, message } = await openDispensary(ctx.deps, input, { platformOrigin: ctx.origin });
    ctx.deliverOutbox(outboxIds);
    return { message };
  }),

  state: staffProcedure("organization.read").query(({ ctx }) => getOnboarding(ctx.deps, ctx.organizationId)),

  goTo: settings
    .input(z.object({ step: z.enum(ONBOARDING_STEPS) }))
    .mutation(({ ctx, input }) => goToOnboardingStep(ctx.deps, ctx.organizationId, input.step)),

  saveBusiness: settings
    .input(businessInfoSchema)
    .mutation(async ({ ctx, input }) => summary(await saveBusinessInfo(ctx.deps, ctx.organizationId, input))),

  saveBranding: settings
    .input(brandingSchema)
    .mutation(async ({ ctx, input }) => summary(await saveBranding(ctx.deps, ctx.organizationId, input))),

  /** Calls the geocoder: no transaction is open meanwhile (see staffCallingOut). */
  addLocation: staffCallingOut("locations.manage")
    .input(locationSchema)
    .mutation(async ({ ctx, input }) => {
      const { organizationId } = ctx;
      const coordinates = await locateNewLocation(
        { ...ctx.deps, read: ctx.scoped.read },
        organizationId,
        input,
      );
      const added = await ctx.scoped.commit((tx) =>
        insertLocation(tx as unknown as Database, organizationId, input, coordinates),
      );
      await invalidateMenu(ctx.deps.kv, organizationId, "locations");
      return added;
    }),

  removeLocation: staffProcedure("locations.manage")
    .input(z.object({ locationId: z.uuid({ error: "Unknown location." }) }))
    .mutation(({ ctx, input }) => removeLocation(ctx.deps, ctx.organizationId, input.locationId)),

  /** Washington's medical endorsement on a location's license: it decides the card holders' tax exemption. */
  setMedicalEndorsement: settings
    .input(z.object({ locationId: z.uuid({ error: "Unknown location." }), endorsed: z.boolean() }))
    .mutation(({ ctx, input }) => setLocationMedicalEndorsement(ctx.deps, ctx.organizationId, input)),

  savePayments: settings
    .input(paymentsSchema)
    .mutation(async ({ ctx, input }) =>
      summary(await savePaymentMethods(ctx.deps, ctx.organizationId, input.methods)),
    ),

  saveCompliance: settings
    .input(complianceSchema)
    .mutation(async ({ ctx, input }) =>
      summary(await saveComplianceSettings(ctx.deps, ctx.organizationId, input)),
    ),

  /** Moves past a step whose data lives elsewhere (locations, products) or that may be skipped. */
  continue: settings
    .input(z.object({ step: z.enum(["branding", "locations", "products", "staff"]) }))
    .mutation(async ({ ctx, input }) =>
      summary(await continueOnboarding(ctx.deps, ctx.organizationId, input.step)),
    ),

  launch: settings.mutation(({ ctx }) => launchStorefront(ctx.deps, ctx.organizationId)),
});
