import { and, desc, eq } from "drizzle-orm";
import type { Database } from "@cannasaas/db/client";
import { identityDocuments, organizations } from "@cannasaas/db/schema";
import type { CoreDeps } from "../deps";
import { openPersonal, sealPersonal, sealPersonalFile } from "../crypto/pii";
import { DomainError } from "../errors";
import { calendarDayIn } from "../time";
import { detectDocumentType, MAX_DOCUMENT_BYTES } from "./file-type";
import type { DocumentMetadataInput } from "./schemas";
import { activeCustomer, requireStorage, type CustomerScope } from "./scope";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Stores the image, then records it as pending. Older pending submissions of the same kind are replaced: staff
 * review only the latest, and the replaced scans are deleted.
 */
export async function submitIdentityDocument(
  deps: Pick<CoreDeps, "db" | "clock" | "storage" | "log">,
  scope: CustomerScope & { timeZone: string },
  metadata: DocumentMetadataInput,
  bytes: Uint8Array,
) {
  const storage = requireStorage(deps);
  if (bytes.length === 0) throw new DomainError("BAD_REQUEST", "Choose a photo or scan of the document.");
  if (bytes.length > MAX_DOCUMENT_BYTES) {
    throw new DomainError("BAD_REQUEST", "The file is larger than 5 MB. Use a smaller photo or scan.");
  }
  const contentType = detectDocumentType(bytes);
  if (!contentType) throw new DomainError("BAD_REQUEST", "Upload a PNG, JPEG, WebP or PDF file.");
  if (metadata.expiresOn < calendarDayIn(deps.clock(), scope.timeZone)) {
    throw new DomainError("BAD_REQUEST", "That document has expired. Upload a current one.", {
      field: "expiresOn",
    });
  }

  const fileKey = `id-docs/${scope.organizationId}/${scope.customerId}/${crypto.randomUUID()}`;
  await storage.put(fileKey, sealPersonalFile(bytes), contentType);
  let replacedKeys: string[];
  let id: string;
  try {
    ({ id, replacedKeys } = await deps.db.transaction(async (tx) => {
      await activeCustomer(tx, scope, true);
      const replaced = await tx
        .delete(identityDocuments)
        .where(
          and(
            eq(identityDocuments.organizationId, scope.organizationId),
            eq(identityDocuments.customerId, scope.customerId),
            eq(identityDocuments.kind, metadata.kind),
            eq(identityDocuments.status, "pending"),
          ),
        )
        .returning({ fileKey: identityDocuments.fileKey });
      const [row] = await tx
        .insert(identityDocuments)
        .values({
          ...metadata,
          documentNumber: sealPersonal(metadata.documentNumber),
          ...scope,
          fileKey,
          fileContentType: contentType,
        })
        .returning({ id: identityDocuments.id });
      return { id: row!.id, replacedKeys: replaced.flatMap((r) => (r.fileKey ? [r.fileKey] : [])) };
    }));
  } catch (error) {
    await storage.delete(fileKey).catch(() => undefined);
    throw error;
  }
  await deleteStoredFiles(deps, replacedKeys);
  return { id, status: "pending" as const };
}

/** Storage failures after a commit must not undo it; they are logged and the file becomes an orphan. */
export async function deleteStoredFiles(deps: Pick<CoreDeps, "storage" | "log">, keys: string[]) {
  const storage = requireStorage(deps);
  for (const key of keys) {
    await storage.delete(key).catch((err: unknown) => {
      deps.log?.error(
        { err: err instanceof Error ? err.message : String(err) },
        "could not delete a stored file",
      );
    });
  }
}

/** The shopper's documents, newest first, with how long an approval stays valid. */
export async function listCustomerDocuments(db: Database, scope: CustomerScope) {
  await activeCustomer(db, scope);
  const [org] = await db
    .select({ compliance: organizations.compliance })
    .from(organizations)
    .where(eq(organizations.id, scope.organizationId));
  const validDays = org?.compliance.idVerificationValidDays ?? 90;
  const rows = await db
    .select()
    .from(identityDocuments)
    .where(
      and(
        eq(identityDocuments.organizationId, scope.organizationId),
        eq(identityDocuments.customerId, scope.customerId),
      ),
    )
    .orderBy(desc(identityDocuments.createdAt));
  return rows.map((d) => ({
    id: d.id,
    kind: d.kind,
    status: d.status,
    issuingState: d.issuingState,
    expiresOn: d.expiresOn,
    documentNumberLast4: openPersonal(d.documentNumber)?.slice(-4) ?? null,
    submittedAt: d.createdAt,
    reviewedAt: d.reviewedAt,
    rejectionReason: d.rejectionReason,
    verificationValidUntil: d.reviewedAt && d.status === "approved" ? verificationEnd(d, validDays) : null,
  }));
}

/** An approval lasts the store's verification period, and never past the document's own expiry. */
function verificationEnd(d: { reviewedAt: Date | null; expiresOn: string | null }, validDays: number) {
  const byPolicy = new Date(d.reviewedAt!.getTime() + validDays * DAY_MS).toISOString().slice(0, 10);
  return d.expiresOn && d.expiresOn < byPolicy ? d.expiresOn : byPolicy;
}
