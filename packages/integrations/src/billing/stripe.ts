import Stripe from "stripe";
import { readInvoice, readSubscription, subscriptionItemId } from "./stripe-objects";
import {
  type BillingEvent,
  type BillingProvider,
  type ProviderInvoice,
  WebhookVerificationError,
} from "./types";

/** The plans whose prices the STRIPE_PRICE_* variables name. */
export type StripePlan = "starter" | "professional" | "enterprise";
export type StripeBillingOptions<P extends string = StripePlan> = {
  secretKey: string;
  webhookSecret: string;
  prices: Record<P, string>;
  /** Where the Stripe API lives; set to a local stand-in in tests (e.g. http://127.0.0.1:4242). */
  apiBase?: string;
  /** Seconds a webhook signature stays acceptable (Stripe's default: 300). */
  toleranceSeconds?: number;
};

/** The Stripe adapter. Only the calls billing needs; every write carries an idempotency key. */
export function createStripeBilling<P extends string = StripePlan>(
  options: StripeBillingOptions<P>,
): BillingProvider<P> {
  const base = options.apiBase ? new URL(options.apiBase) : null;
  const stripe = new Stripe(options.secretKey, {
    maxNetworkRetries: 1,
    timeout: 15_000,
    ...(base
      ? {
          host: base.hostname,
          port: base.port || (base.protocol === "http:" ? 80 : 443),
          protocol: base.protocol === "http:" ? "http" : "https",
        }
      : {}),
  });
  const byPrice = new Map(
    (Object.entries(options.prices) as Array<[P, string]>).map(([plan, price]) => [price, plan]),
  );

  return {
    kind: "stripe",
    planForPrice: (priceId) => byPrice.get(priceId) ?? null,

    async createCustomer({ organizationId, name, email }) {
      const customer = await stripe.customers.create(
        { name, ...(email ? { email } : {}), metadata: { organizationId } },
        // One customer per organization even when two owners click at once.
        { idempotencyKey: `customer:${organizationId}` },
      );
      return { id: customer.id };
    },

    async startCheckout({ organizationId, customerId, plan, trialDays, successUrl, cancelUrl }) {
      const session = await stripe.checkout.sessions.create({
        mode: "subscription",
        customer: customerId,
        client_reference_id: organizationId,
        line_items: [{ price: options.prices[plan], quantity: 1 }],
        subscription_data: {
          metadata: { organizationId, plan },
          ...(trialDays ? { trial_period_days: trialDays } : {}),
        },
        success_url: successUrl,
        cancel_url: cancelUrl,
      });
      if (!session.url) throw new Error("Stripe returned a checkout session without a URL");
      return { url: session.url };
    },

    async changePlan({ subscriptionId, plan }) {
      const current = await stripe.subscriptions.retrieve(subscriptionId);
      const itemId = subscriptionItemId(current);
      if (!itemId) throw new Error(`Subscription ${subscriptionId} has no item to change`);
      const updated = await stripe.subscriptions.update(subscriptionId, {
        items: [{ id: itemId, price: options.prices[plan] }],
        proration_behavior: "always_invoice",
        metadata: { plan },
      });
      return readSubscription(updated);
    },

    async portalUrl({ customerId, returnUrl }) {
      const session = await stripe.billingPortal.sessions.create({
        customer: customerId,
        return_url: returnUrl,
      });
      return session.url;
    },

    async listInvoices(customerId): Promise<ProviderInvoice[]> {
      const page = await stripe.invoices.list({ customer: customerId, limit: 24 });
      return page.data.map((invoice) => {
        const {
          customerId: _c,
          subscriptionId: _s,
          attemptCount: _a,
          nextPaymentAttempt: _n,
          ...rest
        } = readInvoice(invoice);
        return rest;
      });
    },

    async verifyWebhook(rawBody, signature): Promise<BillingEvent> {
      if (!signature) throw new WebhookVerificationError("Missing Stripe-Signature header.");
      let event: Stripe.Event;
      try {
        event = await stripe.webhooks.constructEventAsync(
          rawBody,
          signature,
          options.webhookSecret,
          options.toleranceSeconds ?? 300,
        );
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        throw new WebhookVerificationError(
          /timestamp outside the tolerance/i.test(message)
            ? "The Stripe signature is too old; the event may be a replay."
            : "The Stripe signature does not match this payload.",
        );
      }
      return {
        id: event.id,
        type: event.type,
        created: new Date(event.created * 1000),
        object: event.data.object as unknown as Record<string, unknown>,
      };
    },
  };
}

/** Reads the Stripe settings; null when none is set (Stripe not configured). */
export function stripeOptionsFromEnv(env: Record<string, string | undefined>): StripeBillingOptions | null {
  const value = (name: string) => env[name]?.trim() || undefined;
  const secretKey = value("STRIPE_SECRET_KEY");
  const webhookSecret = value("STRIPE_WEBHOOK_SECRET");
  const starter = value("STRIPE_PRICE_STARTER");
  const professional = value("STRIPE_PRICE_PROFESSIONAL");
  const enterprise = value("STRIPE_PRICE_ENTERPRISE");
  const missing = Object.entries({
    STRIPE_SECRET_KEY: secretKey,
    STRIPE_WEBHOOK_SECRET: webhookSecret,
    STRIPE_PRICE_STARTER: starter,
    STRIPE_PRICE_PROFESSIONAL: professional,
    STRIPE_PRICE_ENTERPRISE: enterprise,
  }).filter(([, v]) => !v);
  if (missing.length === 5) return null;
  // Half a configuration is a mistake, not "not configured": say which variables are missing.
  if (missing.length > 0 || !secretKey || !webhookSecret || !starter || !professional || !enterprise)
    throw new Error(`Stripe is partly configured; also set ${missing.map(([k]) => k).join(", ")}.`);
  const apiBase = value("STRIPE_API_BASE");
  return {
    secretKey,
    webhookSecret,
    prices: { starter, professional, enterprise },
    ...(apiBase ? { apiBase } : {}),
  };
}
