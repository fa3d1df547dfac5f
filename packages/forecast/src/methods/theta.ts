import { multiplicativeSeasonalIndexes, hasSeasonality } from "../decompose";
import { minimizeInUnitBox } from "../optimize";
import { linearTrend, residualSigma } from "../stats";
import type { FittedModel, ForecastMethod } from "../types";

/** The one-step squared error of simple exponential smoothing, without building the predictions. */
function sesSse(y: readonly number[], alpha: number, level0: number): number {
  let level = level0;
  let sse = 0;
  for (const value of y) {
    sse += (value - level) * (value - level);
    level = alpha * value + (1 - alpha) * level;
  }
  return sse;
}

/** Simple exponential smoothing predictions with a given alpha and starting level. */
function sesPredictions(
  y: readonly number[],
  alpha: number,
  level0: number,
): { predictions: number[]; level: number } {
  let level = level0;
  const predictions = new Array<number>(y.length);
  for (let i = 0; i < y.length; i++) {
    predictions[i] = level;
    level = alpha * y[i]! + (1 - alpha) * level;
  }
  return { predictions, level };
}

/**
 * The Theta method (Assimakopoulos & Nikolopoulos 2000) in Hyndman & Billah's form, as R's forecast::thetaf:
 * simple exponential smoothing plus half the slope of the linear trend, with drift
 * b/2 * (h - 1 + (1 - (1 - alpha)^n) / alpha). Seasonal series are deseasonalised first by classical
 * multiplicative decomposition when the seasonal autocorrelation is significant.
 */
export function thetaModel(
  y: readonly number[],
  period: number,
  fixed?: { alpha: number; level0: number },
): FittedModel | null {
  const n = y.length;
  if (n < 3) return null;
  const indexes = hasSeasonality(y, period) ? multiplicativeSeasonalIndexes(y, period) : null;
  const seasonAt = (i: number) => (indexes ? indexes[i % period]! : 1);
  const adjusted = y.map((v, i) => v / seasonAt(i));

  const fit =
    fixed ??
    (() => {
      // Level and alpha both estimated by least squares; the level is searched on the data's own scale.
      const lo = Math.min(...adjusted);
      const hi = Math.max(...adjusted);
      const span = hi - lo || Math.abs(hi) || 1;
      const { params } = minimizeInUnitBox(
        ([a, l]) => sesSse(adjusted, a!, lo - span + 3 * span * l!),
        [0.5, (adjusted[0]! - lo + span) / (3 * span)],
        { maxEvaluations: 100, tolerance: 1e-6 },
      );
      return { alpha: params[0]!, level0: lo - span + 3 * span * params[1]! };
    })();
  const halfSlope = linearTrend(adjusted).slope / 2;
  const drift = (h: number, len: number) => halfSlope * (h - 1 + (1 - (1 - fit.alpha) ** len) / fit.alpha);

  const oneStep = (series: readonly number[]) => {
    const deseasoned = series.map((v, i) => v / seasonAt(i));
    const { predictions } = sesPredictions(deseasoned, fit.alpha, fit.level0);
    // Each prediction uses the drift for a 1-step horizon from an origin of i observations.
    return predictions.map((p, i) => (i === 0 ? NaN : (p + drift(1, i)) * seasonAt(i)));
  };
  const { level } = sesPredictions(adjusted, fit.alpha, fit.level0);
  return {
    method: "theta",
    oneStep,
    forecast: (h) => Array.from({ length: h }, (_, j) => (level + drift(j + 1, n)) * seasonAt(n + j)),
    sigma: residualSigma(y, oneStep(y), 1),
    varianceFactor: (h) => 1 + (h - 1) * fit.alpha ** 2,
  };
}

export const theta: ForecastMethod = {
  name: "theta",
  fit: (y, { period }) => thetaModel(y, period),
};
