import { and, asc, eq, gt, isNull } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import { auditChainHeads, auditEvents, organizations } from "@cannasaas/db/schema";
import { auditHash } from "./canonical";
import { chainKey } from "./record";

export type AuditProblem =
  | { kind: "altered"; seq: number; id: string; message: string }
  | { kind: "broken_link"; seq: number; id: string; message: string }
  | { kind: "missing"; fromSeq: number; toSeq: number; message: string };

export type AuditChainReport = {
  organizationId: string | null;
  intact: boolean;
  /** Records read and checked. */
  checked: number;
  /** The highest sequence number the chain head says was written. */
  expectedLastSeq: number;
  problems: AuditProblem[];
};

const MAX_PROBLEMS = 100;
const orgFilter = (organizationId: string | null) =>
  organizationId ? eq(auditEvents.organizationId, organizationId) : isNull(auditEvents.organizationId);

/**
 * Recomputes one chain from its first record: every record's hash must match its contents (else it was
 * altered), link to the record before it (else the one before was rewritten, hash and all, or the link edited),
 * and sequence numbers must run without gaps up to the chain head (else records were deleted). Reads in
 * batches, so it works on chains of any length.
 */
export async function verifyAuditChain(
  db: DbOrTx,
  organizationId: string | null,
  options: { batchSize?: number } = {},
): Promise<AuditChainReport> {
  const batchSize = options.batchSize ?? 1000;
  const problems: AuditProblem[] = [];
  const note = (p: AuditProblem) => {
    if (problems.length < MAX_PROBLEMS) problems.push(p);
  };
  let expectedSeq = 1;
  let prevHash: string | null = null;
  let checked = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditEvents)
      .where(and(orgFilter(organizationId), gt(auditEvents.seq, expectedSeq - 1)))
      .orderBy(asc(auditEvents.seq))
      .limit(batchSize);
    for (const row of rows) {
      checked++;
      if (row.seq > expectedSeq) {
        note(missing(expectedSeq, row.seq - 1));
      } else if (row.prevHash !== prevHash) {
        note({
          kind: "broken_link",
          seq: row.seq,
          id: row.id,
          message: `Record #${row.seq} does not follow record #${row.seq - 1}: record #${row.seq - 1} was rewritten (hash included) or this record's link was edited.`,
        });
      }
      if (auditHash(row) !== row.hash) {
        note({
          kind: "altered",
          seq: row.seq,
          id: row.id,
          message: `Record #${row.seq} (${row.action}, ${row.createdAt.toISOString()}) was altered: its contents no longer match its hash.`,
        });
      }
      prevHash = row.hash;
      expectedSeq = row.seq + 1;
    }
    if (rows.length < batchSize) break;
  }
  const [head] = await db
    .select()
    .from(auditChainHeads)
    .where(eq(auditChainHeads.chain, chainKey(organizationId)));
  const expectedLastSeq = Math.max(head?.lastSeq ?? 0, expectedSeq - 1);
  if (expectedLastSeq >= expectedSeq) note(missing(expectedSeq, expectedLastSeq));
  else if (head && head.lastHash !== prevHash) {
    note({
      kind: "broken_link",
      seq: expectedSeq - 1,
      id: "",
      message: `The last record (#${expectedSeq - 1}) is not the one the chain head recorded: it was rewritten.`,
    });
  }
  return { organizationId, intact: problems.length === 0, checked, expectedLastSeq, problems };
}

function missing(fromSeq: number, toSeq: number): AuditProblem {
  return {
    kind: "missing",
    fromSeq,
    toSeq,
    message:
      fromSeq === toSeq
        ? `Record #${fromSeq} is missing (deleted).`
        : `Records #${fromSeq} to #${toSeq} are missing (deleted).`,
  };
}

/**
 * The chains to verify, named by organization slug ("platform" for the platform chain): all of them, or one
 * organization's (which may have no records yet).
 */
export async function listAuditChains(db: DbOrTx, options: { slug?: string } = {}) {
  if (options.slug) {
    const [org] = await db
      .select({ id: organizations.id, slug: organizations.slug })
      .from(organizations)
      .where(eq(organizations.slug, options.slug));
    return org ? [{ organizationId: org.id as string | null, name: org.slug }] : [];
  }
  const heads = await db
    .select({ organizationId: auditChainHeads.organizationId, slug: organizations.slug })
    .from(auditChainHeads)
    .leftJoin(organizations, eq(organizations.id, auditChainHeads.organizationId))
    .orderBy(asc(auditChainHeads.chain));
  return heads.map((h) => ({
    organizationId: h.organizationId,
    name: h.organizationId ? (h.slug ?? h.organizationId) : "platform",
  }));
}
