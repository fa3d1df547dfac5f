import { and, eq } from "drizzle-orm";
import { locations } from "@cannasaas/db/schema";
import { invalidateMenu } from "../catalog/menu-cache";
import type { CoreDeps } from "../deps";
import { DomainError } from "../errors";

/** Only Washington licenses a medical cannabis endorsement (RCW 69.50.375); elsewhere the setting means nothing. */
export const MEDICAL_ENDORSEMENT_STATES = ["WA"] as const;

export const hasMedicalEndorsementRule = (state: string) =>
  (MEDICAL_ENDORSEMENT_STATES as readonly string[]).includes(state);

/**
 * Records whether a location's license carries Washington's medical endorsement. Checkout reads it: card
 * holders buying DOH-compliant products at an endorsed store are exempt from the 37% excise and the sales tax
 * (see compliance/tax-rates.ts). Staff set it from the license; the tRPC layer records who did.
 */
export async function setLocationMedicalEndorsement(
  deps: Pick<CoreDeps, "db" | "kv">,
  organizationId: string,
  input: { locationId: string; endorsed: boolean },
) {
  const [location] = await deps.db
    .select({ id: locations.id, state: locations.state })
    .from(locations)
    .where(and(eq(locations.id, input.locationId), eq(locations.organizationId, organizationId)));
  if (!location) throw new DomainError("NOT_FOUND", "That location does not exist.");
  if (input.endorsed && !hasMedicalEndorsementRule(location.state))
    throw new DomainError(
      "BAD_REQUEST",
      "Only Washington stores hold a medical endorsement; this location's state has no such license.",
    );
  const [row] = await deps.db
    .update(locations)
    .set({ medicalEndorsed: input.endorsed })
    .where(and(eq(locations.id, location.id), eq(locations.organizationId, organizationId)))
    .returning({ id: locations.id, medicalEndorsed: locations.medicalEndorsed });
  await invalidateMenu(deps.kv, organizationId, "locations");
  return row!;
}
