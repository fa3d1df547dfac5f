import { normalQuantile } from "./stats";

export interface ReorderInput {
  /** Forecast daily demand, starting tomorrow, covering at least lead time + review period. */
  dailyMean: readonly number[];
  /** Standard deviation of the one-step (daily) forecast error. */
  dailySigma: number;
  /** Days from ordering to the goods being on the shelf. */
  leadTimeDays: number;
  /** Days until the next chance to order again (how often purchasing is done). */
  reviewDays: number;
  /** Probability of not running out before the next delivery, e.g. 0.95. */
  serviceLevel: number;
  /** Units available now (on hand less reserved) and already on order. */
  available: number;
  onOrder: number;
  /** Orders are whole packs of this many units. */
  packSize?: number;
}

export interface ReorderPlan {
  /** Expected demand over the lead time, and over lead time + review period. */
  leadTimeDemand: number;
  coverDemand: number;
  safetyStock: number;
  /** Order when available + on order falls to this. */
  reorderPoint: number;
  /** Order enough to bring available + on order up to this. */
  orderUpTo: number;
  /** Units to order now (whole packs), 0 when above the reorder point. */
  quantity: number;
}

/**
 * A periodic-review order-up-to policy with safety stock from the forecast error: over the L + R days the order
 * must cover, daily errors are taken as independent, so the error of the total has sd sigma * sqrt(L + R), and
 * the safety stock is z(service level) times that. Quantities are whole units rounded up to whole packs.
 */
export function reorderPlan(input: ReorderInput): ReorderPlan {
  const lead = Math.max(0, Math.round(input.leadTimeDays));
  const cover = lead + Math.max(1, Math.round(input.reviewDays));
  if (input.dailyMean.length < cover) {
    throw new RangeError(
      `The forecast covers ${input.dailyMean.length} days; the order must cover ${cover}.`,
    );
  }
  if (!(input.serviceLevel > 0.5 && input.serviceLevel < 1)) {
    throw new RangeError(`The service level must be between 50% and 100%, not ${input.serviceLevel}.`);
  }
  const sumTo = (days: number) => input.dailyMean.slice(0, days).reduce((t, v) => t + Math.max(0, v), 0);
  const z = normalQuantile(input.serviceLevel);
  const sigma = Number.isFinite(input.dailySigma) ? Math.max(0, input.dailySigma) : 0;
  const leadTimeDemand = sumTo(lead);
  const coverDemand = sumTo(cover);
  const safetyStock = Math.ceil(z * sigma * Math.sqrt(cover));
  const reorderPoint = Math.ceil(leadTimeDemand + z * sigma * Math.sqrt(Math.max(lead, 1)));
  const orderUpTo = Math.ceil(coverDemand) + safetyStock;
  const position = input.available + input.onOrder;
  const pack = Math.max(1, Math.round(input.packSize ?? 1));
  const short = orderUpTo - position;
  const quantity = position <= reorderPoint && short > 0 ? Math.ceil(short / pack) * pack : 0;
  return { leadTimeDemand, coverDemand, safetyStock, reorderPoint, orderUpTo, quantity };
}
