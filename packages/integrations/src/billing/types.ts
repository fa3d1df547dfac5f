/**
 * The port for the dispensaries' own SaaS subscription. The domain (core/billing) uses it with its plan names;
 * the Stripe adapter (./stripe) implements it. No SDK is imported here.
 */
/** A subscription as the billing provider reports it (Stripe's status words, not ours). */
export type ProviderSubscription = {
  id: string;
  customerId: string;
  status: string;
  priceId: string | null;
  trialEnd: Date | null;
  currentPeriodEnd: Date | null;
  cancelAtPeriodEnd: boolean;
};

export type ProviderInvoice = {
  id: string;
  number: string | null;
  status: string | null;
  amountDueCents: number;
  amountPaidCents: number;
  currency: string;
  createdAt: Date;
  hostedUrl: string | null;
  pdfUrl: string | null;
};

/** A webhook event whose signature has been checked. `object` is the event's data.object, as sent. */
export type BillingEvent = {
  id: string;
  type: string;
  created: Date;
  object: Record<string, unknown>;
};

/** A webhook that must be answered 400: no signature, a forged one, or one too old to trust. */
export class WebhookVerificationError extends Error {
  override name = "WebhookVerificationError";
}

/**
 * By name rather than `instanceof`: the app keeps one provider per process (on globalThis) while each route
 * bundle may carry its own copy of this module, so the class a route sees need not be the one that threw.
 */
export const isWebhookVerificationError = (error: unknown): error is WebhookVerificationError =>
  error instanceof Error && error.name === "WebhookVerificationError";

/**
 * The dispensaries' own SaaS subscription, behind an interface: Stripe in production, "not configured" by default
 * (then an operator sets plans directly).
 */
export interface BillingProvider<P extends string = string> {
  readonly kind: "stripe" | "none";
  /** The plan a provider price belongs to; null for a price that is not one of ours. */
  planForPrice(priceId: string): P | null;
  createCustomer(input: {
    organizationId: string;
    name: string;
    email: string | null;
  }): Promise<{ id: string }>;
  /** A hosted checkout page that starts the subscription (with a trial when `trialDays` is set). */
  startCheckout(input: {
    organizationId: string;
    customerId: string;
    plan: P;
    trialDays: number | null;
    successUrl: string;
    cancelUrl: string;
  }): Promise<{ url: string }>;
  /** Moves the subscription to the plan's price, prorating and invoicing the difference at once. */
  changePlan(input: { subscriptionId: string; plan: P }): Promise<ProviderSubscription>;
  portalUrl(input: { customerId: string; returnUrl: string }): Promise<string>;
  listInvoices(customerId: string): Promise<ProviderInvoice[]>;
  /** Verifies the signature over the raw body and parses the event; throws WebhookVerificationError. */
  verifyWebhook(rawBody: string, signature: string | null): Promise<BillingEvent>;
}
