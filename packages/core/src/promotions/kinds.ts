import { bpsOfCents } from "../compliance/tax";
import { allocateProportionally } from "./allocate";
import type { EnginePromotion, PromotionLine } from "./types";

/** One unit of a line, with what is left of its price after the deals applied before this one. */
export type Unit = { lineId: string; variantId: string; index: number; remainingCents: number };

/** Cents off per unit (by `${lineId}#${index}`), plus any off the delivery fee. */
export type KindResult = { units: Map<string, number>; deliveryCents: number };

export const unitKey = (u: Pick<Unit, "lineId" | "index">) => `${u.lineId}#${u.index}`;

export function lineMatches(promo: Pick<EnginePromotion, "target">, line: PromotionLine): boolean {
  const t = promo.target;
  const within = <T>(list: T[] | undefined, value: T) => !list?.length || list.includes(value);
  return (
    within(t.productIds, line.productId) &&
    within(t.variantIds, line.variantId) &&
    within(t.categorySlugs, line.categorySlug) &&
    within(t.brandIds, line.brandId ?? "") &&
    within(t.strainTypes, line.strainType ?? "")
  );
}

/** Targeted units with something left to discount, dearest first (ties by line and unit, so always the same). */
function targetedUnits(promo: EnginePromotion, lines: PromotionLine[], units: Unit[]): Unit[] {
  const targeted = new Set(lines.filter((l) => lineMatches(promo, l)).map((l) => l.lineId));
  return units
    .filter((u) => targeted.has(u.lineId) && u.remainingCents > 0)
    .sort(
      (a, b) => b.remainingCents - a.remainingCents || a.lineId.localeCompare(b.lineId) || a.index - b.index,
    );
}

const clampPerUnit = (u: Unit, cents: number) => Math.max(0, Math.min(u.remainingCents, cents));

/**
 * What one promotion takes off, by itself, from the cart as it stands (`units` after earlier deals).
 * The caller has already decided it is eligible; this only does the arithmetic of its kind.
 */
export function discountFor(
  promo: EnginePromotion,
  lines: PromotionLine[],
  units: Unit[],
  deliveryFeeCents: number,
): KindResult {
  const out = new Map<string, number>();
  const give = (u: Unit, cents: number) => {
    const c = clampPerUnit(u, cents);
    if (c > 0) out.set(unitKey(u), (out.get(unitKey(u)) ?? 0) + c);
  };
  const limit = promo.perOrderLimit ?? Number.POSITIVE_INFINITY;
  const rule = promo.rule;
  const targeted = targetedUnits(promo, lines, units);

  switch (rule.kind) {
    case "percent_off":
      for (const u of targeted.slice(0, limit))
        give(u, bpsOfCents(u.remainingCents, Math.min(rule.percentBps, 10_000)));
      break;
    case "amount_off":
      for (const u of targeted.slice(0, limit)) give(u, rule.amountCents);
      break;
    case "fixed_price":
      for (const u of targeted.slice(0, limit)) give(u, u.remainingCents - rule.priceCents);
      break;
    case "buy_x_get_y": {
      // Groups of buy + get units, dearest first; in each, the cheapest `get` units are the discounted ones,
      // so a free item is never dearer than the items paid for beside it.
      const size = rule.buyQuantity + rule.getQuantity;
      const groups = Math.min(Math.floor(targeted.length / size), limit);
      for (let g = 0; g < groups; g++) {
        for (const u of targeted.slice(g * size + rule.buyQuantity, (g + 1) * size)) {
          give(u, bpsOfCents(u.remainingCents, Math.min(rule.getPercentBps, 10_000)));
        }
      }
      break;
    }
    case "bundle": {
      // Mix and match: the dearest units make the bundles, which saves the shopper the most.
      const bundles = Math.min(Math.floor(targeted.length / rule.quantity), limit);
      for (let b = 0; b < bundles; b++) {
        const members = targeted.slice(b * rule.quantity, (b + 1) * rule.quantity);
        const sum = members.reduce((s, u) => s + u.remainingCents, 0);
        const shares = allocateProportionally(
          Math.max(0, sum - rule.priceCents),
          members.map((u) => u.remainingCents),
        );
        members.forEach((u, i) => give(u, shares[i]!));
      }
      break;
    }
    case "spend_threshold": {
      const spent = targeted.reduce((s, u) => s + u.remainingCents, 0);
      if (spent < rule.thresholdCents) break;
      if (rule.rewardVariantId) {
        // The free item must be in the cart; its dearest remaining unit is taken off.
        const free = units
          .filter((u) => u.variantId === rule.rewardVariantId && u.remainingCents > 0)
          .sort((a, b) => b.remainingCents - a.remainingCents || a.index - b.index)[0];
        if (free) give(free, free.remainingCents);
      } else if (rule.rewardCents) {
        const shares = allocateProportionally(
          Math.min(rule.rewardCents, spent),
          targeted.map((u) => u.remainingCents),
        );
        targeted.forEach((u, i) => give(u, shares[i]!));
      }
      break;
    }
    case "free_delivery":
      return { units: out, deliveryCents: Math.max(0, deliveryFeeCents) };
  }
  return { units: out, deliveryCents: 0 };
}

export function unitsOf(lines: PromotionLine[]): Unit[] {
  return lines.flatMap((l) =>
    Array.from({ length: l.quantity }, (_, index) => ({
      lineId: l.lineId,
      variantId: l.variantId,
      index,
      remainingCents: l.unitPriceCents,
    })),
  );
}
