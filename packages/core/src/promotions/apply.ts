import { whyNotEligible } from "./eligibility";
import { discountFor, unitKey, unitsOf, type Unit } from "./kinds";
import type {
  AppliedPromotion,
  EnginePromotion,
  PromotionContext,
  PromotionLine,
  PromotionOutcome,
} from "./types";

type Candidate = { promo: EnginePromotion; alone: number };

/**
 * Higher priority first, then the id: the same inputs always give the same order. Ids compare by code unit
 * (the same order as `localeCompare` for lowercase UUIDs), which costs a fraction of a collation: the menu
 * sorts the deals again for every card.
 */
const byPriority = (a: EnginePromotion, b: EnginePromotion) =>
  b.priority - a.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Applies promotions in sequence, each on what the ones before it left of every unit and of the delivery fee. */
function applyInSequence(
  promos: EnginePromotion[],
  lines: PromotionLine[],
  deliveryFeeCents: number,
): AppliedPromotion[] {
  const units: Unit[] = unitsOf(lines);
  let deliveryLeft = deliveryFeeCents;
  const applied: AppliedPromotion[] = [];
  for (const promo of promos) {
    const result = discountFor(promo, lines, units, deliveryLeft);
    const perLine = new Map<string, number>();
    for (const u of units) {
      const cents = result.units.get(unitKey(u)) ?? 0;
      if (!cents) continue;
      u.remainingCents -= cents;
      perLine.set(u.lineId, (perLine.get(u.lineId) ?? 0) + cents);
    }
    const deliveryCents = Math.min(deliveryLeft, result.deliveryCents);
    deliveryLeft -= deliveryCents;
    const lineList = [...perLine].map(([lineId, discountCents]) => ({ lineId, discountCents }));
    const total = lineList.reduce((s, l) => s + l.discountCents, 0) + deliveryCents;
    if (total > 0) {
      applied.push({
        promotionId: promo.id,
        name: promo.name,
        discountCents: total,
        lines: lineList,
        deliveryDiscountCents: deliveryCents,
      });
    }
  }
  return applied;
}

const totalOf = (applied: AppliedPromotion[]) => applied.reduce((s, a) => s + a.discountCents, 0);

function explain(applied: AppliedPromotion[], left: Array<{ name: string }>): string {
  const parts = applied.map((a) => `${a.name} applied`);
  const it = applied.length > 1 ? "them" : "it";
  for (const l of left) parts.push(`${l.name} not combined with ${it}`);
  return parts.join("; ");
}

/**
 * The one function that decides what promotions take off a cart: the menu (a cart of one unit), the cart page
 * and checkout all call it. Stacking is decided deterministically:
 * 1. if an exclusive deal applies, the highest-priority one applies alone;
 * 2. otherwise every stackable deal applies in priority order, each on what the others left, and a
 *    best-for-customer deal replaces that stack only when it saves more by itself (a tie keeps the stack).
 * Discounts never exceed a line or the delivery fee.
 */
export function applyPromotions(
  promotions: readonly EnginePromotion[],
  lines: PromotionLine[],
  ctx: PromotionContext,
): PromotionOutcome {
  const subtotal = lines.reduce((s, l) => s + l.unitPriceCents * l.quantity, 0);
  const hints: string[] = [];
  const candidates: Candidate[] = [];
  for (const promo of [...promotions].sort(byPriority)) {
    const refusal = whyNotEligible(promo, ctx, subtotal);
    if (refusal) {
      if (refusal.reason === "minimum" || ctx.codePromotionId === promo.id) hints.push(refusal.message);
      continue;
    }
    const alone = totalOf(applyInSequence([promo], lines, ctx.deliveryFeeCents));
    if (alone > 0) candidates.push({ promo, alone });
  }

  let chosen: AppliedPromotion[] = [];
  const exclusive = candidates.find((c) => c.promo.stacking === "exclusive");
  if (exclusive) {
    chosen = applyInSequence([exclusive.promo], lines, ctx.deliveryFeeCents);
  } else {
    chosen = applyInSequence(
      candidates.filter((c) => c.promo.stacking === "stackable").map((c) => c.promo),
      lines,
      ctx.deliveryFeeCents,
    );
    for (const c of candidates.filter((c) => c.promo.stacking === "best_for_customer")) {
      if (c.alone > totalOf(chosen)) chosen = applyInSequence([c.promo], lines, ctx.deliveryFeeCents);
    }
  }

  const chosenIds = new Set(chosen.map((a) => a.promotionId));
  const notCombined = candidates
    .filter((c) => !chosenIds.has(c.promo.id))
    .map((c) => ({ promotionId: c.promo.id, name: c.promo.name }));
  const perLine = new Map<string, number>();
  for (const a of chosen) {
    for (const l of a.lines) perLine.set(l.lineId, (perLine.get(l.lineId) ?? 0) + l.discountCents);
  }
  const deliveryDiscountCents = chosen.reduce((s, a) => s + a.deliveryDiscountCents, 0);
  return {
    applied: chosen,
    lineDiscounts: lines.map((l) => ({ lineId: l.lineId, discountCents: perLine.get(l.lineId) ?? 0 })),
    deliveryDiscountCents,
    discountCents: totalOf(chosen),
    notCombined,
    hints,
    explanation: explain(chosen, notCombined),
  };
}

/** The outcome of a cart no promotion touches. */
export function noPromotions(lines: PromotionLine[]): PromotionOutcome {
  return applyPromotions([], lines, {
    now: new Date(0),
    timeZone: "UTC",
    locationId: null,
    menu: "adult_use",
    customer: null,
    codePromotionId: null,
    deliveryFeeCents: 0,
  });
}
