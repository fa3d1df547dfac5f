import { and, count, eq, ne } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import { locations, organizations, products } from "@cannasaas/db/schema";
import type { CoreDeps } from "../deps";
import { DomainError } from "../errors";

/** Features a plan can switch on (requirement seed 000, section 7.1; SPEC section 1 puts the API in professional). */
export const FEATURES = [
  "multi_location",
  "subscription_orders",
  "loyalty_program",
  "ai_recommendations",
  "ai_chatbot",
  "advanced_analytics",
  "custom_domain",
  "api_access",
  "gift_cards",
  "delivery_tracking",
  "metrc_integration",
  "white_label",
  "bulk_import",
  "multi_currency",
] as const;
export type Feature = (typeof FEATURES)[number];

export const PLANS = ["starter", "professional", "enterprise"] as const;
export type Plan = (typeof PLANS)[number];

const STARTER: Feature[] = ["delivery_tracking", "gift_cards"];
const PROFESSIONAL: Feature[] = [
  ...STARTER,
  "multi_location",
  "subscription_orders",
  "loyalty_program",
  "ai_recommendations",
  "advanced_analytics",
  "bulk_import",
  "api_access",
];

export const PLAN_FEATURES: Record<Plan, readonly Feature[]> = {
  starter: STARTER,
  professional: PROFESSIONAL,
  enterprise: FEATURES,
};

/** Null means unlimited. */
export const PLAN_LIMITS: Record<Plan, { locations: number | null; products: number | null }> = {
  starter: { locations: 1, products: 500 },
  professional: { locations: 5, products: 5000 },
  enterprise: { locations: null, products: null },
};

export const PLAN_LABELS: Record<Plan, string> = {
  starter: "Starter",
  professional: "Professional",
  enterprise: "Enterprise",
};

/** The cheapest plan that includes a feature, for "upgrade to X" messages. */
export function lowestPlanWith(feature: Feature): Plan {
  return PLANS.find((p) => PLAN_FEATURES[p].includes(feature)) ?? "enterprise";
}

export async function organizationPlan(deps: { db: DbOrTx }, organizationId: string): Promise<Plan> {
  const [row] = await deps.db
    .select({ plan: organizations.plan })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  if (!row) throw new DomainError("NOT_FOUND", "Organization not found.");
  return row.plan;
}

export async function hasFeature(
  deps: Pick<CoreDeps, "db" | "kv">,
  organizationId: string,
  feature: Feature,
) {
  return PLAN_FEATURES[await organizationPlan(deps, organizationId)].includes(feature);
}

/** Refuses with a message naming the plan that includes the feature. */
export async function assertFeature(
  deps: Pick<CoreDeps, "db" | "kv">,
  organizationId: string,
  feature: Feature,
) {
  if (await hasFeature(deps, organizationId, feature)) return;
  const needed = lowestPlanWith(feature);
  throw new DomainError(
    "FORBIDDEN",
    `This needs the ${PLAN_LABELS[needed]} plan. Upgrade in Billing to use it.`,
    { feature, requiredPlan: needed },
  );
}

export type PlanLimit = keyof (typeof PLAN_LIMITS)["starter"];

/**
 * Refuses to go past the plan's count of locations or (non-archived) products, naming the plan that allows more.
 * Pass the transaction that does the insert, so the count and the insert see the same rows.
 */
export async function assertWithinPlanLimit(
  deps: Pick<CoreDeps, "db"> & { tx?: DbOrTx },
  organizationId: string,
  limit: PlanLimit,
  adding = 1,
) {
  const db = deps.tx ?? deps.db;
  const plan = await organizationPlan({ db }, organizationId);
  const max = PLAN_LIMITS[plan][limit];
  if (max === null) return;
  const table = limit === "locations" ? locations : products;
  const where =
    limit === "locations"
      ? eq(locations.organizationId, organizationId)
      : and(eq(products.organizationId, organizationId), ne(products.status, "archived"));
  const [row] = await db.select({ n: count() }).from(table).where(where);
  const used = row?.n ?? 0;
  if (used + adding <= max) return;
  const next = PLANS.find((p) => {
    const m = PLAN_LIMITS[p][limit];
    return m === null || m >= used + adding;
  });
  throw new DomainError(
    "FORBIDDEN",
    `Your ${PLAN_LABELS[plan]} plan allows ${max} ${limit}; you have ${used}${adding > 1 ? ` and are adding ${adding}` : ""}.` +
      (next ? ` Upgrade to ${PLAN_LABELS[next]} for more.` : ""),
    { limit, max, used, adding, requiredPlan: next ?? null },
  );
}
