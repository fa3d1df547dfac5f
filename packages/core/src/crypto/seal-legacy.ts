import { and, eq, isNotNull, notLike } from "drizzle-orm";
import type { Database } from "@cannasaas/db/client";
import { identityDocuments, users } from "@cannasaas/db/schema";
import type { CoreDeps } from "../deps";
import { personalDataBox, sealPersonal, sealPersonalFile } from "./pii";

/**
 * Seals personal data written before it was encrypted at rest (dates of birth, document numbers, ID scans).
 * Safe to run repeatedly and concurrently: each update only touches a value that is still plain.
 */
export async function sealLegacyPersonalData(deps: Pick<CoreDeps, "storage"> & { db: Database }) {
  const counts = { datesOfBirth: 0, documentNumbers: 0, files: 0 };
  const plainDob = and(isNotNull(users.dateOfBirth), notLike(users.dateOfBirth, "v1.%"));
  for (const row of await deps.db
    .select({ id: users.id, dob: users.dateOfBirth })
    .from(users)
    .where(plainDob)) {
    const done = await deps.db
      .update(users)
      .set({ dateOfBirth: sealPersonal(row.dob) })
      .where(and(eq(users.id, row.id), eq(users.dateOfBirth, row.dob!)))
      .returning({ id: users.id });
    counts.datesOfBirth += done.length;
  }
  const plainNumber = and(
    isNotNull(identityDocuments.documentNumber),
    notLike(identityDocuments.documentNumber, "v1.%"),
  );
  const docs = await deps.db
    .select({ id: identityDocuments.id, number: identityDocuments.documentNumber })
    .from(identityDocuments)
    .where(plainNumber);
  for (const row of docs) {
    const done = await deps.db
      .update(identityDocuments)
      .set({ documentNumber: sealPersonal(row.number) })
      .where(and(eq(identityDocuments.id, row.id), eq(identityDocuments.documentNumber, row.number!)))
      .returning({ id: identityDocuments.id });
    counts.documentNumbers += done.length;
  }
  if (deps.storage) {
    const box = personalDataBox();
    const files = await deps.db
      .select({ key: identityDocuments.fileKey, type: identityDocuments.fileContentType })
      .from(identityDocuments)
      .where(isNotNull(identityDocuments.fileKey));
    for (const f of files) {
      const stored = await deps.storage.get(f.key!);
      if (!stored || box.isSealedBytes(stored.bytes)) continue;
      await deps.storage.put(f.key!, sealPersonalFile(stored.bytes), f.type ?? stored.contentType);
      counts.files += 1;
    }
  }
  return counts;
}
