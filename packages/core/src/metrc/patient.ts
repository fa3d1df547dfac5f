import { and, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import { identityDocuments } from "@cannasaas/db/schema";
import { openPersonal } from "../crypto/pii";

/**
 * What METRC needs on a patient sale: the patient's registry (card) number and how staff identified them.
 * Taken from the approved medical card (and photo ID) that let checkout sell at medical terms; null license
 * when none is on file, so the receipt waits for a person instead of being reported without it.
 */
export async function patientIdentity(db: DbOrTx, organizationId: string, customerId: string) {
  const documents = await db
    .select({
      kind: identityDocuments.kind,
      documentNumber: identityDocuments.documentNumber,
    })
    .from(identityDocuments)
    .where(
      and(
        eq(identityDocuments.organizationId, organizationId),
        eq(identityDocuments.customerId, customerId),
        eq(identityDocuments.status, "approved"),
      ),
    )
    .orderBy(desc(identityDocuments.reviewedAt));
  const card = documents.find((d) => d.kind === "medical_card" && d.documentNumber);
  const photoId = documents.some((d) => d.kind === "government_id");
  return {
    licenseNumber: openPersonal(card?.documentNumber ?? null),
    identificationMethod: photoId ? "Medical card and government photo ID" : "Medical card",
  };
}

export const NO_PATIENT_LICENSE =
  "This patient sale has no medical card number on file, which METRC requires. Add the number to the patient's approved card, then retry.";
