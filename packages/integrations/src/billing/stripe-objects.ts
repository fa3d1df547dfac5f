import type { ProviderInvoice, ProviderSubscription } from "./types";

/**
 * Readers for Stripe objects as they arrive in API answers and webhook payloads. They read defensively because
 * fields moved between API versions (the period end went from the subscription to its items in 2025, an
 * invoice's subscription into `parent.subscription_details`).
 */
type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === "object" ? (v as Obj) : {});
const str = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const time = (v: unknown): Date | null => {
  const n = num(v);
  return n === null ? null : new Date(n * 1000);
};
/** An id field that may be expanded into an object. */
const ref = (v: unknown): string | null => str(v) ?? str(obj(v).id);

export function readSubscription(raw: unknown): ProviderSubscription {
  const s = obj(raw);
  const items = Array.isArray(obj(s.items).data) ? (obj(s.items).data as unknown[]) : [];
  const first = obj(items[0]);
  return {
    id: str(s.id) ?? "",
    customerId: ref(s.customer) ?? "",
    status: str(s.status) ?? "incomplete",
    priceId: ref(first.price),
    trialEnd: time(s.trial_end),
    currentPeriodEnd: time(s.current_period_end) ?? time(first.current_period_end),
    cancelAtPeriodEnd: s.cancel_at_period_end === true,
  };
}

export function subscriptionItemId(raw: unknown): string | null {
  const items = obj(obj(raw).items).data;
  return Array.isArray(items) ? str(obj(items[0]).id) : null;
}

export function readInvoice(raw: unknown): ProviderInvoice & {
  customerId: string | null;
  subscriptionId: string | null;
  attemptCount: number;
  nextPaymentAttempt: Date | null;
} {
  const i = obj(raw);
  return {
    id: str(i.id) ?? "",
    number: str(i.number),
    status: str(i.status),
    amountDueCents: num(i.amount_due) ?? 0,
    amountPaidCents: num(i.amount_paid) ?? 0,
    currency: str(i.currency) ?? "usd",
    createdAt: time(i.created) ?? new Date(0),
    hostedUrl: str(i.hosted_invoice_url),
    pdfUrl: str(i.invoice_pdf),
    customerId: ref(i.customer),
    subscriptionId: ref(i.subscription) ?? ref(obj(obj(i.parent).subscription_details).subscription),
    attemptCount: num(i.attempt_count) ?? 0,
    nextPaymentAttempt: time(i.next_payment_attempt),
  };
}

/** Our status enum has no word for some of Stripe's; these are the nearest in what they mean for features. */
export function mapStripeStatus(status: string): "trialing" | "active" | "past_due" | "canceled" | "unpaid" {
  switch (status) {
    case "trialing":
    case "active":
    case "past_due":
    case "canceled":
    case "unpaid":
      return status;
    case "incomplete": // first payment not made yet: like a failed renewal, features kept while it is retried
      return "past_due";
    case "incomplete_expired":
      return "canceled";
    default: // "paused": a trial ended without a payment method
      return "unpaid";
  }
}
