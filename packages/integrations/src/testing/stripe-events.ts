import Stripe from "stripe";

const signer = new Stripe("sk_test_signer");
let counter = 0;

/**
 * A Stripe event as Stripe would send it: JSON body plus a Stripe-Signature header made with `secret` (by the
 * SDK's own test helper, so the adapter's verification is checked against Stripe's real signing scheme).
 */
export function signStripeEvent(
  type: string,
  object: Record<string, unknown>,
  options: { id?: string; created?: number; secret: string; timestamp?: number },
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
    secret: options.secret,
    ...(options.timestamp ? { timestamp: options.timestamp } : {}),
  });
  return { body, signature };
}
