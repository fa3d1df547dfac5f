import { and, desc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import { outboxMessages } from "@cannasaas/db/schema";

type Channel = (typeof outboxMessages.channel.enumValues)[number];

/**
 * The dev mailbox's view of one channel: the newest outbox messages, whatever their delivery state, typed as
 * that channel's payload. With no outside service configured, the outbox row is the only place a message lands.
 * `to` matches the payload's recipient exactly (an email address or an E.164 number).
 */
export async function listOutboxChannel<Payload>(
  db: DbOrTx,
  channel: Channel,
  options: { limit?: number; to?: string } = {},
) {
  const rows = await db
    .select({
      id: outboxMessages.id,
      topic: outboxMessages.topic,
      payload: outboxMessages.payload,
      status: outboxMessages.status,
      lastError: outboxMessages.lastError,
      createdAt: outboxMessages.createdAt,
      sentAt: outboxMessages.sentAt,
      deliveredVia: outboxMessages.deliveredVia,
    })
    .from(outboxMessages)
    .where(
      and(
        eq(outboxMessages.channel, channel),
        options.to ? sql`${outboxMessages.payload}->>'to' = ${options.to}` : undefined,
      ),
    )
    .orderBy(desc(outboxMessages.createdAt))
    .limit(options.limit ?? 50);
  return rows.map((r) => ({ ...r, payload: r.payload as Payload }));
}
