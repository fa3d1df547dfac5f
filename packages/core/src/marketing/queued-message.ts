import { and, eq, inArray } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { DbOrTx } from "@cannasaas/db/client";
import { customers, marketingMessages, outboxMessages } from "@cannasaas/db/schema";

/** What every marketing send job carries: its outbox row and its message. */
export type MarketingSendJob = { outboxId: string; messageId: string };

/**
 * A queued message's outbox row with the customer's fields a channel re-reads right before sending (consent,
 * number), read by the message's key, within the message's own store.
 */
export async function queuedMessage<F extends Record<string, PgColumn>>(
  db: DbOrTx,
  job: MarketingSendJob,
  fields: F,
) {
  const [row] = await db
    .select({ outbox: outboxMessages, erasedAt: customers.erasedAt, ...fields })
    .from(marketingMessages)
    .innerJoin(outboxMessages, eq(outboxMessages.id, marketingMessages.outboxId))
    .innerJoin(
      customers,
      and(
        eq(customers.id, marketingMessages.customerId),
        eq(customers.organizationId, marketingMessages.organizationId),
      ),
    )
    .where(and(eq(marketingMessages.id, job.messageId), eq(outboxMessages.id, job.outboxId)));
  return row;
}

/**
 * Closes messages that may no longer be sent (consent withdrawn, number gone): the outbox rows dead with the
 * reason people read, the messages skipped with the reason the report counts.
 */
export async function withdrawMessages(
  db: DbOrTx,
  jobs: MarketingSendJob[],
  reason: { skip: string; text: string },
) {
  if (!jobs.length) return;
  await db
    .update(outboxMessages)
    .set({ status: "dead", lastError: reason.text })
    .where(
      inArray(
        outboxMessages.id,
        jobs.map((job) => job.outboxId),
      ),
    );
  await db
    .update(marketingMessages)
    .set({ status: "skipped", skipReason: reason.skip })
    .where(
      inArray(
        marketingMessages.id,
        jobs.map((job) => job.messageId),
      ),
    );
}
