/**
 * Markdown rules: pure integer arithmetic on cents, no I/O. A suggestion is a cut off the shelf price that grows
 * as a lot nears its expiry date or as unsold stock piles up, rounded down to a 5-cent price, and then raised
 * back to the margin floor when the cut would go under it; when the floor leaves no room below the current
 * price there is no suggestion.
 */

/** The lowest price that keeps `marginFloorBp` (basis points of the price) over the unit cost, rounded up. */
export function floorPriceCents(unitCostCents: number, marginFloorBp: number): number {
  if (marginFloorBp < 0 || marginFloorBp >= 10_000) throw new RangeError("margin floor out of range");
  return Math.ceil((unitCostCents * 10_000) / (10_000 - marginFloorBp));
}

/**
 * Percent off for a lot `daysLeft` days from its expiry within the owner's window: 30% in the last quarter of the
 * window, 20% in the second quarter, 10% before that; none once it has expired (it must come off the shelf, not
 * be sold cheaper) or while it is outside the window.
 */
export function expiryCutPercent(daysLeft: number, windowDays: number): number {
  if (daysLeft < 0 || daysLeft > windowDays) return 0;
  if (daysLeft <= windowDays / 4) return 30;
  if (daysLeft <= windowDays / 2) return 20;
  return 10;
}

/**
 * Days the stock on hand would last at the rate it sold over the last `salesDays` days; Infinity when it did not
 * sell at all.
 */
export function daysOfCover(onHand: number, unitsSold: number, salesDays: number): number {
  if (onHand <= 0) return 0;
  if (unitsSold <= 0) return Number.POSITIVE_INFINITY;
  return (onHand * salesDays) / unitsSold;
}

/** Percent off for a slow mover: 10% past the owner's cover threshold, 20% past twice that; none below it. */
export function slowMoverCutPercent(coverDays: number, thresholdDays: number): number {
  if (coverDays <= thresholdDays) return 0;
  return coverDays > thresholdDays * 2 ? 20 : 10;
}

export type Markdown = { priceCents: number; floorPriceCents: number; heldAtFloor: boolean };

/**
 * The suggested price for a `cutPercent` markdown of `priceCents`, never under the margin floor over
 * `unitCostCents`; null when there is nothing to suggest (no cut, or the floor is at or above today's price).
 */
export function markdownPrice(input: {
  priceCents: number;
  unitCostCents: number;
  marginFloorBp: number;
  cutPercent: number;
}): Markdown | null {
  if (input.cutPercent <= 0) return null;
  const floor = floorPriceCents(input.unitCostCents, input.marginFloorBp);
  const cut = Math.floor((input.priceCents * (100 - input.cutPercent)) / 100);
  const rounded = cut - (cut % 5);
  const price = Math.max(rounded, floor, 1);
  if (price >= input.priceCents) return null;
  return { priceCents: price, floorPriceCents: floor, heldAtFloor: price === floor && floor > rounded };
}
