import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import { customers, identityDocuments, organizations, users, type carts } from "@cannasaas/db/schema";
import { openPersonal } from "../crypto/pii";
import { getLocation, loadCartLines, type Purchaser } from "../cart/view";
import { purchaseLimitMeter, type LimitMeter } from "../compliance/limit-meter";
import { isDomainError } from "../errors";
import { ageOn, calendarDayIn } from "../time";
import { assertEligible } from "./eligibility";
import { purchasesOnDay, toLimitLine } from "./limits";
import { residencyIn } from "./residency";

export type CheckoutReadiness = {
  /** The state's limits with what this cart and today's earlier orders use; null before a location is chosen. */
  limits: LimitMeter | null;
  /** Why the meter cannot be shown (a product without the data its limit measures), else null. */
  limitsNote: string | null;
  /** Age and ID: null for a guest (checked after sign-in), else whether checkout would accept the shopper. */
  eligibility: { ok: true } | { ok: false; message: string } | null;
};

/**
 * What the cart and checkout show before the last step: the purchase-limit meter and whether the shopper's age
 * and ID pass. Computed by the same rules `placeOrder` enforces (`evaluatePurchaseLimits`, `assertEligible`),
 * in the location's day, so a shopper learns of a refusal before pressing "Place order".
 */
export async function checkoutReadiness(
  db: DbOrTx,
  organizationId: string,
  cart: typeof carts.$inferSelect | null,
  input: { purchaser: Purchaser; customerId: string | null; now: Date },
): Promise<CheckoutReadiness> {
  if (!cart?.locationId) return { limits: null, limitsNote: null, eligibility: null };
  const location = await getLocation(db, organizationId, cart.locationId);
  const localDay = calendarDayIn(input.now, location.timeZone);
  const lines = await loadCartLines(db, organizationId, cart.id, location.id);
  const shopper = input.customerId ? await loadShopper(db, organizationId, input.customerId) : null;

  let eligibility: CheckoutReadiness["eligibility"] = null;
  if (shopper) {
    try {
      assertEligible({
        purchaser: input.purchaser,
        dateOfBirth: shopper.dateOfBirth,
        localDay,
        now: input.now,
        ...shopper.compliance,
        documents: shopper.documents,
      });
      eligibility = { ok: true };
    } catch (error) {
      if (!isDomainError(error)) throw error;
      eligibility = { ok: false, message: error.message };
    }
  }
  const earlier = input.customerId
    ? await purchasesOnDay(db, organizationId, input.customerId, localDay)
    : [];
  try {
    const limits = purchaseLimitMeter(
      {
        state: location.state,
        purchaser: input.purchaser,
        residency: residencyIn(location.state, shopper?.documents ?? [], localDay),
        age: shopper?.dateOfBirth ? ageOn(shopper.dateOfBirth, localDay) : undefined,
      },
      lines.map((l) => toLimitLine(l)),
      earlier,
    );
    return { limits, limitsNote: null, eligibility };
  } catch (error) {
    // The same conditions make checkout refuse; the meter says so instead of guessing.
    return {
      limits: null,
      limitsNote: error instanceof Error ? error.message : "Purchase limits cannot be shown for this cart.",
      eligibility,
    };
  }
}

async function loadShopper(db: DbOrTx, organizationId: string, customerId: string) {
  const [row] = await db
    .select({ dateOfBirth: users.dateOfBirth, compliance: organizations.compliance })
    .from(customers)
    .innerJoin(users, eq(users.id, customers.userId))
    .innerJoin(organizations, eq(organizations.id, customers.organizationId))
    .where(and(eq(customers.id, customerId), eq(customers.organizationId, organizationId)));
  if (!row) return null;
  const documents = await db
    .select({
      kind: identityDocuments.kind,
      status: identityDocuments.status,
      expiresOn: identityDocuments.expiresOn,
      reviewedAt: identityDocuments.reviewedAt,
      residentState: identityDocuments.residentState,
    })
    .from(identityDocuments)
    .where(
      and(eq(identityDocuments.organizationId, organizationId), eq(identityDocuments.customerId, customerId)),
    );
  return { dateOfBirth: openPersonal(row.dateOfBirth), compliance: row.compliance, documents };
}
