import type { Plan } from "../plans/features";
import { DomainError } from "../errors";

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
export interface BillingProvider {
  readonly kind: "stripe" | "none";
  /** The plan a provider price belongs to; null for a price that is not one of ours. */
  planForPrice(priceId: string): Plan | null;
  createCustomer(input: {
    organizationId: string;
    name: string;
    email: string | null;
  }): Promise<{ id: string }>;
  /** A hosted checkout page that starts the subscription (with a trial when `trialDays` is set). */
  startCheckout(input: {
    organizationId: string;
    customerId: string;
    plan: Plan;
    trialDays: number | null;
    successUrl: string;
    cancelUrl: string;
  }): Promise<{ url: string }>;
  /** Moves the subscription to the plan's price, prorating and invoicing the difference at once. */
  changePlan(input: { subscriptionId: string; plan: Plan }): Promise<ProviderSubscription>;
  portalUrl(input: { customerId: string; returnUrl: string }): Promise<string>;
  listInvoices(customerId: string): Promise<ProviderInvoice[]>;
  /** Verifies the signature over the raw body and parses the event; throws WebhookVerificationError. */
  verifyWebhook(rawBody: string, signature: string | null): Promise<BillingEvent>;
}

export const STRIPE_NOT_CONFIGURED =
  "Stripe is not configured on this server, so plans are set by a platform operator.";

/** The local default: every provider call is refused with a message saying so. */
export const unconfiguredBilling: BillingProvider = {
  kind: "none",
  planForPrice: () => null,
  createCustomer: refuse,
  startCheckout: refuse,
  changePlan: refuse,
  portalUrl: refuse,
  listInvoices: async () => [],
  verifyWebhook: async () => {
    throw new WebhookVerificationError("Stripe webhooks are not configured on this server.");
  },
};

async function refuse(): Promise<never> {
  throw new DomainError("PRECONDITION_FAILED", STRIPE_NOT_CONFIGURED);
}

/** What the API needs to run billing: the provider and who may set plans directly. */
export type BillingContext = {
  provider: BillingProvider;
  /** Emails of platform operators (PLATFORM_OPERATOR_EMAILS), lower-cased. */
  operatorEmails: readonly string[];
  /**
   * True on a local run without Stripe: then an organization's owner may set its plan and overrides, so the demo
   * can show every plan. Never true in production.
   */
  ownersActAsOperators: boolean;
};

export const defaultBillingContext: BillingContext = {
  provider: unconfiguredBilling,
  operatorEmails: [],
  ownersActAsOperators: false,
};
