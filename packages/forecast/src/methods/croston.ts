import { residualSigma, squaredErrors } from "../stats";
import type { FittedModel, ForecastMethod } from "../types";

/** Smoothing constants tried when fitting; the literature finds 0.05-0.3 best for intermittent demand. */
const GRID = [0.05, 0.1, 0.2, 0.3, 0.5];

/** Demand is intermittent when more than a third of the periods sell nothing (Syntetos-Boylan's ADI > 1.32 rule). */
export function isIntermittent(y: readonly number[]): boolean {
  if (y.length === 0) return false;
  const nonZero = y.filter((v) => v > 0).length;
  return nonZero > 0 && y.length / nonZero > 1.32;
}

/**
 * Croston's method: smooth the size of non-zero demands (z) and the gaps between them (p) separately, updating
 * only when a demand occurs; the rate is z / p. `sba` applies Syntetos-Boylan's (1 - alpha/2) bias correction.
 */
export function crostonPredictions(
  y: readonly number[],
  alpha: number,
  sba: boolean,
): { predictions: number[]; rate: number } | null {
  const first = y.findIndex((v) => v > 0);
  if (first < 0) return null;
  let size = y[first]!;
  let interval = first + 1;
  let sinceLast = 0;
  const factor = sba ? 1 - alpha / 2 : 1;
  const predictions = new Array<number>(y.length).fill(NaN);
  for (let i = first + 1; i < y.length; i++) {
    predictions[i] = (factor * size) / interval;
    sinceLast++;
    if (y[i]! > 0) {
      size = alpha * y[i]! + (1 - alpha) * size;
      interval = alpha * sinceLast + (1 - alpha) * interval;
      sinceLast = 0;
    }
  }
  return { predictions, rate: (factor * size) / interval };
}

/**
 * Teunter-Syntetos-Babai: smooth the demand size when a demand occurs (alpha) and the probability of a demand in
 * every period (beta), so the forecast decays while an item stops selling, which Croston's never does.
 */
export function tsbPredictions(
  y: readonly number[],
  alpha: number,
  beta: number,
): { predictions: number[]; rate: number } | null {
  const first = y.findIndex((v) => v > 0);
  if (first < 0) return null;
  let size = y[first]!;
  let probability = 1 / (first + 1);
  const predictions = new Array<number>(y.length).fill(NaN);
  for (let i = first + 1; i < y.length; i++) {
    predictions[i] = probability * size;
    const occurred = y[i]! > 0 ? 1 : 0;
    probability += beta * (occurred - probability);
    if (occurred) size = alpha * y[i]! + (1 - alpha) * size;
  }
  return { predictions, rate: probability * size };
}

function flatModel(
  name: string,
  y: readonly number[],
  run: (series: readonly number[]) => { predictions: number[]; rate: number } | null,
  alpha: number,
): FittedModel | null {
  const result = run(y);
  if (!result) return null;
  return {
    method: name,
    oneStep: (series) => run(series)?.predictions ?? series.map(() => NaN),
    forecast: (h) => new Array<number>(h).fill(result.rate),
    sigma: residualSigma(y, result.predictions),
    varianceFactor: (h) => 1 + (h - 1) * alpha ** 2,
  };
}

export function crostonModel(y: readonly number[], alpha: number, sba = false): FittedModel | null {
  return flatModel(sba ? "croston-sba" : "croston", y, (s) => crostonPredictions(s, alpha, sba), alpha);
}

export function tsbModel(y: readonly number[], alpha: number, beta: number): FittedModel | null {
  return flatModel("tsb", y, (s) => tsbPredictions(s, alpha, beta), alpha);
}

/** Croston (SBA-corrected) with alpha chosen on the grid by one-step squared error. */
export const croston: ForecastMethod = {
  name: "croston-sba",
  fit(y) {
    let best: { alpha: number; sse: number } | null = null;
    for (const alpha of GRID) {
      const run = crostonPredictions(y, alpha, true);
      if (!run) return null;
      const { sse } = squaredErrors(y, run.predictions);
      if (!best || sse < best.sse) best = { alpha, sse };
    }
    return best ? crostonModel(y, best.alpha, true) : null;
  },
};

export const tsb: ForecastMethod = {
  name: "tsb",
  fit(y) {
    let best: { alpha: number; beta: number; sse: number } | null = null;
    for (const alpha of GRID) {
      for (const beta of GRID) {
        const run = tsbPredictions(y, alpha, beta);
        if (!run) return null;
        const { sse } = squaredErrors(y, run.predictions);
        if (!best || sse < best.sse) best = { alpha, beta, sse };
      }
    }
    return best ? tsbModel(y, best.alpha, best.beta) : null;
  },
};
