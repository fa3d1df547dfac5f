import { eq } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import { pricingPolicies } from "@cannasaas/db/schema";
import { DomainError } from "../errors";

export type PricingPolicy = {
  /** Lowest margin over unit cost a suggested price may leave, in basis points of the price (3000 = 30%). */
  marginFloorBp: number;
  expiryWindowDays: number;
  slowMoverCoverDays: number;
};

export const DEFAULT_PRICING_POLICY: PricingPolicy = {
  marginFloorBp: 3000,
  expiryWindowDays: 30,
  slowMoverCoverDays: 90,
};

/** The owner's markdown rules, or the defaults when none were saved. */
export async function getPricingPolicy(db: DbOrTx, organizationId: string): Promise<PricingPolicy> {
  const [row] = await db
    .select({
      marginFloorBp: pricingPolicies.marginFloorBp,
      expiryWindowDays: pricingPolicies.expiryWindowDays,
      slowMoverCoverDays: pricingPolicies.slowMoverCoverDays,
    })
    .from(pricingPolicies)
    .where(eq(pricingPolicies.organizationId, organizationId));
  return row ?? DEFAULT_PRICING_POLICY;
}

const within = (value: number, min: number, max: number, message: string, field: string) => {
  if (!Number.isInteger(value) || value < min || value > max)
    throw new DomainError("BAD_REQUEST", message, { field });
};

export async function setPricingPolicy(db: DbOrTx, organizationId: string, policy: PricingPolicy) {
  within(policy.marginFloorBp, 0, 9500, "Set a margin floor from 0% to 95%.", "marginFloorBp");
  within(policy.expiryWindowDays, 1, 180, "Look 1 to 180 days ahead for expiring lots.", "expiryWindowDays");
  within(
    policy.slowMoverCoverDays,
    14,
    730,
    "Call stock slow when it would last 14 to 730 days.",
    "slowMoverCoverDays",
  );
  const [row] = await db
    .insert(pricingPolicies)
    .values({ organizationId, ...policy })
    .onConflictDoUpdate({ target: pricingPolicies.organizationId, set: { ...policy } })
    .returning();
  return row!;
}
