/** The billing port and readers for Stripe's objects; the SDK-backed adapter is `@cannasaas/integrations/billing/stripe`. */
export * from "./types";
export * from "./stripe-objects";
