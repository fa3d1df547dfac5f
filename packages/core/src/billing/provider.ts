import type { BillingProvider as BillingProviderPort } from "@cannasaas/integrations/billing";
import type { Plan } from "../plans/features";
import { DomainError } from "../errors";
import { WebhookVerificationError } from "@cannasaas/integrations/billing";

export {
  isWebhookVerificationError,
  WebhookVerificationError,
  type BillingEvent,
  type ProviderInvoice,
  type ProviderSubscription,
} from "@cannasaas/integrations/billing";

/**
 * The dispensaries' own SaaS subscription, behind a port declared in packages/integrations: Stripe in production
 * (its adapter lives there too), "not configured" by default (then an operator sets plans directly).
 */
export type BillingProvider = BillingProviderPort<Plan>;

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
