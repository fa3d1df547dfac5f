import { DomainError } from "../errors";
import { ageOn } from "../time";
import type { Purchaser } from "../cart/view";

export type IdentityDocument = {
  kind: "government_id" | "medical_card";
  status: "pending" | "approved" | "rejected";
  expiresOn: string | null;
  reviewedAt: Date | null;
};

export type EligibilityInput = {
  purchaser: Purchaser;
  dateOfBirth: string | null;
  /** Today in the location's time zone (YYYY-MM-DD). */
  localDay: string;
  now: Date;
  medicalEnabled: boolean;
  adultUseEnabled: boolean;
  idVerificationRequired: boolean;
  idVerificationValidDays: number;
  documents: IdentityDocument[];
};

export const ADULT_USE_MIN_AGE = 21;
/** Every state in the limits table lets registered patients buy from 18 (younger patients need a caregiver). */
export const MEDICAL_MIN_AGE = 18;

const valid = (doc: IdentityDocument, localDay: string) =>
  doc.status === "approved" && (doc.expiresOn === null || doc.expiresOn >= localDay);

/** Refuses (with the reason in plain words) a purchase the shopper may not make. */
export function assertEligible(input: EligibilityInput): void {
  if (!input.dateOfBirth) {
    throw new DomainError("PRECONDITION_FAILED", "Add your date of birth to your account before ordering.");
  }
  const age = ageOn(input.dateOfBirth, input.localDay);
  if (input.purchaser === "adult_use") {
    if (!input.adultUseEnabled)
      throw new DomainError("FORBIDDEN", "This store serves registered medical patients only.");
    if (age < ADULT_USE_MIN_AGE) {
      throw new DomainError(
        "FORBIDDEN",
        `You must be ${ADULT_USE_MIN_AGE} or older to buy adult-use cannabis.`,
      );
    }
  } else {
    if (!input.medicalEnabled)
      throw new DomainError("FORBIDDEN", "This store does not serve medical patients.");
    if (age < MEDICAL_MIN_AGE) {
      throw new DomainError(
        "FORBIDDEN",
        `Medical patients must be ${MEDICAL_MIN_AGE} or older to order online.`,
      );
    }
    const cards = input.documents.filter((d) => d.kind === "medical_card");
    if (!cards.some((d) => valid(d, input.localDay))) {
      const expired = cards.some(
        (d) => d.status === "approved" && d.expiresOn !== null && d.expiresOn < input.localDay,
      );
      throw new DomainError(
        "FORBIDDEN",
        expired
          ? "Your medical card has expired. Upload your renewed card to order at medical prices."
          : cards.some((d) => d.status === "pending")
            ? "Your medical card is waiting for review by the store. You can order at adult-use prices meanwhile."
            : "Medical prices need an approved medical card. Upload your card in your account.",
      );
    }
  }
  if (input.idVerificationRequired) {
    const maxAgeMs = input.idVerificationValidDays * 24 * 60 * 60_000;
    const verified = input.documents.some(
      (d) =>
        d.kind === "government_id" &&
        valid(d, input.localDay) &&
        d.reviewedAt !== null &&
        input.now.getTime() - d.reviewedAt.getTime() <= maxAgeMs,
    );
    if (!verified) {
      throw new DomainError(
        "FORBIDDEN",
        `This store needs a verified photo ID (checked within the last ${input.idVerificationValidDays} days). Upload your ID in your account; staff review it quickly.`,
      );
    }
  }
}
