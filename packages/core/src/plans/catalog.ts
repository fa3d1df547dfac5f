/**
 * The plan catalogue: features, limits, prices and what a subscription status means. Pure data and functions with
 * no I/O, so the interface can import it (`@cannasaas/core/plans`) without pulling in the database.
 */
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

/**
 * The features the product delivers today, in the order the plan matrix lists them. The rest stay in `FEATURES`
 * so that plans, overrides and stored rows keep the shape of seed 000's matrix, but no page names them until
 * they work: the matrix, the landing page and upgrade prompts show only these.
 */
export const RELEASED_FEATURES: readonly Feature[] = [
  "multi_location",
  "loyalty_program",
  "advanced_analytics",
  "delivery_tracking",
  "bulk_import",
  "api_access",
  "custom_domain",
  "metrc_integration",
  "ai_recommendations",
  "ai_chatbot",
];

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

/** Monthly list prices (SPEC section 1), for the plan cards; Stripe's prices are what is charged. */
export const PLAN_PRICE_CENTS: Record<Plan, number> = {
  starter: 4900,
  professional: 14900,
  enterprise: 39900,
};

export const SUBSCRIPTION_STATUSES = ["trialing", "active", "past_due", "canceled", "unpaid"] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

/**
 * What a subscription status means for features and limits:
 * - trialing, active: the plan's features. Stripe decides when a trial ends (it moves the status on).
 * - past_due: the plan's features are kept while Stripe retries the payment (the grace period); the owner gets a
 *   dunning email for each failed attempt.
 * - canceled, unpaid: the organization falls back to Starter features and limits. Nothing is deleted: rows above
 *   a limit stay, but new ones are refused until the subscription is restarted.
 * Operator overrides apply on top, whatever the status.
 */
export function effectivePlan(plan: Plan, status: SubscriptionStatus): Plan {
  return status === "canceled" || status === "unpaid" ? "starter" : plan;
}

export type PlanState = {
  plan: Plan;
  status: SubscriptionStatus;
  /** The plan whose features and limits apply now (see `effectivePlan`). */
  effectivePlan: Plan;
  trialEndsAt: string | null;
  /** Operator overrides by feature: true grants, false withholds. */
  overrides: Partial<Record<Feature, boolean>>;
  /** The features on for this organization after status and overrides. */
  features: Feature[];
  limits: { locations: number | null; products: number | null };
};

export const FEATURE_LABELS: Record<Feature, string> = {
  multi_location: "Multiple locations",
  subscription_orders: "Subscription orders",
  loyalty_program: "Loyalty program",
  ai_recommendations: "Recommendations and AI product copy",
  ai_chatbot: "AI chatbot",
  advanced_analytics: "Advanced analytics",
  custom_domain: "Custom domain",
  api_access: "API access",
  gift_cards: "Gift cards",
  delivery_tracking: "Delivery tracking",
  metrc_integration: "METRC integration",
  white_label: "White label",
  bulk_import: "Bulk import",
  multi_currency: "Multiple currencies",
};
