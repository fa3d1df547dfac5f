import { eventsInWeek, eventsOn, type CalendarEvent } from "./calendar";
import { tradingDayWeights } from "./methods/trading-day-naive";
import { mean, median, residualSigma } from "./stats";
import type { FittedModel, ForecastMethod, SeriesContext } from "./types";

/**
 * A multiplicative factor per index that the model should not have to learn: a 4/20 spike, a payday bump, a
 * month with five Saturdays. The series is divided by it before fitting and forecasts are multiplied back.
 */
export type Adjustment = (index: number) => number;

/** Events that fall in period i. Weekly periods ignore paydays: every week holds about half of one. */
export function eventsAt(context: SeriesContext, index: number): CalendarEvent[] {
  const { dateAt, frequency } = context;
  if (!dateAt) return [];
  if (frequency === "day") return eventsOn(dateAt(index));
  if (frequency === "week") return eventsInWeek(dateAt(index)).filter((e) => e !== "payday");
  return [];
}

/**
 * Each event's multiplier, learnt from the history: the log ratio of the event period to the median of the same
 * weekday one and two weeks either side (daily) or the two weeks either side (weekly), averaged over occurrences
 * and shrunk toward no effect by n / (n + 1) so a single occurrence is not taken at face value.
 */
export function estimateEventEffects(
  y: readonly number[],
  context: SeriesContext,
): Map<CalendarEvent, number> {
  const step = context.frequency === "day" ? 7 : 1;
  const logRatios = new Map<CalendarEvent, number[]>();
  for (let i = 0; i < y.length; i++) {
    const events = eventsAt(context, i);
    if (events.length !== 1 || !(y[i]! > 0)) continue;
    const neighbours = [-2, -1, 1, 2]
      .map((k) => i + k * step)
      .filter((j) => j >= 0 && j < y.length && eventsAt(context, j).length === 0)
      .map((j) => y[j]!);
    const baseline = median(neighbours);
    if (!(baseline > 0)) continue;
    const list = logRatios.get(events[0]!) ?? [];
    list.push(Math.log(y[i]! / baseline));
    logRatios.set(events[0]!, list);
  }
  const effects = new Map<CalendarEvent, number>();
  for (const [event, list] of logRatios) {
    effects.set(event, Math.exp((mean(list) * list.length) / (list.length + 1)));
  }
  return effects;
}

/** Remembers an adjustment's factors by index: each is asked for on every pass of every fit. */
function memoised(adjustment: Adjustment): Adjustment {
  const known = new Map<number, number>();
  return (i) => {
    let factor = known.get(i);
    if (factor === undefined) {
      factor = adjustment(i);
      known.set(i, factor);
    }
    return factor;
  };
}

/** The adjustment for a history: event multipliers (daily, weekly) or trading-day weights (monthly). */
export function calendarAdjustment(y: readonly number[], context: SeriesContext): Adjustment | null {
  if (!context.dateAt || y.some((v) => v < 0)) return null;
  if (context.frequency === "month") {
    const weights = tradingDayWeights(y, context);
    if (!weights) return null;
    const average = mean(y.map((_, i) => weights(i)));
    return memoised((i) => weights(i) / average);
  }
  const effects = estimateEventEffects(y, context);
  if (effects.size === 0) return null;
  return memoised((i) => eventsAt(context, i).reduce((factor, e) => factor * (effects.get(e) ?? 1), 1));
}

/** Fits `inner` to the series with the adjustment divided out, and multiplies it back into every prediction. */
export function adjusted(
  inner: FittedModel,
  y: readonly number[],
  adjustment: Adjustment,
  name: string,
): FittedModel {
  const oneStep = (series: readonly number[]) =>
    inner.oneStep(series.map((v, i) => v / adjustment(i))).map((p, i) => p * adjustment(i));
  const n = y.length;
  return {
    method: name,
    oneStep,
    forecast: (h) => inner.forecast(h).map((p, j) => p * adjustment(n + j)),
    sigma: residualSigma(y, oneStep(y), 1),
    varianceFactor: (h) => inner.varianceFactor(h),
  };
}

/**
 * One history's adjustment and adjusted series, kept while the history is alive: selection fits several
 * calendar-adjusted candidates to the same history, and the estimate is the same for each.
 */
const adjustedHistories = new WeakMap<
  readonly number[],
  { adjustment: Adjustment; values: number[] } | null
>();

function adjustedHistory(y: readonly number[], context: SeriesContext) {
  if (adjustedHistories.has(y)) return adjustedHistories.get(y)!;
  const adjustment = calendarAdjustment(y, context);
  const entry = adjustment ? { adjustment, values: y.map((v, i) => v / adjustment(i)) } : null;
  adjustedHistories.set(y, entry);
  return entry;
}

/** `method` with the cannabis calendar (or, monthly, the trading days) taken out before fitting. */
export function withCalendar(method: ForecastMethod): ForecastMethod {
  const name = `${method.name}+calendar`;
  return {
    name,
    fit(y, context) {
      const history = adjustedHistory(y, context);
      if (!history) return null;
      const inner = method.fit(history.values, context);
      return inner ? adjusted(inner, y, history.adjustment, name) : null;
    },
  };
}
