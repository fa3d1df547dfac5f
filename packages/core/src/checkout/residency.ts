import type { IdentityDocument } from "./eligibility";

/**
 * Whether the shopper lives in the selling location's state, for the limits that depend on it (Illinois).
 * Only the home address on a government ID that staff approved and confirmed counts; anything less (no ID,
 * an ID still pending, one without a confirmed address state, an expired one) means "non-resident", the
 * stricter limits, so a wrong answer can never let someone buy more than the law allows.
 */
export function residencyIn(
  state: string,
  documents: ReadonlyArray<IdentityDocument & { residentState: string | null }>,
  localDay: string,
): "resident" | "non_resident" {
  const confirmed = documents.filter(
    (d) =>
      d.kind === "government_id" &&
      d.status === "approved" &&
      d.residentState !== null &&
      (d.expiresOn === null || d.expiresOn >= localDay),
  );
  // The most recently reviewed ID speaks for where the shopper lives now.
  const latest = confirmed.sort((a, b) => (b.reviewedAt?.getTime() ?? 0) - (a.reviewedAt?.getTime() ?? 0))[0];
  return latest?.residentState?.toUpperCase() === state.trim().toUpperCase() ? "resident" : "non_resident";
}
