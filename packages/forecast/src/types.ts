/** How often a series is observed. One value per day, per week (ending on a fixed weekday) or per calendar month. */
export type Frequency = "day" | "week" | "month";

/** What a method knows about the time axis: the season length and the calendar date of any index, past or future. */
export interface SeriesContext {
  frequency: Frequency;
  /** Observations per season: 7 for daily (weekly cycle), 52 for weekly, 12 for monthly (yearly cycle). */
  period: number;
  /**
   * ISO date (YYYY-MM-DD) of index i: the day itself, the last day of the week, or the first day of the month.
   * Defined for every integer, so calendar effects can be looked up for future periods.
   */
  dateAt?: (index: number) => string;
}

/** A model fitted to one history, with its parameters frozen. */
export interface FittedModel {
  method: string;
  /**
   * One-step-ahead predictions with the fitted parameters over `y` (which starts with the fitted history and may
   * run past it): element i predicts y[i] from y[0..i). NaN where the model cannot predict yet.
   */
  oneStep(y: readonly number[]): number[];
  /** Point forecasts for the h periods after the fitted history. */
  forecast(h: number): number[];
  /** Standard deviation of the one-step errors on the fitted history. */
  sigma: number;
  /** Var(h-step error) / Var(one-step error), from the model's own error structure. */
  varianceFactor(h: number): number;
}

export interface ForecastMethod {
  name: string;
  /** Fits the history, or returns null when the method does not apply (too short, non-positive values...). */
  fit(y: readonly number[], context: SeriesContext): FittedModel | null;
}

export interface Forecast {
  method: string;
  mean: number[];
  lower: number[];
  upper: number[];
  /** Coverage of [lower, upper], e.g. 0.8. */
  level: number;
  /** Standard deviation of the fitted model's one-step errors (safety stock is built from it). */
  sigma: number;
}
