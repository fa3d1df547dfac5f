import { TRPCError } from "@trpc/server";
import { z } from "zod";
import {
  billingOverview,
  billingPortalUrl,
  changePlan,
  defaultBillingContext,
  FEATURES,
  isBillingOperator,
  listBillingInvoices,
  planState,
  PLANS,
  setFeatureOverride,
  setPlanDirectly,
  startSubscription,
  SUBSCRIPTION_STATUSES,
} from "@cannasaas/core";
import type { TenantTransactions } from "@cannasaas/db/tenant-scope";
import type { TrpcContext } from "../context";
import { billingLink } from "../links";
import { createTRPCRouter, ownerCallingOut, staffProcedure } from "../trpc";

/** Billing calls Stripe: these procedures hold no transaction meanwhile (see ownerCallingOut). */
const stripeSteps = (ctx: { deps: TrpcContext["deps"]; scoped: TenantTransactions }) => ({
  ...ctx.deps,
  steps: ctx.scoped,
});

const plan = z.enum(PLANS, { error: "Choose starter, professional or enterprise." });

/** Platform operators (and, on a local run without Stripe, owners) may set plans and overrides directly. */
const operatorProcedure = staffProcedure("organization.read").use(({ ctx, next }) => {
  const billing = ctx.deps.billing ?? defaultBillingContext;
  if (!isBillingOperator(billing, ctx.user, ctx.role))
    throw new TRPCError({
      code: "FORBIDDEN",
      message: "Only a platform operator can set the plan or features directly.",
    });
  return next();
});

export const billingRouter = createTRPCRouter({
  /** Plan, status, trial, usage against limits; read-only, for every member. */
  overview: staffProcedure("organization.read").query(async ({ ctx }) => {
    const billing = ctx.deps.billing ?? defaultBillingContext;
    const overview = await billingOverview(ctx.deps, billing, ctx.organizationId);
    return {
      ...overview,
      canManage: ctx.role === "owner",
      canSetPlan: isBillingOperator(billing, ctx.user, ctx.role),
    };
  }),

  /** The features on for the active organization, for upgrade prompts in the interface. */
  features: staffProcedure("organization.read").query(async ({ ctx }) => {
    const state = await planState(ctx.deps, ctx.organizationId);
    return {
      plan: state.plan,
      effectivePlan: state.effectivePlan,
      status: state.status,
      features: state.features,
    };
  }),

  invoices: ownerCallingOut.query(({ ctx }) =>
    listBillingInvoices(
      stripeSteps(ctx),
      (ctx.deps.billing ?? defaultBillingContext).provider,
      ctx.organizationId,
    ),
  ),

  startSubscription: ownerCallingOut.input(z.object({ plan })).mutation(({ ctx, input }) =>
    startSubscription(
      stripeSteps(ctx),
      (ctx.deps.billing ?? defaultBillingContext).provider,
      ctx.organizationId,
      {
        plan: input.plan,
        successUrl: `${billingLink(ctx.origin)}?checkout=done`,
        cancelUrl: billingLink(ctx.origin),
      },
    ),
  ),

  changePlan: ownerCallingOut
    .input(z.object({ plan }))
    .mutation(({ ctx, input }) =>
      changePlan(
        stripeSteps(ctx),
        (ctx.deps.billing ?? defaultBillingContext).provider,
        ctx.organizationId,
        input.plan,
      ),
    ),

  portal: ownerCallingOut.mutation(({ ctx }) =>
    billingPortalUrl(
      stripeSteps(ctx),
      (ctx.deps.billing ?? defaultBillingContext).provider,
      ctx.organizationId,
      billingLink(ctx.origin),
    ),
  ),

  setPlan: operatorProcedure
    .input(z.object({ plan, status: z.enum(SUBSCRIPTION_STATUSES).optional() }))
    .mutation(({ ctx, input }) => setPlanDirectly(ctx.deps, ctx.organizationId, input)),

  setOverride: operatorProcedure
    .input(
      z.object({
        feature: z.enum(FEATURES, { error: "That is not a feature." }),
        enabled: z.boolean().nullable(),
        note: z.string().trim().max(200).nullish(),
      }),
    )
    .mutation(({ ctx, input }) => setFeatureOverride(ctx.deps, ctx.organizationId, input)),
});
