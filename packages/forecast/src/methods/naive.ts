import { residualSigma } from "../stats";
import type { FittedModel, ForecastMethod } from "../types";

/** Tomorrow looks like today: the last value, repeated. */
export const naive: ForecastMethod = {
  name: "naive",
  fit(y) {
    if (y.length === 0) return null;
    const oneStep = (series: readonly number[]) => series.map((_, i) => (i === 0 ? NaN : series[i - 1]!));
    const last = y[y.length - 1]!;
    return {
      method: "naive",
      oneStep,
      forecast: (h) => new Array<number>(h).fill(last),
      sigma: residualSigma(y, oneStep(y)),
      varianceFactor: (h) => h,
    };
  },
};

/** The same period one season ago (last Tuesday for a Tuesday, last April for an April). */
export const seasonalNaive: ForecastMethod = {
  name: "seasonal naive",
  fit(y, { period }) {
    if (period < 2 || y.length < period) return null;
    const oneStep = (series: readonly number[]) =>
      series.map((_, i) => (i < period ? NaN : series[i - period]!));
    const fitted: FittedModel = {
      method: "seasonal naive",
      oneStep,
      forecast: (h) => Array.from({ length: h }, (_, j) => y[y.length - period + (j % period)]!),
      sigma: residualSigma(y, oneStep(y)),
      varianceFactor: (h) => Math.floor((h - 1) / period) + 1,
    };
    return fitted;
  },
};
