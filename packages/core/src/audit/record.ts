import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import { auditChainHeads, auditEvents } from "@cannasaas/db/schema";
import { auditHash, auditValue } from "./canonical";

export type AuditActor =
  | { kind: "user"; id: string; label?: string | null }
  | { kind: "api_key"; id: string; label?: string | null }
  | { kind: "job"; id: string; label?: string | null }
  | { kind: "system"; id?: string | null; label?: string | null }
  | { kind: "anonymous"; id?: null; label?: string | null };

export type AuditEventInput = {
  /** The organization whose chain records it; null for the platform chain. */
  organizationId: string | null;
  actor: AuditActor;
  /** e.g. "organization.updateProfile" (a procedure path), "job.reservations", "api.orders.create". */
  action: string;
  resource?: { type: string; id: string } | null;
  /** Raw values are fine: they are redacted and size-capped here. */
  input?: unknown;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
  requestId?: string | null;
  at?: Date;
};

export const PLATFORM_CHAIN = "platform";
export const chainKey = (organizationId: string | null) => organizationId ?? PLATFORM_CHAIN;

/**
 * Appends one record to its organization's chain. The chain head row is locked for the length of the
 * transaction, so concurrent appends take turns and each links to the one before it. Accepts an open
 * transaction (the record then commits or rolls back with the change it describes) or the database.
 */
export async function recordAuditEvent(db: DbOrTx, event: AuditEventInput) {
  return db.transaction(async (tx) => {
    const chain = chainKey(event.organizationId);
    // The upsert takes the head row's lock whether it inserts or not (one round trip); it is held to commit.
    const [head] = await tx
      .insert(auditChainHeads)
      .values({ chain, organizationId: event.organizationId })
      .onConflictDoUpdate({
        target: auditChainHeads.chain,
        set: { lastSeq: sql`${auditChainHeads.lastSeq}` },
      })
      .returning();
    const fields = {
      organizationId: event.organizationId,
      seq: head!.lastSeq + 1,
      actorKind: event.actor.kind,
      actorId: event.actor.id ?? null,
      actorLabel: event.actor.label ?? null,
      action: event.action,
      resourceType: event.resource?.type ?? null,
      resourceId: event.resource?.id ?? null,
      input: auditValue(event.input),
      before: auditValue(event.before),
      after: auditValue(event.after),
      ip: event.ip ?? null,
      requestId: event.requestId ?? null,
      createdAt: event.at ?? new Date(),
      prevHash: head!.lastHash,
    };
    const hash = auditHash(fields);
    // jsonb null and SQL NULL differ; store SQL NULL for "nothing".
    const json = (v: unknown) => (v === null ? sql`null` : v);
    const [row] = await tx
      .insert(auditEvents)
      .values({
        ...fields,
        input: json(fields.input),
        before: json(fields.before),
        after: json(fields.after),
        hash,
      })
      .returning();
    await tx
      .update(auditChainHeads)
      .set({ lastSeq: fields.seq, lastHash: hash })
      .where(eq(auditChainHeads.chain, chain));
    return row!;
  });
}
