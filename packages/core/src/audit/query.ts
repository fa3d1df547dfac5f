import { and, asc, desc, eq, gte, ilike, lt, or, gt, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import { auditEvents } from "@cannasaas/db/schema";

export type AuditFilters = {
  /** Matches the actor's label (email, key name, job) or exact id. */
  actor?: string;
  /** Matches actions starting with this, e.g. "staffOrders" or "organization.updateProfile". */
  action?: string;
  resourceType?: string;
  resourceId?: string;
  from?: Date;
  /** Exclusive. */
  to?: Date;
};

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function conditions(organizationId: string, f: AuditFilters): SQL | undefined {
  return and(
    eq(auditEvents.organizationId, organizationId),
    f.actor
      ? or(ilike(auditEvents.actorLabel, `%${likeEscape(f.actor)}%`), eq(auditEvents.actorId, f.actor))
      : undefined,
    f.action ? ilike(auditEvents.action, `${likeEscape(f.action)}%`) : undefined,
    f.resourceType ? eq(auditEvents.resourceType, f.resourceType) : undefined,
    f.resourceId ? eq(auditEvents.resourceId, f.resourceId) : undefined,
    f.from ? gte(auditEvents.createdAt, f.from) : undefined,
    f.to ? lt(auditEvents.createdAt, f.to) : undefined,
  );
}

/** One page of an organization's trail, newest first; pass `nextCursor` back as `beforeSeq` for the next. */
export async function listAuditEvents(
  db: DbOrTx,
  organizationId: string,
  filters: AuditFilters & { beforeSeq?: number; limit?: number } = {},
) {
  const limit = Math.min(filters.limit ?? 50, 200);
  const rows = await db
    .select()
    .from(auditEvents)
    .where(
      and(
        conditions(organizationId, filters),
        filters.beforeSeq ? lt(auditEvents.seq, filters.beforeSeq) : undefined,
      ),
    )
    .orderBy(desc(auditEvents.seq))
    .limit(limit + 1);
  const events = rows.slice(0, limit);
  return { events, nextCursor: rows.length > limit ? events.at(-1)!.seq : null };
}

/**
 * An organization's records in a date range, oldest first, one batch at a time (keyset on `seq`): memory use
 * depends on the batch size, never on the length of the range.
 */
export async function* auditEventBatches(
  db: DbOrTx,
  organizationId: string,
  range: { from?: Date; to?: Date },
  batchSize = 500,
) {
  let afterSeq = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditEvents)
      .where(and(conditions(organizationId, range), gt(auditEvents.seq, afterSeq)))
      .orderBy(asc(auditEvents.seq))
      .limit(batchSize);
    if (rows.length > 0) yield rows;
    if (rows.length < batchSize) return;
    afterSeq = rows.at(-1)!.seq;
  }
}
