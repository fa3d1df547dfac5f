import { sql } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import { auditChainHeads, auditEvents } from "@cannasaas/db/schema";
import { rowsOf } from "../sql-rows";
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
 * Appends one record to its organization's chain in one statement, which locks the chain head row, links the
 * record to the head's last hash, stores it and moves the head on; the lock is held to the end of the
 * transaction, so concurrent appends take turns and each links to the one before it. Being the transaction's
 * last statement keeps that turn short: an append costs the chain one statement and a commit. Accepts an open
 * transaction (the record then commits or rolls back with the change it describes) or the database.
 */
export async function recordAuditEvent(db: DbOrTx, event: AuditEventInput) {
  const chain = chainKey(event.organizationId);
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
  let appended = await append(db, chain, fields);
  if (!appended) {
    // The chain's first record: its head row is made once, then the append runs as usual.
    await db
      .insert(auditChainHeads)
      .values({ chain, organizationId: event.organizationId })
      .onConflictDoNothing({ target: auditChainHeads.chain });
    appended = await append(db, chain, fields);
  }
  return { ...fields, ...appended! };
}

type AppendFields = Omit<HashedAuditFields, "seq" | "prevHash">;

/**
 * The append statement: the hash covers the record's canonical text, whose sequence number and previous hash
 * only the locked head knows, so the text is sent in three pieces and joined around them in SQL (`to_json` of a
 * hex hash and the text of a whole number read exactly as JSON.stringify writes them). Null when the chain has
 * no head row yet.
 */
async function append(db: DbOrTx, chain: string, fields: AppendFields) {
  const { head, middle, tail } = canonicalPieces(fields);
  const json = (v: unknown) => (v === null ? sql`null` : sql`${JSON.stringify(v)}::jsonb`);
  const h = auditChainHeads;
  const [row] = rowsOf<{ id: string; seq: string | number; prev_hash: string | null; hash: string }>(
    await db.execute(sql`
      with head as materialized (
        select ${h.chain} as chain, ${h.lastSeq} + 1 as seq, ${h.lastHash} as prev_hash,
          encode(sha256(convert_to(${head}::text || coalesce(to_json(${h.lastHash})::text, 'null') || ${middle}::text
            || (${h.lastSeq} + 1)::text || ${tail}::text, 'UTF8')), 'hex') as hash
        from ${h} where ${h.chain} = ${chain}::text
        for update
      ),
      moved as (
        update ${h} set last_seq = head.seq, last_hash = head.hash from head where ${h.chain} = head.chain
      )
      insert into ${auditEvents} (organization_id, seq, actor_kind, actor_id, actor_label, action, resource_type,
        resource_id, input, before, after, ip, request_id, created_at, prev_hash, hash)
      select ${fields.organizationId}::uuid, head.seq, ${fields.actorKind}::audit_actor_kind,
        ${fields.actorId}::text, ${fields.actorLabel}::text, ${fields.action}::text, ${fields.resourceType}::text,
        ${fields.resourceId}::text, ${json(fields.input)}, ${json(fields.before)}, ${json(fields.after)},
        ${fields.ip}::text, ${fields.requestId}::text, ${fields.createdAt.toISOString()}::timestamptz,
        head.prev_hash, head.hash
      from head
      returning id, seq, prev_hash, hash`),
  );
  return row ? { id: row.id, seq: Number(row.seq), prevHash: row.prev_hash, hash: row.hash } : null;
}

/** A record's canonical text around its sequence number and previous hash (see `append`). */
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
