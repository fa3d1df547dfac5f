import { and, eq, sql } from "drizzle-orm";
import { billingAccounts, featureOverrides, memberships, organizations, users } from "@cannasaas/db/schema";
import type { DbOrTx } from "@cannasaas/db/client";
import { stepsOf, type CoreDeps, type DbSteps } from "../deps";
import { DomainError } from "../errors";
import {
  FEATURE_LABELS,
  type Feature,
  invalidatePlanCache,
  loadPlanState,
  type Plan,
  PLAN_LABELS,
  PLAN_LIMITS,
  planUsage,
  type SubscriptionStatus,
} from "../plans/features";
import { type BillingContext, type BillingProvider, STRIPE_NOT_CONFIGURED } from "./provider";
import { mapStripeStatus } from "@cannasaas/integrations/billing";

type Deps = Pick<CoreDeps, "db" | "kv" | "clock">;

/** Days of free trial on Starter (SPEC section 1; seed 000 section 12.1). Only the first subscription has one. */
export const STARTER_TRIAL_DAYS = 14;

/** Stripe statuses of a subscription that still exists (so a new one must not be started). */
const LIVE = new Set(["trialing", "active", "past_due", "incomplete", "unpaid", "paused"]);

function assertConfigured(provider: BillingProvider) {
  if (provider.kind === "none") throw new DomainError("PRECONDITION_FAILED", STRIPE_NOT_CONFIGURED);
}

async function account(deps: { db: DbOrTx }, organizationId: string) {
  const [row] = await deps.db
    .select()
    .from(billingAccounts)
    .where(eq(billingAccounts.organizationId, organizationId));
  return row ?? null;
}

/** Everything the billing page shows: plan, status, trial, usage against limits, and the subscription. */
export async function billingOverview(deps: Deps, billing: BillingContext, organizationId: string) {
  const [state, acct, locationsUsed, productsUsed] = await Promise.all([
    loadPlanState(deps.db, organizationId),
    account(deps, organizationId),
    planUsage(deps.db, organizationId, "locations"),
    planUsage(deps.db, organizationId, "products"),
  ]);
  const trialEndsAt = state.trialEndsAt ? new Date(state.trialEndsAt) : null;
  const trialDaysLeft =
    state.status === "trialing" && trialEndsAt
      ? Math.max(0, Math.ceil((trialEndsAt.getTime() - deps.clock().getTime()) / 86_400_000))
      : null;
  return {
    configured: billing.provider.kind !== "none",
    ...state,
    trialEndsAt,
    trialDaysLeft,
    usage: {
      locations: { used: locationsUsed, limit: state.limits.locations },
      products: { used: productsUsed, limit: state.limits.products },
    },
    subscription: acct?.stripeSubscriptionId
      ? {
          status: acct.stripeStatus,
          currentPeriodEnd: acct.currentPeriodEnd,
          cancelAtPeriodEnd: acct.cancelAtPeriodEnd,
          live: LIVE.has(acct.stripeStatus ?? ""),
        }
      : null,
    hasCustomer: Boolean(acct?.stripeCustomerId),
  };
}

/** The Stripe customer id the organization has, or what creating one needs (its name and owner's email). */
async function customerOrFacts(db: DbOrTx, organizationId: string) {
  const existing = await account({ db }, organizationId);
  if (existing?.stripeCustomerId) return { customerId: existing.stripeCustomerId };
  const [org] = await db
    .select({ name: organizations.name, legalName: organizations.legalName })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  if (!org) throw new DomainError("NOT_FOUND", "Organization not found.");
  const [owner] = await db
    .select({ email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.role, "owner")))
    .limit(1);
  return { customerId: null, name: org.legalName ?? org.name, email: owner?.email ?? null };
}

/**
 * Stores the customer the provider created. Two clicks at once both get here with the same customer (the
 * provider call is idempotent per organization): a conflict on either unique key (the organization or the
 * customer id) means the other call stored it, so insert-or-skip, then fill in an account row that existed
 * without a customer. An upsert on the organization alone fails on the customer id's key instead.
 */
async function storeCustomer(db: DbOrTx, organizationId: string, customerId: string) {
  await db
    .insert(billingAccounts)
    .values({ organizationId, stripeCustomerId: customerId })
    .onConflictDoNothing();
  await db
    .update(billingAccounts)
    .set({ stripeCustomerId: customerId })
    .where(
      and(
        eq(billingAccounts.organizationId, organizationId),
        sql`${billingAccounts.stripeCustomerId} is distinct from ${customerId}`,
      ),
    );
}

/**
 * Starts the subscription through the provider's hosted checkout. The plan itself changes when the provider's
 * webhook confirms the subscription (so nobody gets a plan for a checkout they abandoned). The provider is
 * called between the reads and the write (see stepsOf): a new customer is stored once the checkout exists.
 */
export async function startSubscription(
  deps: Deps & { steps?: DbSteps },
  provider: BillingProvider,
  organizationId: string,
  input: { plan: Plan; successUrl: string; cancelUrl: string },
) {
  assertConfigured(provider);
  const { read, commit } = stepsOf(deps);
  const { existing, customer } = await read(async (db) => {
    const existing = await account({ db }, organizationId);
    if (existing?.stripeSubscriptionId && LIVE.has(existing.stripeStatus ?? ""))
      throw new DomainError(
        "CONFLICT",
        "You already have a subscription. Change its plan instead, or manage it in the billing portal.",
      );
    await assertUsageFits({ db }, organizationId, input.plan);
    return { existing, customer: await customerOrFacts(db, organizationId) };
  });
  const customerId =
    customer.customerId ??
    (await provider.createCustomer({ organizationId, name: customer.name, email: customer.email })).id;
  const firstSubscription = !existing?.stripeSubscriptionId;
  const checkout = await provider.startCheckout({
    organizationId,
    customerId,
    plan: input.plan,
    trialDays: input.plan === "starter" && firstSubscription ? STARTER_TRIAL_DAYS : null,
    successUrl: input.successUrl,
    cancelUrl: input.cancelUrl,
  });
  return commit(async (db) => {
    if (!customer.customerId) await storeCustomer(db, organizationId, customerId);
    return checkout;
  });
}

/** Refuses a plan whose limits the organization already exceeds, saying what to remove first. */
async function assertUsageFits(deps: { db: DbOrTx }, organizationId: string, plan: Plan) {
  for (const limit of ["locations", "products"] as const) {
    const max = PLAN_LIMITS[plan][limit];
    if (max === null) continue;
    const used = await planUsage(deps.db, organizationId, limit);
    if (used > max)
      throw new DomainError(
        "PRECONDITION_FAILED",
        `${PLAN_LABELS[plan]} allows ${max} ${limit} and you have ${used}. Remove or archive ${used - max} first.`,
        { limit, max, used, plan },
      );
  }
}

/** Moves the subscription to another plan with proration; the plan applies at once. */
export async function changePlan(
  deps: Deps & { steps?: DbSteps },
  provider: BillingProvider,
  organizationId: string,
  plan: Plan,
) {
  assertConfigured(provider);
  const { read, commit } = stepsOf(deps);
  const subscriptionId = await read(async (db) => {
    const acct = await account({ db }, organizationId);
    if (!acct?.stripeSubscriptionId || !LIVE.has(acct.stripeStatus ?? ""))
      throw new DomainError("PRECONDITION_FAILED", "You have no active subscription. Start one first.");
    const state = await loadPlanState(db, organizationId);
    if (state.plan === plan) throw new DomainError("BAD_REQUEST", `You are already on ${PLAN_LABELS[plan]}.`);
    await assertUsageFits({ db }, organizationId, plan);
    return acct.stripeSubscriptionId;
  });
  const sub = await provider.changePlan({ subscriptionId, plan });
  // Stripe's `created` has whole seconds: events from before this change (older seconds) become stale.
  const appliedAt = new Date(Math.floor(deps.clock().getTime() / 1000) * 1000);
  const state = await commit(async (db) => {
    await db.transaction(async (tx) => {
      await tx
        .update(billingAccounts)
        .set({
          stripePriceId: sub.priceId,
          stripeStatus: sub.status,
          currentPeriodEnd: sub.currentPeriodEnd,
          cancelAtPeriodEnd: sub.cancelAtPeriodEnd,
          lastEventAt: appliedAt,
        })
        .where(eq(billingAccounts.organizationId, organizationId));
      await tx
        .update(organizations)
        .set({ plan, subscriptionStatus: mapStripeStatus(sub.status), trialEndsAt: sub.trialEnd })
        .where(eq(organizations.id, organizationId));
    });
    return loadPlanState(db, organizationId);
  });
  await read((db) => invalidatePlanCache({ db, kv: deps.kv }, organizationId));
  return state;
}

export async function billingPortalUrl(
  deps: Deps & { steps?: DbSteps },
  provider: BillingProvider,
  organizationId: string,
  returnUrl: string,
) {
  assertConfigured(provider);
  const acct = await stepsOf(deps).read((db) => account({ db }, organizationId));
  if (!acct?.stripeCustomerId)
    throw new DomainError("PRECONDITION_FAILED", "Start a subscription first; the portal opens after that.");
  return { url: await provider.portalUrl({ customerId: acct.stripeCustomerId, returnUrl }) };
}

export async function listBillingInvoices(
  deps: Deps & { steps?: DbSteps },
  provider: BillingProvider,
  organizationId: string,
) {
  const acct = await stepsOf(deps).read((db) => account({ db }, organizationId));
  if (provider.kind === "none" || !acct?.stripeCustomerId) return [];
  return provider.listInvoices(acct.stripeCustomerId);
}

/** True when this user may set plans and overrides directly (see BillingContext). */
export function isBillingOperator(
  billing: BillingContext,
  user: { email?: string | null },
  role: string,
): boolean {
  const email = user.email?.toLowerCase();
  if (email && billing.operatorEmails.includes(email)) return true;
  return billing.ownersActAsOperators && billing.provider.kind === "none" && role === "owner";
}

/** An operator sets the plan (and status) directly, without the billing provider. */
export async function setPlanDirectly(
  deps: Deps,
  organizationId: string,
  input: { plan: Plan; status?: SubscriptionStatus },
) {
  const [row] = await deps.db
    .update(organizations)
    .set({ plan: input.plan, subscriptionStatus: input.status ?? "active" })
    .where(eq(organizations.id, organizationId))
    .returning({ id: organizations.id });
  if (!row) throw new DomainError("NOT_FOUND", "Organization not found.");
  await invalidatePlanCache(deps, organizationId);
  return loadPlanState(deps.db, organizationId);
}

/** Grants (true) or withholds (false) one feature for one organization; null removes the override. */
export async function setFeatureOverride(
  deps: Deps,
  organizationId: string,
  input: { feature: Feature; enabled: boolean | null; note?: string | null },
) {
  if (input.enabled === null) {
    await deps.db
      .delete(featureOverrides)
      .where(
        and(eq(featureOverrides.organizationId, organizationId), eq(featureOverrides.feature, input.feature)),
      );
  } else {
    await deps.db
      .insert(featureOverrides)
      .values({ organizationId, feature: input.feature, enabled: input.enabled, note: input.note ?? null })
      .onConflictDoUpdate({
        target: [featureOverrides.organizationId, featureOverrides.feature],
        set: { enabled: input.enabled, note: input.note ?? null, updatedAt: deps.clock() },
      });
  }
  await invalidatePlanCache(deps, organizationId);
  const state = await loadPlanState(deps.db, organizationId);
  return {
    feature: input.feature,
    label: FEATURE_LABELS[input.feature],
    on: state.features.includes(input.feature),
    state,
  };
}
