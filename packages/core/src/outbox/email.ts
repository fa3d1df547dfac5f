import { and, desc, eq, inArray, isNull, lte, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import { outboxMessages, type EmailPayload } from "@cannasaas/db/schema";
import type { MailDeps } from "../deps";

export const MAX_EMAIL_ATTEMPTS = 8;

/** Writes an email to the outbox; call it inside the transaction of the change that causes it. */
export async function enqueueEmail(
  db: DbOrTx,
  message: { organizationId: string | null; topic: string } & EmailPayload,
) {
  const { organizationId, topic, ...payload } = message;
  const [row] = await db
    .insert(outboxMessages)
    .values({ organizationId, topic, channel: "email", payload })
    .returning({ id: outboxMessages.id });
  return row!.id;
}

/** Exponential backoff with full jitter, capped at one hour. */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(60 * 60_000, 30_000 * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/**
 * Delivers due emails. Rows are claimed with a short lease (lockedUntil) by a conditional update, so two drains
 * running at once never send the same message twice, and a drain that dies leaves rows to be retried.
 */
export async function drainEmailOutbox(deps: MailDeps, options: { limit?: number; ids?: string[] } = {}) {
  const now = deps.clock();
  const leaseUntil = new Date(now.getTime() + 60_000);
  const due = and(
    eq(outboxMessages.channel, "email"),
    inArray(outboxMessages.status, ["pending", "failed"]),
    lte(outboxMessages.nextAttemptAt, now),
    or(isNull(outboxMessages.lockedUntil), lte(outboxMessages.lockedUntil, now)),
    options.ids?.length ? inArray(outboxMessages.id, options.ids) : undefined,
  );
  const candidates = await deps.db
    .select({ id: outboxMessages.id })
    .from(outboxMessages)
    .where(due)
    .orderBy(outboxMessages.createdAt)
    .limit(options.limit ?? 50);

  let sent = 0;
  let failed = 0;
  for (const { id } of candidates) {
    const [claimed] = await deps.db
      .update(outboxMessages)
      .set({ lockedUntil: leaseUntil, attempts: sql`${outboxMessages.attempts} + 1` })
      .where(and(eq(outboxMessages.id, id), due))
      .returning();
    if (!claimed) continue; // another drain took it
    const payload = claimed.payload as EmailPayload;
    try {
      await deps.mail.send(payload);
      await deps.db
        .update(outboxMessages)
        .set({
          status: "sent",
          sentAt: deps.clock(),
          deliveredVia: deps.mail.name,
          lockedUntil: null,
          lastError: null,
        })
        .where(eq(outboxMessages.id, id));
      sent++;
    } catch (error) {
      failed++;
      const dead = claimed.attempts >= MAX_EMAIL_ATTEMPTS;
      const reason = error instanceof Error ? error.message : String(error);
      deps.log?.warn(
        { outboxId: id, attempts: claimed.attempts, dead, err: reason },
        "email delivery failed",
      );
      await deps.db
        .update(outboxMessages)
        .set({
          status: dead ? "dead" : "failed",
          lastError: reason.slice(0, 500),
          lockedUntil: null,
          nextAttemptAt: new Date(deps.clock().getTime() + retryDelayMs(claimed.attempts)),
        })
        .where(eq(outboxMessages.id, id));
    }
  }
  return { sent, failed, examined: candidates.length };
}

/** The dev mailbox: the newest emails in the outbox, whatever their delivery state. */
export async function listMailbox(db: DbOrTx, options: { limit?: number; to?: string } = {}) {
  return db
    .select({
      id: outboxMessages.id,
      topic: outboxMessages.topic,
      payload: outboxMessages.payload,
      status: outboxMessages.status,
      createdAt: outboxMessages.createdAt,
      deliveredVia: outboxMessages.deliveredVia,
    })
    .from(outboxMessages)
    .where(
      and(
        eq(outboxMessages.channel, "email"),
        options.to ? sql`${outboxMessages.payload}->>'to' = ${options.to}` : undefined,
      ),
    )
    .orderBy(desc(outboxMessages.createdAt))
    .limit(options.limit ?? 50)
    .then((rows) => rows.map((r) => ({ ...r, payload: r.payload as EmailPayload })));
}
