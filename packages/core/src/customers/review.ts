import { and, asc, eq, isNotNull, isNull, sql } from "drizzle-orm";
import type { Database, DbOrTx } from "@cannasaas/db/client";
import { customers, identityDocuments, organizations, users } from "@cannasaas/db/schema";
import type { CoreDeps } from "../deps";
import { DomainError } from "../errors";
import { calendarDayIn } from "../time";
import { openPersonal, openPersonalFile } from "../crypto/pii";
import { recordAuditEvent } from "../audit/record";
import { requireStorage } from "./scope";

const reviewFields = {
  id: identityDocuments.id,
  organizationId: identityDocuments.organizationId,
  customerId: identityDocuments.customerId,
  kind: identityDocuments.kind,
  status: identityDocuments.status,
  documentNumber: identityDocuments.documentNumber,
  issuingState: identityDocuments.issuingState,
  expiresOn: identityDocuments.expiresOn,
  fileContentType: identityDocuments.fileContentType,
  submittedAt: identityDocuments.createdAt,
  reviewedAt: identityDocuments.reviewedAt,
  rejectionReason: identityDocuments.rejectionReason,
  customerName: users.name,
  customerEmail: users.email,
  customerDateOfBirth: users.dateOfBirth,
};

const reviewable = (organizationId: string) =>
  and(
    eq(identityDocuments.organizationId, organizationId),
    isNotNull(identityDocuments.fileKey),
    isNull(customers.erasedAt),
  );

/** The review queue: pending documents first, oldest first, then what was already decided. */
export async function listReviewQueue(db: DbOrTx, organizationId: string) {
  const rows = await db
    .select(reviewFields)
    .from(identityDocuments)
    .innerJoin(customers, eq(customers.id, identityDocuments.customerId))
    .leftJoin(users, eq(users.id, customers.userId))
    .where(reviewable(organizationId))
    .orderBy(sql`${identityDocuments.status} = 'pending' desc`, asc(identityDocuments.createdAt))
    .limit(200);
  return rows.map(openReviewRow);
}

function openReviewRow<T extends { documentNumber: string | null; customerDateOfBirth: string | null }>(
  row: T,
): T {
  return {
    ...row,
    documentNumber: openPersonal(row.documentNumber),
    customerDateOfBirth: openPersonal(row.customerDateOfBirth),
  };
}

export async function getDocumentForReview(db: DbOrTx, organizationId: string, documentId: string) {
  const [row] = await db
    .select(reviewFields)
    .from(identityDocuments)
    .innerJoin(customers, eq(customers.id, identityDocuments.customerId))
    .leftJoin(users, eq(users.id, customers.userId))
    .where(and(reviewable(organizationId), eq(identityDocuments.id, documentId)));
  if (!row) throw new DomainError("NOT_FOUND", "That document does not exist.");
  return openReviewRow(row);
}

/** Who is looking at a scan, for the audit trail. */
export type DocumentViewer = {
  userId: string;
  label?: string | null;
  ip?: string | null;
  requestId?: string | null;
};

/**
 * The scan itself, for staff who may review it; null when it was erased in the meantime. Every read is recorded
 * in the organization's audit trail before the bytes are returned, so a scan is never seen without a record.
 */
export async function readDocumentFile(
  deps: Pick<CoreDeps, "db" | "storage" | "clock">,
  organizationId: string,
  documentId: string,
  viewer: DocumentViewer,
) {
  const [row] = await deps.db
    .select({ fileKey: identityDocuments.fileKey, customerId: identityDocuments.customerId })
    .from(identityDocuments)
    .where(and(eq(identityDocuments.organizationId, organizationId), eq(identityDocuments.id, documentId)));
  if (!row?.fileKey) return null;
  const file = await requireStorage(deps).get(row.fileKey);
  if (!file) return null;
  await recordAuditEvent(deps.db, {
    organizationId,
    actor: { kind: "user", id: viewer.userId, label: viewer.label ?? null },
    action: "idReview.fileViewed",
    resource: { type: "identityDocument", id: documentId },
    input: { customerId: row.customerId },
    ip: viewer.ip ?? null,
    requestId: viewer.requestId ?? null,
    at: deps.clock(),
  });
  return { ...file, bytes: openPersonalFile(file.bytes) };
}

type Reviewer = { organizationId: string; userId: string };

async function decide(
  db: Database,
  reviewer: Reviewer,
  documentId: string,
  decision: { status: "approved"; residentState?: string | null } | { status: "rejected"; reason: string },
  now: Date,
) {
  return db.transaction(async (tx) => {
    const doc = await getDocumentForReview(tx, reviewer.organizationId, documentId);
    if (doc.status !== "pending") {
      throw new DomainError("CONFLICT", `This document was already ${doc.status}.`);
    }
    const [org] = await tx
      .select({ timeZone: organizations.timeZone })
      .from(organizations)
      .where(eq(organizations.id, reviewer.organizationId));
    const today = calendarDayIn(now, org!.timeZone);
    if (decision.status === "approved" && doc.expiresOn && doc.expiresOn < today) {
      throw new DomainError("BAD_REQUEST", "This document has expired; reject it and ask for a current one.");
    }
    const [updated] = await tx
      .update(identityDocuments)
      .set({
        status: decision.status,
        reviewedAt: now,
        reviewedByUserId: reviewer.userId,
        rejectionReason: decision.status === "rejected" ? decision.reason : null,
        // The home-address state staff read on an approved photo ID decides residency (Illinois limits).
        residentState:
          decision.status === "approved" && doc.kind === "government_id"
            ? (decision.residentState ?? null)
            : null,
      })
      .where(and(eq(identityDocuments.id, documentId), eq(identityDocuments.status, "pending")))
      .returning({ id: identityDocuments.id, status: identityDocuments.status });
    if (!updated) throw new DomainError("CONFLICT", "Someone else reviewed this document just now.");
    if (decision.status === "approved" && doc.kind === "medical_card") {
      await tx
        .update(customers)
        .set({ isMedicalPatient: true, updatedAt: now })
        .where(and(eq(customers.id, doc.customerId), eq(customers.organizationId, reviewer.organizationId)));
    }
    return updated;
  });
}

/**
 * Approves a document. For a photo ID, `residentState` is the state of the home address printed on it, as the
 * reviewer confirms it; left out, the shopper counts as a non-resident where residency matters.
 */
export const approveDocument = (
  deps: Pick<CoreDeps, "db" | "clock">,
  reviewer: Reviewer,
  documentId: string,
  confirmed: { residentState?: string | null } = {},
) =>
  decide(
    deps.db,
    reviewer,
    documentId,
    { status: "approved", residentState: confirmed.residentState ?? null },
    deps.clock(),
  );

export const rejectDocument = (
  deps: Pick<CoreDeps, "db" | "clock">,
  reviewer: Reviewer,
  documentId: string,
  reason: string,
) => decide(deps.db, reviewer, documentId, { status: "rejected", reason }, deps.clock());
