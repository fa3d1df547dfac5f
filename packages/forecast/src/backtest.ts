import type { FittedModel, ForecastMethod, SeriesContext } from "./types";

export interface BacktestPoint {
  index: number;
  actual: number;
  predicted: number;
}

/**
 * Rolling-origin evaluation: for each of the last `testPoints` indexes t, fit on y[0..t) only and forecast
 * `horizon` steps ahead, keeping the prediction for t + horizon - 1. Origins whose target is missing (NaN), or
 * where the method does not apply, are left out.
 */
export function rollingOrigin(
  y: readonly number[],
  method: ForecastMethod,
  context: SeriesContext,
  options: { testPoints: number; horizon?: number },
): BacktestPoint[] {
  const horizon = options.horizon ?? 1;
  const points: BacktestPoint[] = [];
  const firstTarget = Math.max(1, y.length - options.testPoints);
  for (let target = firstTarget; target < y.length; target++) {
    const origin = target - horizon + 1;
    if (origin < 1 || !Number.isFinite(y[target]!)) continue;
    const fitted = method.fit(y.slice(0, origin), context);
    if (!fitted) continue;
    const predicted = fitted.forecast(horizon)[horizon - 1]!;
    if (Number.isFinite(predicted)) points.push({ index: target, actual: y[target]!, predicted });
  }
  return points;
}

/**
 * Mean absolute percentage error in percent, over points with a positive actual (a zero or negative actual has no
 * percentage error); NaN when none qualifies, so callers report "no measurable points" instead of a number.
 */
export function mape(points: readonly BacktestPoint[]): number {
  const usable = points.filter((p) => p.actual > 0);
  if (usable.length === 0) return NaN;
  let total = 0;
  for (const p of usable) total += Math.abs((p.actual - p.predicted) / p.actual);
  return (100 * total) / usable.length;
}

/** Mean absolute error of a fitted model's one-step predictions over y[from..]. */
export function holdoutError(model: FittedModel, y: readonly number[], from: number): number {
  const predictions = model.oneStep(y);
  let total = 0;
  let count = 0;
  for (let i = from; i < y.length; i++) {
    const e = Math.abs(y[i]! - predictions[i]!);
    if (Number.isFinite(e)) {
      total += e;
      count++;
    }
  }
  return count === 0 ? NaN : total / count;
}
