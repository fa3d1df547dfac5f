import { createStripeBilling } from "@cannasaas/integrations/billing/stripe";
import { signStripeEvent, startStripeStandIn, type StripeStandIn } from "@cannasaas/integrations/testing";

export const SECRET_KEY = "sk_test_standin";
export const WEBHOOK_SECRET = "whsec_test_standin";
export const PRICES = { starter: "price_starter", professional: "price_pro", enterprise: "price_ent" };

export async function startBilling() {
  const standIn: StripeStandIn = await startStripeStandIn({ secretKey: SECRET_KEY });
  const provider = createStripeBilling({
    secretKey: SECRET_KEY,
    webhookSecret: WEBHOOK_SECRET,
    prices: PRICES,
    apiBase: standIn.url,
  });
  return { standIn, provider };
}

/** A Stripe event as Stripe would send it, signed with the test webhook secret unless told otherwise. */
export function signedEvent(
  type: string,
  object: Record<string, unknown>,
  options: { id?: string; created?: number; secret?: string; timestamp?: number } = {},
) {
  return signStripeEvent(type, object, { ...options, secret: options.secret ?? WEBHOOK_SECRET });
}
