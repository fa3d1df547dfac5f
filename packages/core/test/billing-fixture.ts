import Stripe from "stripe";
import { startStripeStandIn, type StripeStandIn } from "@cannasaas/integrations/testing";
import { createStripeBilling } from "../src";

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

const signer = new Stripe("sk_test_signer");
let counter = 0;

/** A Stripe event as Stripe would send it: JSON body plus a Stripe-Signature header made with `secret`. */
export function signedEvent(
  type: string,
  object: Record<string, unknown>,
  options: { id?: string; created?: number; secret?: string; timestamp?: number } = {},
) {
  const created = options.created ?? Math.floor(Date.now() / 1000);
  const body = JSON.stringify({
    id: options.id ?? `evt_test_${++counter}_${Math.random().toString(36).slice(2, 8)}`,
    object: "event",
    type,
    created,
    api_version: "2025-01-01",
    data: { object },
  });
  const signature = signer.webhooks.generateTestHeaderString({
    payload: body,
    secret: options.secret ?? WEBHOOK_SECRET,
    ...(options.timestamp ? { timestamp: options.timestamp } : {}),
  });
  return { body, signature };
}
