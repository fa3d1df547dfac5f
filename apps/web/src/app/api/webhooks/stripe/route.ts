import { billingLink } from "@cannasaas/api";
import {
  defaultBillingContext,
  isWebhookVerificationError,
  platformUrl,
  processBillingEvent,
} from "@cannasaas/core";
import { publicUrlSettings } from "~/env";
import { getDeps } from "~/server/deps";
import { deliverOutbox } from "~/server/outbox";

export const dynamic = "force-dynamic";

const json = (status: number, body: unknown) =>
  Response.json(body, { status, headers: { "cache-control": "no-store" } });

/**
 * Stripe's webhook. The signature is checked over the raw body (400 with the reason otherwise); each event id is
 * processed once, so Stripe's retries and replays answer 200 without changing anything.
 */
export async function POST(request: Request) {
  const deps = await getDeps();
  const provider = (deps.billing ?? defaultBillingContext).provider;
  const body = await request.text();
  let event;
  try {
    event = await provider.verifyWebhook(body, request.headers.get("stripe-signature"));
  } catch (error) {
    if (isWebhookVerificationError(error)) return json(400, { error: error.message });
    throw error;
  }
  const result = await processBillingEvent(deps, provider, event, {
    dashboardUrl: billingLink(platformUrl(publicUrlSettings().rootDomain, publicUrlSettings().scheme)),
  });
  deliverOutbox(result.emailIds);
  return json(200, {
    received: true,
    outcome: result.outcome,
    ...(result.outcome === "duplicate" ? { message: "Already processed." } : {}),
  });
}
