import { sql } from "drizzle-orm";
import type { Transaction } from "@cannasaas/db/client";
import { marketingMessages, outboxMessages, type AbVariant, type EmailPayload } from "@cannasaas/db/schema";
import { enqueueMany } from "../queue/enqueue";
import { marketingEmailQueue } from "./queue";
import { marketingSmsQueue, type SmsPayload } from "./sms-queue";
import { marketingPushQueue } from "./push-queue";
import type { MarketingPushPayload } from "./push-compose";

export type PlannedMessage = {
  id: string;
  customerId: string;
  /** The campaign's A/B variant this customer gets; null or absent outside a test. */
  variant?: AbVariant | null;
  idempotencyKey: string;
  skipReason: string | null;
  email: EmailPayload | null;
  /** For an SMS message: the text to send, and when (quiet hours defer it, they never drop it). */
  sms?: SmsPayload | null;
  /** For a web push message: the notification and the shopper's zone, sent at `runAt` like a text. */
  push?: MarketingPushPayload | null;
  runAt?: Date;
};

/**
 * Writes one batch of marketing messages inside `tx`: the rows (a repeated idempotency key is ignored, so a
 * second runner or a resumed run writes nothing twice), then an outbox row and a queue job for each new row
 * that is to be sent. Returns how many were queued and skipped among the new rows.
 */
export async function writeMarketingMessages(
  tx: Transaction,
  input: {
    organizationId: string;
    source: { campaignId: string } | { automationId: string };
    channel?: "email" | "sms" | "push";
    topic: string;
    planned: PlannedMessage[];
    now: Date;
  },
) {
  const { organizationId, planned, now } = input;
  const channel = input.channel ?? "email";
  if (!planned.length) return { queued: 0, skipped: 0 };
  const inserted = await tx
    .insert(marketingMessages)
    .values(
      planned.map((p) => ({
        id: p.id,
        organizationId,
        ...input.source,
        customerId: p.customerId,
        channel,
        variant: p.variant ?? null,
        idempotencyKey: p.idempotencyKey,
        status: p.skipReason ? ("skipped" as const) : ("queued" as const),
        skipReason: p.skipReason,
        // The frequency cap and plan limit count by this time, on the application's clock.
        createdAt: now,
      })),
    )
    .onConflictDoNothing({ target: marketingMessages.idempotencyKey })
    .returning({ id: marketingMessages.id });
  const fresh = new Set(inserted.map((r) => r.id));
  const payloadOf = (p: PlannedMessage) =>
    channel === "sms" ? p.sms : channel === "push" ? p.push : p.email;
  const queue = { email: marketingEmailQueue, sms: marketingSmsQueue, push: marketingPushQueue }[channel];
  const sends = planned.filter((p) => fresh.has(p.id) && payloadOf(p));
  if (sends.length) {
    const outbox = await tx
      .insert(outboxMessages)
      .values(
        sends.map((p) => ({
          organizationId,
          channel,
          topic: input.topic,
          payload: payloadOf(p)!,
        })),
      )
      .returning({ id: outboxMessages.id });
    await tx.execute(sql`update marketing_messages m set outbox_id = v.outbox_id::uuid
      from (select unnest(${sql.param(sends.map((p) => p.id))}::text[]) as id,
                   unnest(${sql.param(outbox.map((o) => o.id))}::text[]) as outbox_id) v
      where m.id = v.id::uuid`);
    await enqueueMany(
      tx,
      queue.name,
      sends.map((p, i) => ({
        organizationId,
        payload: { outboxId: outbox[i]!.id, messageId: p.id },
        dedupeKey: p.id,
        // Due by the application's clock, which the drain compares with (not the database's).
        runAt: p.runAt ?? now,
      })),
    );
  }
  return { queued: sends.length, skipped: inserted.length - sends.length };
}
