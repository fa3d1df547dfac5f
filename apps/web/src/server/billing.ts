import "server-only";
import { type BillingContext, unconfiguredBilling } from "@cannasaas/core";
import { createStripeBilling, stripeOptionsFromEnv } from "@cannasaas/integrations/billing/stripe";
import { billingEnv } from "~/env";

/**
 * Billing for the running app: Stripe when its variables are set, else "not configured". Platform operators come
 * from PLATFORM_OPERATOR_EMAILS; without Stripe, on a laptop or a CANNASAAS_LOCAL production run, each owner may
 * also set their own organization's plan, so the demo can show every plan.
 */
export function billingFromEnv(env: Record<string, string | undefined> = billingEnv()): BillingContext {
  const options = stripeOptionsFromEnv(env);
  const local = env.NODE_ENV !== "production" || env.CANNASAAS_LOCAL === "1";
  const operatorEmails = (env.PLATFORM_OPERATOR_EMAILS ?? "")
    .split(",")
    .map((e) => e.trim().toLowerCase())
    .filter(Boolean);
  return {
    provider: options ? createStripeBilling(options) : unconfiguredBilling,
    operatorEmails,
    ownersActAsOperators: !options && local,
  };
}
