import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx, Transaction } from "@cannasaas/db/client";
import {
  loyaltyPrograms,
  loyaltyRewards,
  loyaltyTiers,
  products,
  productVariants,
} from "@cannasaas/db/schema";
import { DomainError } from "../errors";
import { DEFAULT_TIERS } from "./rules";

export type LoyaltyProgram = typeof loyaltyPrograms.$inferSelect;
export type LoyaltyTier = typeof loyaltyTiers.$inferSelect;
export type LoyaltyReward = typeof loyaltyRewards.$inferSelect;

/** The store's program settings; a store that never saved any gets the defaults (and its default tiers). */
export async function getLoyaltyProgram(db: DbOrTx, organizationId: string): Promise<LoyaltyProgram> {
  const [row] = await db
    .select()
    .from(loyaltyPrograms)
    .where(eq(loyaltyPrograms.organizationId, organizationId));
  if (row) return row;
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(loyaltyPrograms)
      .values({ organizationId })
      .onConflictDoNothing()
      .returning();
    if (created) {
      await tx
        .insert(loyaltyTiers)
        .values(DEFAULT_TIERS.map((t) => ({ ...t, organizationId })))
        .onConflictDoNothing();
    }
    const [again] = await tx
      .select()
      .from(loyaltyPrograms)
      .where(eq(loyaltyPrograms.organizationId, organizationId));
    return again!;
  });
}

export async function listTiers(db: DbOrTx, organizationId: string) {
  return db
    .select()
    .from(loyaltyTiers)
    .where(eq(loyaltyTiers.organizationId, organizationId))
    .orderBy(asc(loyaltyTiers.thresholdPoints));
}

export type ProgramSettingsInput = Pick<
  LoyaltyProgram,
  | "enabled"
  | "pointsPerDollar"
  | "signupBonusPoints"
  | "birthdayBonusPoints"
  | "referrerRewardPoints"
  | "refereeRewardPoints"
  | "referralCapPerYear"
> &
  Partial<Pick<LoyaltyProgram, "pointsExpireMonths">> & {
    tiers: Array<{
      id?: string;
      name: string;
      thresholdPoints: number;
      multiplierBps: number;
      perks?: string | null;
    }>;
  };

/**
 * Saves the settings and the tier list together. Tiers are matched by id: listed ones are updated or added,
 * unlisted ones removed (their members fall to the tier the next tier run computes).
 */
export async function saveLoyaltySettings(db: DbOrTx, organizationId: string, input: ProgramSettingsInput) {
  const thresholds = input.tiers.map((t) => t.thresholdPoints);
  if (!thresholds.includes(0)) throw new DomainError("BAD_REQUEST", "The first tier must start at 0 points.");
  if (new Set(thresholds).size !== thresholds.length)
    throw new DomainError("BAD_REQUEST", "Two tiers cannot start at the same number of points.");
  const names = input.tiers.map((t) => t.name.trim().toLowerCase());
  if (new Set(names).size !== names.length) throw new DomainError("BAD_REQUEST", "Tier names must differ.");
  await getLoyaltyProgram(db, organizationId);
  return db.transaction(async (tx) => {
    const { tiers, ...settings } = input;
    await tx.update(loyaltyPrograms).set(settings).where(eq(loyaltyPrograms.organizationId, organizationId));
    await replaceTiers(tx, organizationId, tiers);
    return { ...(await getLoyaltyProgram(tx, organizationId)), tiers: await listTiers(tx, organizationId) };
  });
}

async function replaceTiers(tx: Transaction, organizationId: string, tiers: ProgramSettingsInput["tiers"]) {
  const existing = await listTiers(tx, organizationId);
  const keep = new Set(tiers.flatMap((t) => (t.id ? [t.id] : [])));
  for (const old of existing) {
    if (!keep.has(old.id)) await tx.delete(loyaltyTiers).where(eq(loyaltyTiers.id, old.id));
  }
  // Thresholds are unique per store: park the kept ones out of the way before writing the new values.
  for (const [i, old] of existing.filter((t) => keep.has(t.id)).entries()) {
    await tx
      .update(loyaltyTiers)
      .set({ thresholdPoints: -1 - i, name: `~${old.id}` })
      .where(eq(loyaltyTiers.id, old.id));
  }
  for (const tier of tiers) {
    const values = {
      name: tier.name.trim(),
      thresholdPoints: tier.thresholdPoints,
      multiplierBps: tier.multiplierBps,
      perks: tier.perks ?? null,
    };
    if (tier.id && existing.some((t) => t.id === tier.id)) {
      await tx
        .update(loyaltyTiers)
        .set(values)
        .where(and(eq(loyaltyTiers.id, tier.id), eq(loyaltyTiers.organizationId, organizationId)));
    } else {
      await tx.insert(loyaltyTiers).values({ ...values, organizationId });
    }
  }
}

/** Active rewards, cheapest first, with the free item's product name. */
export async function listRewards(db: DbOrTx, organizationId: string, { activeOnly = true } = {}) {
  const rows = await db
    .select({ reward: loyaltyRewards, variantName: productVariants.name })
    .from(loyaltyRewards)
    .leftJoin(productVariants, eq(productVariants.id, loyaltyRewards.variantId))
    .where(
      and(
        eq(loyaltyRewards.organizationId, organizationId),
        activeOnly ? eq(loyaltyRewards.active, true) : undefined,
      ),
    )
    .orderBy(asc(loyaltyRewards.pointsCost));
  return rows.map((r) => ({ ...r.reward, variantName: r.variantName }));
}

export type RewardInput = {
  name: string;
  kind: LoyaltyReward["kind"];
  pointsCost: number;
  amountOffCents?: number | null;
  variantId?: string | null;
};

export async function createReward(db: DbOrTx, organizationId: string, input: RewardInput) {
  if (input.kind === "free_item") {
    if (!input.variantId) throw new DomainError("BAD_REQUEST", "Choose the product the reward gives away.");
    const [variant] = await db
      .select({ id: productVariants.id })
      .from(productVariants)
      .where(
        and(eq(productVariants.id, input.variantId), eq(productVariants.organizationId, organizationId)),
      );
    if (!variant) throw new DomainError("BAD_REQUEST", "Choose a product of this store for the free item.");
  } else if (!input.amountOffCents || input.amountOffCents <= 0) {
    throw new DomainError("BAD_REQUEST", "Enter the amount the reward takes off.");
  }
  const [row] = await db
    .insert(loyaltyRewards)
    .values({
      organizationId,
      name: input.name.trim(),
      kind: input.kind,
      pointsCost: input.pointsCost,
      amountOffCents: input.kind === "amount_off" ? input.amountOffCents : null,
      variantId: input.kind === "free_item" ? input.variantId : null,
    })
    .returning();
  return row!;
}

export async function setRewardActive(db: DbOrTx, organizationId: string, rewardId: string, active: boolean) {
  const [row] = await db
    .update(loyaltyRewards)
    .set({ active })
    .where(and(eq(loyaltyRewards.id, rewardId), eq(loyaltyRewards.organizationId, organizationId)))
    .returning();
  if (!row) throw new DomainError("NOT_FOUND", "That reward does not exist.");
  return row;
}

/** Active products' variants a free-item reward can give, by product name (the first 500). */
export async function listRewardableVariants(db: DbOrTx, organizationId: string) {
  const rows = await db
    .select({ id: productVariants.id, product: products.name, variant: productVariants.name })
    .from(productVariants)
    .innerJoin(products, eq(products.id, productVariants.productId))
    .where(and(eq(productVariants.organizationId, organizationId), eq(products.status, "active")))
    .orderBy(asc(products.name), asc(productVariants.position))
    .limit(500);
  return rows.map((r) => ({ id: r.id, label: `${r.product} (${r.variant})` }));
}
