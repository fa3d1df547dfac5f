import { addMonths } from "date-fns";
import { allocateProportionally } from "../promotions/allocate";

/**
 * Loyalty arithmetic with no I/O: points earned for an order, the tier a rolling year of points reaches, and
 * the progress towards the next one. Points are whole numbers; money is integer cents.
 */

export type TierRule = { id: string; name: string; thresholdPoints: number; multiplierBps: number };

/** A new program starts with the first three tiers of SPEC section 5 (platinum at 5,000 can be added). */
export const DEFAULT_TIERS: ReadonlyArray<Omit<TierRule, "id">> = [
  { name: "Bronze", thresholdPoints: 0, multiplierBps: 10_000 },
  { name: "Silver", thresholdPoints: 500, multiplierBps: 12_500 },
  { name: "Gold", thresholdPoints: 2_000, multiplierBps: 15_000 },
];

/**
 * Points for an order: whole dollars spent after discounts (taxes and fees earn nothing), times the store's
 * rate, times the tier multiplier, rounded down so a store never gives more than it promised.
 */
export function pointsForSpend(spendCents: number, pointsPerDollar: number, multiplierBps: number) {
  if (spendCents <= 0 || pointsPerDollar <= 0) return 0;
  const dollars = Math.floor(spendCents / 100);
  return Math.floor((dollars * pointsPerDollar * multiplierBps) / 10_000);
}

/** The highest tier whose threshold the points reach (tiers in any order); null when there are none. */
export function tierFor<T extends Pick<TierRule, "thresholdPoints">>(points: number, tiers: readonly T[]) {
  let best: T | null = null;
  for (const tier of tiers) {
    if (points >= tier.thresholdPoints && (!best || tier.thresholdPoints > best.thresholdPoints)) best = tier;
  }
  return best;
}

/** Where a shopper stands: current tier, the next one, and how many points are still needed to reach it. */
export function tierProgress<T extends Pick<TierRule, "thresholdPoints">>(
  points: number,
  tiers: readonly T[],
) {
  const current = tierFor(points, tiers);
  const next =
    [...tiers]
      .sort((a, b) => a.thresholdPoints - b.thresholdPoints)
      .find((t) => t.thresholdPoints > points) ?? null;
  const floor = current?.thresholdPoints ?? 0;
  const percent = next
    ? Math.min(100, Math.floor(((points - floor) * 100) / (next.thresholdPoints - floor)))
    : 100;
  return { current, next, pointsToNext: next ? next.thresholdPoints - points : 0, percent };
}

/** A cart line as a reward sees it: what is still to pay for it after the promotions. */
export type RewardLine = { variantId: string; unitPriceCents: number; remainingCents: number };

/**
 * What a reward takes off each line, after the promotions: amount off is spread over the lines in proportion
 * to what is left to pay on each (never more than the goods cost in all); a free item is one unit of it, if
 * it is in the cart (never more than is left on its line). Being per line, the discount lowers each line's
 * taxable amount as the state's rule for a retailer's discount says, like any promotion.
 */
export function rewardLineDiscounts(
  reward: { kind: "amount_off" | "free_item"; amountOffCents: number | null; variantId: string | null },
  lines: readonly RewardLine[],
): Array<{ lineId: string; discountCents: number }> {
  if (reward.kind === "amount_off") {
    const left = lines.reduce((sum, l) => sum + l.remainingCents, 0);
    const shares = allocateProportionally(
      Math.min(reward.amountOffCents ?? 0, left),
      lines.map((l) => l.remainingCents),
    );
    return lines
      .map((l, i) => ({ lineId: l.variantId, discountCents: shares[i]! }))
      .filter((d) => d.discountCents > 0);
  }
  const line = lines.find((l) => l.variantId === reward.variantId);
  const discountCents = line ? Math.min(line.unitPriceCents, line.remainingCents) : 0;
  return discountCents > 0 ? [{ lineId: line!.variantId, discountCents }] : [];
}

/** A ledger entry as expiry reads it: its signed points and when it was written. */
export type ExpiryEntry = { points: number; at: Date };

/**
 * How many of a customer's points have expired by `now` and are not yet written off, first in, first out:
 * every credit (an earning, a bonus, a positive adjustment, points given back) is a lot that expires `months`
 * after it was written; every debit (a redemption, a reversal, an expiry already written) uses up the oldest
 * lots first. Expired lots' remainders are what expire now. Because earlier expiries are debits too, asking
 * again after writing the result gives 0: the job can run any number of times. `entries` in ledger order.
 */
export function expiredPoints(entries: readonly ExpiryEntry[], now: Date, months: number) {
  const lots: Array<{ left: number; expiresAt: Date }> = [];
  let first = 0;
  for (const entry of entries) {
    if (entry.points > 0) {
      lots.push({ left: entry.points, expiresAt: addMonths(entry.at, months) });
      continue;
    }
    let owed = -entry.points;
    while (owed > 0 && first < lots.length) {
      const lot = lots[first]!;
      const used = Math.min(lot.left, owed);
      lot.left -= used;
      owed -= used;
      if (lot.left === 0) first++;
    }
  }
  return lots.slice(first).reduce((sum, lot) => sum + (lot.expiresAt <= now ? lot.left : 0), 0);
}
