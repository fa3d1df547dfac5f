import type { DbOrTx } from "@cannasaas/db/client";
import { auditAppends } from "@cannasaas/db/schema";
import { auditCanonicalText, auditValue, type HashedAuditFields } from "./canonical";

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
 * Records one event in its organization's chain, in one statement: the record waits in `audit_appends` and the
 * database links it into the chain as the transaction commits (the deferred trigger `audit_appends_link` locks
 * the chain's head, hashes, appends and moves the head on), so concurrent changes queue on the head only while
 * a COMMIT runs, and each record links to the one committed before it. Accepts an open transaction (the record
 * then commits or rolls back with the change it describes) or the database. Gives the fields as stored; the
 * sequence number and hash exist once the transaction has committed.
 */
export async function recordAuditEvent(db: DbOrTx, event: AuditEventInput) {
  const fields = {
    organizationId: event.organizationId,
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
  };
  const { head, middle, tail } = canonicalPieces(fields);
  await db.insert(auditAppends).values({
    ...fields,
    canonicalHead: head,
    canonicalMiddle: middle,
    canonicalTail: tail,
  });
  return fields;
}

type AppendFields = Omit<HashedAuditFields, "seq" | "prevHash">;

/** A record's canonical text around its sequence number and previous hash (see migration 0045). */
function canonicalPieces(fields: AppendFields) {
  // Keys sort, so "prevHash" and "seq" are the last top-level keys but "requestId", "resourceId",
  // "resourceType" and "v", whose values are never objects: the last occurrences are the record's own.
  const text = auditCanonicalText({ ...fields, seq: 0, prevHash: null });
  const prev = text.lastIndexOf(',"prevHash":null,');
  const seq = text.lastIndexOf(',"seq":0,');
  return {
    head: text.slice(0, prev + ',"prevHash":'.length),
    middle: text.slice(prev + ',"prevHash":null'.length, seq + ',"seq":'.length),
    tail: text.slice(seq + ',"seq":0'.length),
  };
}
