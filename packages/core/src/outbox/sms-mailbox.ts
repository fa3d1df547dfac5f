import { and, desc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import { outboxMessages } from "@cannasaas/db/schema";
import type { SmsPayload } from "../marketing/sms-queue";

/**
 * The texts the product wrote (newest first), for the dev mailbox: with no Twilio configured the outbox rows
 * are the only place an SMS lands. `to` is an E.164 number.
 */
export async function listTextMailbox(db: DbOrTx, options: { limit?: number; to?: string } = {}) {
  return db
    .select({
      id: outboxMessages.id,
      topic: outboxMessages.topic,
      payload: outboxMessages.payload,
      status: outboxMessages.status,
      lastError: outboxMessages.lastError,
      createdAt: outboxMessages.createdAt,
      sentAt: outboxMessages.sentAt,
    })
    .from(outboxMessages)
    .where(
      and(
        eq(outboxMessages.channel, "sms"),
        options.to ? sql`${outboxMessages.payload}->>'to' = ${options.to}` : undefined,
      ),
    )
    .orderBy(desc(outboxMessages.createdAt))
    .limit(options.limit ?? 50)
    .then((rows) => rows.map((r) => ({ ...r, payload: r.payload as SmsPayload })));
}
