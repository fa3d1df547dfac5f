import { and, asc, eq, isNotNull, isNull, sql } from "drizzle-orm";
import type { Database, DbOrTx } from "@cannasaas/db/client";
import { customers, identityDocuments, organizations, users } from "@cannasaas/db/schema";
import type { CoreDeps } from "../deps";
import { DomainError } from "../errors";
import { calendarDayIn } from "../time";
import { openPersonal, openPersonalFile } from "../crypto/pii";
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

/** The scan itself, for staff who may review it; null when it was erased in the meantime. */
export async function readDocumentFile(
  deps: Pick<CoreDeps, "db" | "storage">,
  organizationId: string,
  documentId: string,
) {
  const [row] = await deps.db
    .select({ fileKey: identityDocuments.fileKey })
    .from(identityDocuments)
    .where(and(eq(identityDocuments.organizationId, organizationId), eq(identityDocuments.id, documentId)));
  if (!row?.fileKey) return null;
  const file = await requireStorage(deps).get(row.fileKey);
  return file ? { ...file, bytes: openPersonalFile(file.bytes) } : null;
}

type Reviewer = { organizationId: string; userId: string };

async function decide(
  db: Database,
  reviewer: Reviewer,
  documentId: string,
  decision: { status: "approved" } | { status: "rejected"; reason: string },
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

export const approveDocument = (
  deps: Pick<CoreDeps, "db" | "clock">,
  reviewer: Reviewer,
  documentId: string,
) => decide(deps.db, reviewer, documentId, { status: "approved" }, deps.clock());

export const rejectDocument = (
  deps: Pick<CoreDeps, "db" | "clock">,
  reviewer: Reviewer,
  documentId: string,
  reason: string,
) => decide(deps.db, reviewer, documentId, { status: "rejected", reason }, deps.clock());
