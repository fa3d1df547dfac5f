import { and, eq } from "drizzle-orm";
import type { Database } from "@cannasaas/db/client";
import { customers, pushSubscriptions } from "@cannasaas/db/schema";
import { recordAuditEvent } from "../audit/record";
import { DomainError } from "../errors";
import { activeCustomer, type CustomerScope } from "../customers/scope";

const NEEDS_BROWSER = "Turn on notifications in this browser first.";

/**
 * The shopper's consent to deals and news by web push at this store: separate from subscribing a browser,
 * which alone brings order notifications. Turning it on needs a subscribed browser; turning it off takes
 * effect at once (the send queue reads it again right before each push). A change and its audit record
 * commit together; setting what is already set records nothing.
 */
export async function setMarketingPushConsent(
  db: Database,
  scope: CustomerScope,
  consent: boolean,
  now: Date,
) {
  return db.transaction(async (tx) => {
    const customer = await activeCustomer(tx, scope, true);
    if (consent) {
      const [browser] = await tx
        .select({ id: pushSubscriptions.id })
        .from(pushSubscriptions)
        .where(
          and(
            eq(pushSubscriptions.organizationId, scope.organizationId),
            eq(pushSubscriptions.customerId, scope.customerId),
          ),
        )
        .limit(1);
      if (!browser) throw new DomainError("BAD_REQUEST", NEEDS_BROWSER);
    }
    if (customer.marketingPushConsent !== consent) {
      await tx
        .update(customers)
        .set({ marketingPushConsent: consent, updatedAt: now })
        .where(and(eq(customers.id, customer.id), eq(customers.organizationId, scope.organizationId)));
      await recordAuditEvent(tx, {
        organizationId: scope.organizationId,
        actor: customer.userId
          ? { kind: "user", id: customer.userId, label: "customer: account page" }
          : { kind: "system", id: customer.id, label: "customer: account page" },
        action: consent ? "marketing.push_subscribe" : "marketing.push_unsubscribe",
        resource: { type: "customer", id: customer.id },
        before: { marketingPushConsent: !consent },
        after: { marketingPushConsent: consent },
        at: now,
      });
    }
    return { marketingPushConsent: consent };
  });
}
