import { and, count, eq, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import { featureOverrides, locations, organizations, products } from "@cannasaas/db/schema";
import type { KV } from "@cannasaas/integrations/kv";
import type { CoreDeps } from "../deps";
import { DomainError } from "../errors";
import { invalidateTenantCache } from "../tenancy/tenants";
import {
  FEATURE_LABELS,
  FEATURES,
  type Feature,
  effectivePlan,
  lowestPlanWith,
  type Plan,
  PLAN_FEATURES,
  PLAN_LABELS,
  PLAN_LIMITS,
  PLANS,
  type PlanState,
} from "./catalog";

export * from "./catalog";

export const PLAN_CACHE_TTL_SECONDS = 300;
const planKey = (organizationId: string) => `plan-state:v1:${organizationId}`;

const isFeature = (value: string): value is Feature => (FEATURES as readonly string[]).includes(value);

/** Reads the plan state from the database (no cache): use inside a transaction that acts on it. */
export async function loadPlanState(db: DbOrTx, organizationId: string): Promise<PlanState> {
  const [org] = await db
    .select({
      plan: organizations.plan,
      status: organizations.subscriptionStatus,
      trialEndsAt: organizations.trialEndsAt,
    })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  if (!org) throw new DomainError("NOT_FOUND", "Organization not found.");
  const rows = await db
    .select({ feature: featureOverrides.feature, enabled: featureOverrides.enabled })
    .from(featureOverrides)
    .where(eq(featureOverrides.organizationId, organizationId));
  const overrides: Partial<Record<Feature, boolean>> = {};
  for (const row of rows) if (isFeature(row.feature)) overrides[row.feature] = row.enabled;
  const applied = effectivePlan(org.plan, org.status);
  const features = FEATURES.filter((f) => overrides[f] ?? PLAN_FEATURES[applied].includes(f));
  return {
    plan: org.plan,
    status: org.status,
    effectivePlan: applied,
    trialEndsAt: org.trialEndsAt?.toISOString() ?? null,
    overrides,
    features,
    limits: PLAN_LIMITS[applied],
  };
}

/** The plan state, cached for five minutes per organization; `invalidatePlanCache` drops it on every change. */
export async function planState(deps: { db: DbOrTx; kv: KV }, organizationId: string): Promise<PlanState> {
  const key = planKey(organizationId);
  const hit = await deps.kv.get<PlanState>(key);
  if (hit) return hit;
  const state = await loadPlanState(deps.db, organizationId);
  await deps.kv.set(key, state, { ttlSeconds: PLAN_CACHE_TTL_SECONDS });
  return state;
}

/**
 * Drops the cached plan state (and the cached storefront tenant, which carries the plan). Call it after the
 * transaction that changed the plan, status or overrides has committed, so no reader can cache the old state
 * from a transaction that is still open.
 */
export async function invalidatePlanCache(
  deps: { db: DbOrTx; kv: KV },
  organizationId: string,
): Promise<void> {
  await deps.kv.del(planKey(organizationId));
  const [org] = await deps.db
    .select({ slug: organizations.slug, customDomain: organizations.customDomain })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  if (org) await invalidateTenantCache(deps.kv, org);
}

/** The plan whose features apply now, after the subscription status (not the plan billed). */
export async function organizationPlan(deps: { db: DbOrTx }, organizationId: string): Promise<Plan> {
  return (await loadPlanState(deps.db, organizationId)).effectivePlan;
}

export async function hasFeature(
  deps: Pick<CoreDeps, "db" | "kv">,
  organizationId: string,
  feature: Feature,
) {
  return (await planState(deps, organizationId)).features.includes(feature);
}

/** Why a feature is off, in words for the person who hit it; null when it is on. */
export function featureRefusal(state: PlanState, feature: Feature): string | null {
  if (state.features.includes(feature)) return null;
  const label = FEATURE_LABELS[feature];
  if (state.overrides[feature] === false)
    return `${label} has been turned off for your organization. Contact support to turn it back on.`;
  const needed = lowestPlanWith(feature);
  if (state.effectivePlan !== state.plan && PLAN_FEATURES[state.plan].includes(feature))
    return `${label} needs the ${PLAN_LABELS[needed]} plan, and your subscription is ${state.status.replace("_", " ")}. Restart it in Billing to use it.`;
  return `${label} needs the ${PLAN_LABELS[needed]} plan. Upgrade in Billing to use it.`;
}

/** Refuses with a message naming the plan that includes the feature. */
export async function assertFeature(
  deps: Pick<CoreDeps, "db" | "kv">,
  organizationId: string,
  feature: Feature,
) {
  const state = await planState(deps, organizationId);
  const refusal = featureRefusal(state, feature);
  if (!refusal) return;
  throw new DomainError("FORBIDDEN", refusal, { feature, requiredPlan: lowestPlanWith(feature) });
}

export type PlanLimit = keyof (typeof PLAN_LIMITS)["starter"];

/** How many locations and (non-archived) products the organization has. */
export async function planUsage(db: DbOrTx, organizationId: string, limit: PlanLimit): Promise<number> {
  const table = limit === "locations" ? locations : products;
  const where =
    limit === "locations"
      ? eq(locations.organizationId, organizationId)
      : and(eq(products.organizationId, organizationId), ne(products.status, "archived"));
  const [row] = await db.select({ n: count() }).from(table).where(where);
  return row?.n ?? 0;
}

/**
 * Refuses to go past the plan's count of locations or (non-archived) products, naming the plan that allows more.
 * Pass the transaction that does the insert: it takes a per-organization lock for this limit until the
 * transaction ends, so two inserts racing for the last slot cannot both pass the count.
 */
export async function assertWithinPlanLimit(
  deps: Pick<CoreDeps, "db"> & { tx?: DbOrTx },
  organizationId: string,
  limit: PlanLimit,
  adding = 1,
) {
  const db = deps.tx ?? deps.db;
  if (deps.tx) {
    await deps.tx.execute(
      sql`select pg_advisory_xact_lock(hashtext(${`plan-limit:${limit}:${organizationId}`}))`,
    );
  }
  const state = await loadPlanState(db, organizationId);
  const max = state.limits[limit];
  if (max === null) return;
  const used = await planUsage(db, organizationId, limit);
  if (used + adding <= max) return;
  const next = PLANS.find((p) => {
    const m = PLAN_LIMITS[p][limit];
    return m === null || m >= used + adding;
  });
  const plan = state.effectivePlan;
  const lapsed = plan !== state.plan ? ` (your subscription is ${state.status.replace("_", " ")})` : "";
  throw new DomainError(
    "FORBIDDEN",
    `Your ${PLAN_LABELS[plan]} plan${lapsed} allows ${max} ${limit}; you have ${used}${adding > 1 ? ` and are adding ${adding}` : ""}.` +
      (next ? ` Upgrade to ${PLAN_LABELS[next]} for more.` : ""),
    { limit, max, used, adding, requiredPlan: next ?? null },
  );
}
