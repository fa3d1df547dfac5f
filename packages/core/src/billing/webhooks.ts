import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import { billingAccounts, memberships, organizations, stripeEvents, users } from "@cannasaas/db/schema";
import type { CoreDeps } from "../deps";
import { enqueueEmail } from "../outbox/email";
import { escapeHtml } from "../outbox/html";
import { invalidatePlanCache, PLAN_LABELS } from "../plans/features";
import type { BillingEvent, BillingProvider } from "./provider";
import { mapStripeStatus, readInvoice, readSubscription } from "@cannasaas/integrations/billing";

export type WebhookOutcome = "applied" | "stale" | "ignored" | "duplicate";
export type WebhookResult = { outcome: WebhookOutcome; organizationId: string | null; emailIds: string[] };

type Tx = DbOrTx;
type Account = typeof billingAccounts.$inferSelect;

/**
 * Applies one verified billing event exactly once: its id goes into `stripe_events` in the same transaction as
 * its effects, so a replay (or a second delivery racing the first) finds the id taken and changes nothing.
 * Events older than the newest one applied to the subscription are recorded as "stale" and change nothing,
 * since Stripe does not promise delivery order. The plan cache is dropped after commit. `dashboardUrl` is the
 * absolute link to the app's billing page for dunning emails; the app builds it.
 */
export async function processBillingEvent(
  deps: Pick<CoreDeps, "db" | "kv" | "clock" | "log">,
  provider: BillingProvider,
  event: BillingEvent,
  options: { dashboardUrl: string },
): Promise<WebhookResult> {
  const result = await deps.db.transaction(async (tx) => {
    const [claimed] = await tx
      .insert(stripeEvents)
      .values({ id: event.id, type: event.type, createdAt: event.created, outcome: "pending" })
      .onConflictDoNothing()
      .returning({ id: stripeEvents.id });
    if (!claimed) return { outcome: "duplicate", organizationId: null, emailIds: [] } satisfies WebhookResult;

    const handled = await applyEvent(tx, provider, event, options.dashboardUrl);
    await tx
      .update(stripeEvents)
      .set({ outcome: handled.outcome, organizationId: handled.organizationId, processedAt: deps.clock() })
      .where(eq(stripeEvents.id, event.id));
    return handled;
  });
  if (result.organizationId && result.outcome === "applied")
    await invalidatePlanCache(deps, result.organizationId);
  deps.log?.info(
    { eventId: event.id, type: event.type, outcome: result.outcome, organizationId: result.organizationId },
    "stripe event",
  );
  return result;
}

async function applyEvent(
  tx: Tx,
  provider: BillingProvider,
  event: BillingEvent,
  dashboardUrl: string,
): Promise<WebhookResult> {
  const none = (outcome: WebhookOutcome, organizationId: string | null = null): WebhookResult => ({
    outcome,
    organizationId,
    emailIds: [],
  });
  switch (event.type) {
    case "customer.subscription.created":
    case "customer.subscription.updated":
    case "customer.subscription.deleted": {
      const sub = readSubscription(event.object);
      const account = await lockAccount(tx, sub.customerId);
      if (!account) return none("ignored");
      const org = account.organizationId;
      if (isStale(account, event)) return none("stale", org);
      // A late event about a subscription that has since been replaced must not touch the current one.
      if (
        account.stripeSubscriptionId &&
        account.stripeSubscriptionId !== sub.id &&
        event.type !== "customer.subscription.created"
      )
        return none("ignored", org);
      const plan = sub.priceId ? provider.planForPrice(sub.priceId) : null;
      if (!plan && event.type !== "customer.subscription.deleted") return none("ignored", org);
      const status =
        event.type === "customer.subscription.deleted" ? "canceled" : mapStripeStatus(sub.status);
      await tx
        .update(billingAccounts)
        .set({
          stripeSubscriptionId: sub.id,
          stripePriceId: sub.priceId,
          stripeStatus: event.type === "customer.subscription.deleted" ? "canceled" : sub.status,
          currentPeriodEnd: sub.currentPeriodEnd,
          cancelAtPeriodEnd: sub.cancelAtPeriodEnd,
          lastEventAt: event.created,
        })
        .where(eq(billingAccounts.organizationId, org));
      await tx
        .update(organizations)
        .set({ ...(plan ? { plan } : {}), subscriptionStatus: status, trialEndsAt: sub.trialEnd })
        .where(eq(organizations.id, org));
      return none("applied", org);
    }
    case "invoice.payment_failed":
    case "invoice.paid": {
      const invoice = readInvoice(event.object);
      const account = invoice.customerId ? await lockAccount(tx, invoice.customerId) : null;
      if (!account) return none("ignored");
      const org = account.organizationId;
      const current = !invoice.subscriptionId || invoice.subscriptionId === account.stripeSubscriptionId;
      if (!current) return none("ignored", org);
      if (event.type === "invoice.paid") {
        if (isStale(account, event)) return none("stale", org);
        // A paid invoice ends a past-due spell; other statuses are left to the subscription events.
        await tx
          .update(organizations)
          .set({ subscriptionStatus: "active" })
          .where(
            and(
              eq(organizations.id, org),
              sql`${organizations.subscriptionStatus} in ('past_due', 'unpaid')`,
            ),
          );
        await tx
          .update(billingAccounts)
          .set({ lastEventAt: event.created })
          .where(eq(billingAccounts.organizationId, org));
        return none("applied", org);
      }
      // The dunning email goes out for every failed attempt, even one that arrives late.
      const emailIds = await enqueueDunningEmails(tx, org, invoice, dashboardUrl);
      if (!isStale(account, event)) {
        await tx
          .update(organizations)
          .set({ subscriptionStatus: "past_due" })
          .where(
            and(
              eq(organizations.id, org),
              sql`${organizations.subscriptionStatus} in ('trialing', 'active')`,
            ),
          );
        await tx
          .update(billingAccounts)
          .set({ lastEventAt: event.created })
          .where(eq(billingAccounts.organizationId, org));
      }
      return { outcome: "applied", organizationId: org, emailIds };
    }
    default:
      return none("ignored");
  }
}

/** Stripe's `created` has whole seconds, so an event from the same second as the newest applied still applies. */
const isStale = (account: Account, event: BillingEvent) =>
  account.lastEventAt !== null && event.created.getTime() < account.lastEventAt.getTime();

/** The billing account of a Stripe customer, locked so concurrent events for it apply one after the other. */
async function lockAccount(tx: Tx, customerId: string): Promise<Account | null> {
  if (!customerId) return null;
  const [account] = await tx
    .select()
    .from(billingAccounts)
    .where(eq(billingAccounts.stripeCustomerId, customerId))
    .for("update");
  return account ?? null;
}

async function enqueueDunningEmails(
  tx: Tx,
  organizationId: string,
  invoice: ReturnType<typeof readInvoice>,
  dashboardUrl: string,
): Promise<string[]> {
  const [org] = await tx
    .select({ name: organizations.name, plan: organizations.plan })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  const owners = await tx
    .select({ email: users.email, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.role, "owner")));
  const amount = formatMoney(invoice.amountDueCents, invoice.currency);
  const retry = invoice.nextPaymentAttempt
    ? `We will try again on ${invoice.nextPaymentAttempt.toISOString().slice(0, 10)}.`
    : "We will not retry automatically.";
  const payLink = invoice.hostedUrl ?? dashboardUrl;
  const planName = org ? PLAN_LABELS[org.plan] : "CannaSaaS";
  const ids: string[] = [];
  for (const owner of owners) {
    const text = [
      `Hello${owner.name ? ` ${owner.name}` : ""},`,
      "",
      `We could not collect ${amount} for ${org?.name ?? "your dispensary"}'s ${planName} subscription (attempt ${Math.max(1, invoice.attemptCount)}).`,
      retry,
      "Your features stay on while we retry. To keep them, update your payment method:",
      payLink,
      "",
      `Billing: ${dashboardUrl}`,
    ].join("\n");
    const html =
      `<p>Hello${owner.name ? ` ${escapeHtml(owner.name)}` : ""},</p>` +
      `<p>We could not collect <strong>${escapeHtml(amount)}</strong> for ${escapeHtml(org?.name ?? "your dispensary")}'s ${escapeHtml(planName)} subscription. ${escapeHtml(retry)}</p>` +
      `<p>Your features stay on while we retry. <a href="${escapeHtml(payLink)}">Update your payment method</a> to keep them.</p>`;
    ids.push(
      await enqueueEmail(tx, {
        organizationId,
        topic: "billing.payment_failed",
        to: owner.email,
        subject: `Payment failed for your ${planName} subscription`,
        text,
        html,
      }),
    );
  }
  return ids;
}

export function formatMoney(cents: number, currency: string) {
  return new Intl.NumberFormat("en-US", { style: "currency", currency: currency.toUpperCase() }).format(
    cents / 100,
  );
}
