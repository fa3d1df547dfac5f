import { candidatesFor } from "./candidates";
import { autoMethod } from "./select";
import { normalQuantile } from "./stats";
import type { FittedModel, Forecast, SeriesContext } from "./types";

/** Point forecasts with a central prediction interval: mean +- z * sigma * sqrt(variance factor). */
export function withIntervals(
  model: FittedModel,
  horizon: number,
  level: number,
  options: { nonNegative?: boolean } = {},
): Forecast {
  const z = normalQuantile(0.5 + level / 2);
  const mean = model.forecast(horizon);
  const floor = (v: number) => (options.nonNegative ? Math.max(0, v) : v);
  const half = mean.map((_, j) => z * model.sigma * Math.sqrt(model.varianceFactor(j + 1)));
  return {
    method: model.method,
    mean: mean.map(floor),
    lower: mean.map((m, j) => floor(m - half[j]!)),
    upper: mean.map((m, j) => floor(m + half[j]!)),
    level,
    sigma: model.sigma,
  };
}

/**
 * Forecasts one demand series `horizon` periods ahead with the method its own history selects, or null when the
 * history is too short for any method. Demand cannot be negative, so the forecast and interval are floored at 0.
 */
export function forecastDemand(
  y: readonly number[],
  context: SeriesContext,
  options: { horizon: number; level?: number },
): Forecast | null {
  const model = autoMethod(candidatesFor(y, context.frequency)).fit(y, context);
  if (!model) return null;
  return withIntervals(model, options.horizon, options.level ?? 0.8, { nonNegative: true });
}
