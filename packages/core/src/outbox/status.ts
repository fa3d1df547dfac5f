import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import { outboxMessages } from "@cannasaas/db/schema";
import type { FailureOutcome } from "../queue/define";

/**
 * The outbox row is what people read (the dev mailbox, the send log, the event history); these keep it in step
 * with the queue job that delivers it, for every queue that drains outbox messages.
 */
export async function markOutboxSent(
  db: DbOrTx,
  outboxId: string,
  sent: { at: Date; via: string; attempts: number },
) {
  await db
    .update(outboxMessages)
    .set({
      status: "sent",
      sentAt: sent.at,
      deliveredVia: sent.via,
      attempts: sent.attempts,
      lastError: null,
    })
    .where(eq(outboxMessages.id, outboxId));
}

/** Many rows sent by one transport at one time, each with its own attempt count, in one statement. */
export async function markOutboxesSent(
  db: DbOrTx,
  rows: { id: string; attempts: number }[],
  sent: { at: Date; via: string },
) {
  if (!rows.length) return;
  await db.execute(sql`
    update ${outboxMessages} o
    set status = 'sent', sent_at = ${sent.at.toISOString()}::timestamptz, delivered_via = ${sent.via},
      attempts = v.attempts, last_error = null
    from (select unnest(${sql.param(rows.map((r) => r.id))}::text[]) as id,
                 unnest(${sql.param(rows.map((r) => r.attempts))}::int[]) as attempts) v
    where o.id = v.id::uuid`);
}

export async function markOutboxFailed(
  db: DbOrTx,
  outboxId: string,
  attempts: number,
  outcome: FailureOutcome,
) {
  await db
    .update(outboxMessages)
    .set({
      status: outcome.dead ? "dead" : "failed",
      attempts,
      lastError: outcome.error.slice(0, 500),
      nextAttemptAt: outcome.runAt,
    })
    .where(eq(outboxMessages.id, outboxId));
}
