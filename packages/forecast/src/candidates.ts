import { withCalendar } from "./calendar-effects";
import { croston, isIntermittent, tsb } from "./methods/croston";
import { exponentialSmoothing } from "./methods/exponential-smoothing";
import { naive, seasonalNaive } from "./methods/naive";
import { theta } from "./methods/theta";
import { tradingDayNaive } from "./methods/trading-day-naive";
import type { ForecastMethod, Frequency } from "./types";

/** Baselines every other method must beat; listed first so a tie keeps the simpler forecast. */
export const BASELINES: readonly ForecastMethod[] = [naive, seasonalNaive, tradingDayNaive];

const SMOOTHING: readonly ForecastMethod[] = [
  exponentialSmoothing("none", "none"),
  exponentialSmoothing("damped", "none"),
  exponentialSmoothing("none", "additive"),
  exponentialSmoothing("damped", "additive"),
  exponentialSmoothing("none", "multiplicative"),
  exponentialSmoothing("damped", "multiplicative"),
  theta,
];

const DAILY: readonly ForecastMethod[] = [
  exponentialSmoothing("none", "additive"),
  exponentialSmoothing("damped", "additive"),
  exponentialSmoothing("none", "multiplicative"),
  theta,
];

/**
 * The methods a series is chosen from. Intermittent series (mostly zero days, the slow movers) get Croston/TSB
 * beside the baselines; the rest get exponential smoothing and Theta, each also with the calendar taken out.
 * Daily series are the many (every variant at every location), so they get the weekly-seasonal smoothers only,
 * always with the calendar: a trend without a weekly cycle does not describe a day of retail sales.
 */
export function candidatesFor(y: readonly number[], frequency: Frequency = "week"): ForecastMethod[] {
  if (isIntermittent(y)) return [...BASELINES, croston, tsb];
  if (frequency === "day") return [...BASELINES, ...DAILY.map(withCalendar)];
  return [...BASELINES, ...SMOOTHING, ...SMOOTHING.map(withCalendar)];
}
