import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import { categories, loyaltyTiers, marketingCampaigns, marketingSegments } from "@cannasaas/db/schema";
import { DomainError } from "../errors";
import { audienceReach } from "./audience";
import { compileSegmentRules, type SegmentRules } from "./segment-rules";

/**
 * How many customers match, and how many of them a campaign on each channel would reach (consent, an address,
 * a number that can be texted, a subscribed browser, a birth date on file), with the conditions the send uses.
 */
export function countSegment(db: DbOrTx, organizationId: string, rules: SegmentRules, now: Date) {
  return audienceReach(db, organizationId, compileSegmentRules(rules, now));
}

export function listSegments(db: DbOrTx, organizationId: string) {
  return db
    .select()
    .from(marketingSegments)
    .where(eq(marketingSegments.organizationId, organizationId))
    .orderBy(asc(marketingSegments.name));
}

export async function getSegment(db: DbOrTx, organizationId: string, segmentId: string) {
  const [row] = await db
    .select()
    .from(marketingSegments)
    .where(and(eq(marketingSegments.id, segmentId), eq(marketingSegments.organizationId, organizationId)));
  if (!row) throw new DomainError("NOT_FOUND", "That segment does not exist.");
  return row;
}

const nameTaken = (name: string) =>
  new DomainError("CONFLICT", `A segment called "${name}" already exists.`, {
    fields: { name: "Choose another name." },
  });

const isUniqueViolation = (e: unknown) =>
  (e as { code?: string; cause?: { code?: string } })?.code === "23505" ||
  (e as { cause?: { code?: string } })?.cause?.code === "23505";

export async function saveSegment(
  db: DbOrTx,
  organizationId: string,
  input: { segmentId?: string; name: string; rules: SegmentRules },
) {
  try {
    if (!input.segmentId) {
      const [row] = await db
        .insert(marketingSegments)
        .values({ organizationId, name: input.name, rules: input.rules })
        .returning();
      return { before: null, after: row! };
    }
    const before = await getSegment(db, organizationId, input.segmentId);
    const [after] = await db
      .update(marketingSegments)
      .set({ name: input.name, rules: input.rules })
      .where(and(eq(marketingSegments.id, before.id), eq(marketingSegments.organizationId, organizationId)))
      .returning();
    return { before, after: after! };
  } catch (e) {
    if (isUniqueViolation(e)) throw nameTaken(input.name);
    throw e;
  }
}

/** A segment still named by a campaign stays (its reports read it); others go. */
export async function deleteSegment(db: DbOrTx, organizationId: string, segmentId: string) {
  const before = await getSegment(db, organizationId, segmentId);
  const [used] = await db
    .select({ id: marketingCampaigns.id })
    .from(marketingCampaigns)
    .where(
      and(eq(marketingCampaigns.organizationId, organizationId), eq(marketingCampaigns.segmentId, segmentId)),
    )
    .limit(1);
  if (used) throw new DomainError("CONFLICT", "A campaign uses this segment, so it cannot be deleted.");
  await db
    .delete(marketingSegments)
    .where(and(eq(marketingSegments.id, segmentId), eq(marketingSegments.organizationId, organizationId)));
  return before;
}

/** What the rule builder offers: the store's loyalty tiers and its menu categories (by the name orders keep). */
export async function segmentFieldOptions(db: DbOrTx, organizationId: string) {
  const [tiers, cats] = await Promise.all([
    db
      .select({ id: loyaltyTiers.id, name: loyaltyTiers.name })
      .from(loyaltyTiers)
      .where(eq(loyaltyTiers.organizationId, organizationId))
      .orderBy(asc(loyaltyTiers.thresholdPoints)),
    db
      .select({ name: categories.name })
      .from(categories)
      .where(eq(categories.organizationId, organizationId))
      .orderBy(asc(categories.name)),
  ]);
  return { tiers, categories: cats.map((c) => c.name) };
}
