import { and, asc, desc, eq, gt, gte, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import {
  inventoryLevels,
  inventoryLots,
  locations,
  priceSuggestions,
  products,
  productVariants,
  salesDailyItems,
  type PRICE_SUGGESTION_STATUSES,
} from "@cannasaas/db/schema";
import type { CoreDeps } from "../deps";
import { organizationDay } from "../inventory/queries";
import { addDays } from "../time";
import { assertFeature } from "../plans/features";
import { daysOfCover, expiryCutPercent, markdownPrice, slowMoverCutPercent } from "./markdown";
import { getPricingPolicy, type PricingPolicy } from "./policy";

/** Days of sales a slow mover's rate is measured over, and how long stock must have been in before it counts. */
export const SLOW_MOVER_SALES_DAYS = 60;
export const SLOW_MOVER_MIN_AGE_DAYS = 30;

const money = (cents: number) => `$${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;

type LotRow = {
  lotId: string;
  variantId: string;
  packageLabel: string;
  quantity: number;
  expiresOn: string | null;
  unitCostCents: number | null;
  receivedDay: string;
  locationName: string;
  priceCents: number;
  productName: string;
  variantName: string;
};
export type PriceSuggestionDraft = typeof priceSuggestions.$inferInsert;
export type SkippedVariant = { variantId: string; label: string; reason: string };

/**
 * Works out today's markdowns from the stock on hand: a variant with a lot expiring within the policy's window
 * (the soonest such lot sets the cut), else a variant whose stock would outlast the slow-mover threshold at its
 * last 60 days' rate. The unit cost is the dearest cost among the variant's lots with units left, because one
 * price applies to every unit; a variant with no cost recorded on any such lot is skipped and named, since its
 * margin floor cannot be checked.
 */
export async function computePriceSuggestions(
  db: DbOrTx,
  organizationId: string,
  input: { today: string; policy: PricingPolicy },
): Promise<{ drafts: PriceSuggestionDraft[]; skipped: SkippedVariant[] }> {
  const { today, policy } = input;
  const lots: LotRow[] = await db
    .select({
      lotId: inventoryLots.id,
      variantId: inventoryLots.variantId,
      packageLabel: inventoryLots.packageLabel,
      quantity: inventoryLots.quantity,
      expiresOn: inventoryLots.expiresOn,
      unitCostCents: inventoryLots.unitCostCents,
      receivedDay: sql<string>`to_char(${inventoryLots.receivedAt} at time zone ${locations.timeZone}, 'YYYY-MM-DD')`,
      locationName: locations.name,
      priceCents: productVariants.priceCents,
      productName: products.name,
      variantName: productVariants.name,
    })
    .from(inventoryLots)
    .innerJoin(locations, eq(locations.id, inventoryLots.locationId))
    .innerJoin(productVariants, eq(productVariants.id, inventoryLots.variantId))
    .innerJoin(products, eq(products.id, productVariants.productId))
    .where(
      and(
        eq(inventoryLots.organizationId, organizationId),
        gt(inventoryLots.quantity, 0),
        eq(products.status, "active"),
      ),
    )
    .orderBy(sql`${inventoryLots.expiresOn} asc nulls last`, asc(inventoryLots.id));
  const byVariant = new Map<string, LotRow[]>();
  for (const lot of lots) byVariant.set(lot.variantId, [...(byVariant.get(lot.variantId) ?? []), lot]);
  const variantIds = [...byVariant.keys()];
  if (variantIds.length === 0) return { drafts: [], skipped: [] };

  const since = addDays(today, -SLOW_MOVER_SALES_DAYS);
  const [levels, sales] = await Promise.all([
    db
      .select({
        variantId: inventoryLevels.variantId,
        onHand: sql<number>`sum(${inventoryLevels.onHand})`.mapWith(Number),
      })
      .from(inventoryLevels)
      .where(
        and(
          eq(inventoryLevels.organizationId, organizationId),
          inArray(inventoryLevels.variantId, variantIds),
        ),
      )
      .groupBy(inventoryLevels.variantId),
    db
      .select({
        variantId: salesDailyItems.variantId,
        units: sql<number>`sum(${salesDailyItems.units})`.mapWith(Number),
      })
      .from(salesDailyItems)
      .where(
        and(
          eq(salesDailyItems.organizationId, organizationId),
          inArray(salesDailyItems.variantId, variantIds),
          gte(salesDailyItems.day, since),
        ),
      )
      .groupBy(salesDailyItems.variantId),
  ]);
  const onHandOf = new Map(levels.map((l) => [l.variantId, l.onHand]));
  const soldOf = new Map(sales.map((s) => [s.variantId, s.units]));

  const drafts: PriceSuggestionDraft[] = [];
  const skipped: SkippedVariant[] = [];
  for (const [variantId, variantLots] of byVariant) {
    const first = variantLots[0]!;
    const label = `${first.productName} (${first.variantName})`;
    const expiring = variantLots.find(
      (l) =>
        l.expiresOn !== null && expiryCutPercent(daysUntil(today, l.expiresOn), policy.expiryWindowDays) > 0,
    );
    const onHand = onHandOf.get(variantId) ?? 0;
    const sold = soldOf.get(variantId) ?? 0;
    const cover = daysOfCover(onHand, sold, SLOW_MOVER_SALES_DAYS);
    const oldestDay = variantLots.reduce((d, l) => (l.receivedDay < d ? l.receivedDay : d), today);
    const stockedLongEnough = oldestDay <= addDays(today, -SLOW_MOVER_MIN_AGE_DAYS);
    const cut = expiring
      ? expiryCutPercent(daysUntil(today, expiring.expiresOn!), policy.expiryWindowDays)
      : stockedLongEnough
        ? slowMoverCutPercent(cover, policy.slowMoverCoverDays)
        : 0;
    if (cut === 0) continue;
    const costs = variantLots.flatMap((l) => (l.unitCostCents === null ? [] : [l.unitCostCents]));
    if (costs.length === 0) {
      skipped.push({
        variantId,
        label,
        reason: "No unit cost is recorded on its lots, so the margin floor cannot be checked.",
      });
      continue;
    }
    const unitCostCents = Math.max(...costs);
    const markdown = markdownPrice({
      priceCents: first.priceCents,
      unitCostCents,
      marginFloorBp: policy.marginFloorBp,
      cutPercent: cut,
    });
    if (!markdown) {
      skipped.push({
        variantId,
        label,
        reason: `Its price of ${money(first.priceCents)} is already at or under the margin floor (${money(floorOf(unitCostCents, policy))}).`,
      });
      continue;
    }
    const floorNote = markdown.heldAtFloor
      ? ` Held at the margin floor of ${money(markdown.floorPriceCents)}.`
      : "";
    const explanation = expiring
      ? `Lot ${expiring.packageLabel} at ${expiring.locationName}: ${expiring.quantity} units ${expiryWords(daysUntil(today, expiring.expiresOn!))} (${expiring.expiresOn}). ${cut}% off.${floorNote}`
      : sold === 0
        ? `${onHand} on hand and none sold in the last ${SLOW_MOVER_SALES_DAYS} days. ${cut}% off.${floorNote}`
        : `${onHand} on hand would last ${Math.round(cover)} days at the last ${SLOW_MOVER_SALES_DAYS} days' rate (${sold} sold). ${cut}% off.${floorNote}`;
    drafts.push({
      organizationId,
      variantId,
      lotId: expiring?.lotId ?? null,
      reason: expiring ? "near_expiry" : "slow_mover",
      explanation,
      currentPriceCents: first.priceCents,
      suggestedPriceCents: markdown.priceCents,
      unitCostCents,
      floorPriceCents: markdown.floorPriceCents,
    });
  }
  return { drafts, skipped };
}

const floorOf = (cost: number, policy: PricingPolicy) =>
  Math.ceil((cost * 10_000) / (10_000 - policy.marginFloorBp));
const daysUntil = (today: string, day: string) =>
  Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
const expiryWords = (days: number) =>
  days === 0 ? "expire today" : days === 1 ? "expire tomorrow" : `expire in ${days} days`;

/**
 * Recomputes the markdowns: the open suggestions are superseded and today's are added, in one transaction under
 * a per-organization lock, so two refreshes cannot both add an open suggestion for the same variant. Prices do
 * not change here; only an approval changes one.
 */
export async function refreshPriceSuggestions(
  deps: Pick<CoreDeps, "db" | "kv" | "clock">,
  organizationId: string,
) {
  await assertFeature(deps, organizationId, "advanced_analytics");
  return deps.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`price_suggestions:${organizationId}`}))`);
    const today = await organizationDay(tx, organizationId, deps.clock());
    const policy = await getPricingPolicy(tx, organizationId);
    const { drafts, skipped } = await computePriceSuggestions(tx, organizationId, { today, policy });
    await tx
      .update(priceSuggestions)
      .set({ status: "superseded", decidedAt: deps.clock() })
      .where(and(eq(priceSuggestions.organizationId, organizationId), eq(priceSuggestions.status, "open")));
    if (drafts.length > 0) await tx.insert(priceSuggestions).values(drafts);
    return { today, created: drafts.length, skipped };
  });
}

type SuggestionStatus = (typeof PRICE_SUGGESTION_STATUSES)[number];

/** Suggestions with their product, newest first: the open ones by default, or the decided ones as history. */
export async function listPriceSuggestions(
  deps: Pick<CoreDeps, "db" | "kv">,
  organizationId: string,
  input: { status?: SuggestionStatus } = {},
) {
  await assertFeature(deps, organizationId, "advanced_analytics");
  return deps.db
    .select({
      id: priceSuggestions.id,
      variantId: priceSuggestions.variantId,
      productId: products.id,
      productName: products.name,
      variantName: productVariants.name,
      sku: productVariants.sku,
      reason: priceSuggestions.reason,
      explanation: priceSuggestions.explanation,
      currentPriceCents: priceSuggestions.currentPriceCents,
      suggestedPriceCents: priceSuggestions.suggestedPriceCents,
      unitCostCents: priceSuggestions.unitCostCents,
      floorPriceCents: priceSuggestions.floorPriceCents,
      status: priceSuggestions.status,
      decidedAt: priceSuggestions.decidedAt,
      createdAt: priceSuggestions.createdAt,
    })
    .from(priceSuggestions)
    .innerJoin(productVariants, eq(productVariants.id, priceSuggestions.variantId))
    .innerJoin(products, eq(products.id, productVariants.productId))
    .where(
      and(
        eq(priceSuggestions.organizationId, organizationId),
        eq(priceSuggestions.status, input.status ?? "open"),
      ),
    )
    .orderBy(desc(priceSuggestions.createdAt), asc(products.name))
    .limit(200);
}
