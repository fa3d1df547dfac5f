import { mape, rollingOrigin } from "./backtest";
import { candidatesFor } from "./candidates";
import { naive, seasonalNaive } from "./methods/naive";
import { autoMethod } from "./select";
import { interpolateGaps, seasonLength } from "./series";
import type { ForecastMethod, Frequency, SeriesContext } from "./types";

export interface SeriesEvaluation {
  /** MAPE in percent of the selected model and of the two baselines. */
  model: number;
  naive: number;
  seasonalNaive: number;
  /** How often each method was selected across the origins. */
  chosen: Record<string, number>;
  /** Missing periods filled by interpolation before fitting. */
  filled: number;
  /** Test points with a usable (positive) actual. */
  measured: number;
}

export type EvaluationResult = { ok: true; evaluation: SeriesEvaluation } | { ok: false; reason: string };

/** Fills missing periods in a training history (straight lines inside, last value carried at the end). */
export function fillHistory(y: readonly number[]): number[] {
  const { values } = interpolateGaps(y);
  let last = NaN;
  return values.map((v) => (Number.isNaN(v) ? last : (last = v)));
}

function gapTolerant(method: ForecastMethod): ForecastMethod {
  return { name: method.name, fit: (y, context) => method.fit(fillHistory(y), context) };
}

/**
 * The rolling-origin one-step backtest of one series: the selected model (chosen afresh at every origin from the
 * history before it) against naive and seasonal naive, over the last `testPoints` periods. Leading missing
 * periods are dropped; a series too short to hold a season of training before its first test point is refused
 * with the reason.
 */
export function evaluateSeries(
  raw: readonly number[],
  frequency: Frequency,
  dateAt: (index: number) => string,
  options: { testPoints: number; horizon: number },
): EvaluationResult {
  const firstKnown = raw.findIndex((v) => Number.isFinite(v));
  if (firstKnown < 0) return { ok: false, reason: "no numeric values" };
  const y = raw.slice(firstKnown);
  const period = seasonLength(frequency);
  const context: SeriesContext = { frequency, period, dateAt: (i) => dateAt(i + firstKnown) };
  const minimumTraining = period + 2;
  if (y.length < options.testPoints + minimumTraining) {
    return {
      ok: false,
      reason: `${y.length} period(s); needs at least ${options.testPoints + minimumTraining} (${minimumTraining} to train before ${options.testPoints} test points)`,
    };
  }
  const chosen: Record<string, number> = {};
  const auto = autoMethod(candidatesFor(fillHistory(y.slice(0, y.length - options.testPoints)), frequency));
  const counting: ForecastMethod = {
    name: "auto",
    fit(history, ctx) {
      const model = auto.fit(history, ctx);
      if (model) chosen[model.method] = (chosen[model.method] ?? 0) + 1;
      return model;
    },
  };
  const run = (method: ForecastMethod) => rollingOrigin(y, gapTolerant(method), context, options);
  const modelPoints = run(counting);
  const evaluation: SeriesEvaluation = {
    model: mape(modelPoints),
    naive: mape(run(naive)),
    seasonalNaive: mape(run(seasonalNaive)),
    chosen,
    filled: interpolateGaps(y).filled,
    measured: modelPoints.filter((p) => p.actual > 0).length,
  };
  if (![evaluation.model, evaluation.naive, evaluation.seasonalNaive].every(Number.isFinite)) {
    return {
      ok: false,
      reason: "no test point with a positive actual value to measure a percentage error on",
    };
  }
  return { ok: true, evaluation };
}
