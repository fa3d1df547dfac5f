import { weekday, weekdayCounts } from "../calendar";
import { mean, residualSigma } from "../stats";
import type { ForecastMethod, SeriesContext } from "../types";

/**
 * How much trading a period holds, relative to others of its kind. Daily: the weekday's share of sales learnt
 * from the history (a Saturday sells more than a Tuesday). Monthly: the month's count of each weekday, weighted
 * by that weekday profile when one is given, else by days. Weekly periods all hold seven days, so they weigh one.
 */
export function tradingDayWeights(
  y: readonly number[],
  context: SeriesContext,
  weekdayProfile?: readonly number[],
): ((index: number) => number) | null {
  const { dateAt, frequency } = context;
  if (!dateAt) return null;
  if (frequency === "week") return () => 1;
  if (frequency === "month") {
    const profile = weekdayProfile ?? [1, 1, 1, 1, 1, 1, 1];
    return (i) => {
      const [year, month] = dateAt(i).split("-").map(Number) as [number, number];
      return weekdayCounts(year, month).reduce((total, count, d) => total + count * profile[d]!, 0);
    };
  }
  const byWeekday: number[][] = [[], [], [], [], [], [], []];
  y.forEach((v, i) => byWeekday[weekday(dateAt(i))]!.push(v));
  const overall = mean(y);
  if (!(overall > 0) || byWeekday.some((values) => values.length === 0)) return null;
  const index = byWeekday.map((values) => Math.max(mean(values) / overall, 0.05));
  return (i) => index[weekday(dateAt(i))]!;
}

/** The last value, moved to the next period's trading days: last Saturday's level scaled to a Tuesday. */
export const tradingDayNaive: ForecastMethod = {
  name: "trading-day naive",
  fit(y, context) {
    if (y.length < 2) return null;
    const w = tradingDayWeights(y, context);
    if (!w) return null;
    const oneStep = (series: readonly number[]) =>
      series.map((_, i) => (i === 0 ? NaN : (series[i - 1]! * w(i)) / w(i - 1)));
    const n = y.length;
    return {
      method: "trading-day naive",
      oneStep,
      forecast: (h) => Array.from({ length: h }, (_, j) => (y[n - 1]! * w(n + j)) / w(n - 1)),
      sigma: residualSigma(y, oneStep(y)),
      varianceFactor: (h) => h,
    };
  },
};
