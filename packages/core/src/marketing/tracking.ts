import { and, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "@cannasaas/db/client";
import { customers, marketingMessages } from "@cannasaas/db/schema";
import { recordAuditEvent } from "../audit/record";
import { verifyTrackingToken } from "./links";

/**
 * What the public tracking endpoints do with a token. A token that fails its signature changes nothing and
 * answers null, so a tampered click link can never redirect anywhere.
 */
export async function recordOpen(db: Database, token: string, key: string, now: Date) {
  const claim = verifyTrackingToken(token, key);
  if (claim?.kind !== "open") return false;
  await db
    .update(marketingMessages)
    .set({ openedAt: now })
    .where(and(eq(marketingMessages.id, claim.messageId), isNull(marketingMessages.openedAt)));
  return true;
}

/** The destination of a signed click link (after counting the click), or null for a bad token. */
export async function recordClick(db: Database, token: string, key: string, now: Date) {
  const claim = verifyTrackingToken(token, key);
  if (claim?.kind !== "click") return null;
  await db
    .update(marketingMessages)
    .set({
      clicks: sql`${marketingMessages.clicks} + 1`,
      clickedAt: sql`coalesce(${marketingMessages.clickedAt}, ${now.toISOString()}::timestamptz)`,
      // A click proves the email was opened, even when images were blocked.
      openedAt: sql`coalesce(${marketingMessages.openedAt}, ${now.toISOString()}::timestamptz)`,
    })
    .where(eq(marketingMessages.id, claim.messageId));
  return claim.url;
}

/**
 * One-click unsubscribe (RFC 8058): the customer's email consent is withdrawn at once, in the same transaction
 * as its audit record; later campaigns and any email still queued skip them. Repeating it is harmless.
 */
export async function unsubscribeByToken(db: Database, token: string, key: string, now: Date) {
  const claim = verifyTrackingToken(token, key);
  if (claim?.kind !== "unsubscribe") return null;
  return db.transaction(async (tx) => {
    const [message] = await tx
      .select({ organizationId: marketingMessages.organizationId, customerId: marketingMessages.customerId })
      .from(marketingMessages)
      .where(eq(marketingMessages.id, claim.messageId));
    if (!message) return null;
    const [before] = await tx
      .select({ consent: customers.marketingEmailConsent })
      .from(customers)
      .where(eq(customers.id, message.customerId))
      .for("update");
    await tx
      .update(customers)
      .set({ marketingEmailConsent: false })
      .where(and(eq(customers.id, message.customerId), eq(customers.organizationId, message.organizationId)));
    await tx
      .update(marketingMessages)
      .set({
        unsubscribedAt: sql`coalesce(${marketingMessages.unsubscribedAt}, ${now.toISOString()}::timestamptz)`,
      })
      .where(eq(marketingMessages.id, claim.messageId));
    if (before?.consent) {
      await recordAuditEvent(tx, {
        organizationId: message.organizationId,
        actor: { kind: "system", id: message.customerId, label: "customer: unsubscribe link" },
        action: "marketing.unsubscribe",
        resource: { type: "customer", id: message.customerId },
        before: { marketingEmailConsent: true },
        after: { marketingEmailConsent: false },
        at: now,
      });
    }
    return { organizationId: message.organizationId };
  });
}
