import { minimizeInUnitBox } from "../optimize";
import { mean, residualSigma } from "../stats";
import type { FittedModel, ForecastMethod } from "../types";

export type TrendKind = "none" | "additive" | "damped";
export type SeasonKind = "none" | "additive" | "multiplicative";

export interface SmoothingParams {
  alpha: number;
  beta: number;
  gamma: number;
  phi: number;
}

export interface SmoothingState {
  level: number;
  trend: number;
  /** Seasonal terms for the next `period` indexes, oldest first (season[0] applies to the next observation). */
  season: number[];
}

export interface SmoothingSpec {
  trend: TrendKind;
  season: SeasonKind;
  period: number;
}

/** R's ets() keeps the damping between 0.8 and 0.98; below, forecasts flatten too fast to be useful. */
const PHI_MIN = 0.8;
const PHI_MAX = 0.98;

/**
 * Starting states from the first two seasons (or two points without a season): the mean of season one as the
 * level, the change between the two seasons' means as the trend, and the detrended deviations (or ratios) as the
 * season, normalised to sum to zero (or average one). Returns null when the history is too short.
 */
export function initialState(y: readonly number[], spec: SmoothingSpec): SmoothingState | null {
  const m = spec.season === "none" ? 1 : spec.period;
  if (spec.season === "none") {
    if (y.length < 2) return null;
    return { level: y[0]!, trend: spec.trend === "none" ? 0 : y[1]! - y[0]!, season: [] };
  }
  if (y.length < 2 * m) return null;
  const first = mean(y.slice(0, m));
  const second = mean(y.slice(m, 2 * m));
  const trend = spec.trend === "none" ? 0 : (second - first) / m;
  const season = new Array<number>(m).fill(0);
  for (let j = 0; j < m; j++) {
    let total = 0;
    for (let k = 0; k < 2; k++) {
      const i = j + k * m;
      const base = first + (i - (m - 1) / 2) * trend;
      total += spec.season === "additive" ? y[i]! - base : y[i]! / base;
    }
    season[j] = total / 2;
  }
  if (spec.season === "additive") {
    const shift = mean(season);
    for (let j = 0; j < m; j++) season[j] = season[j]! - shift;
  } else {
    const scale = mean(season);
    if (!(scale > 0)) return null;
    for (let j = 0; j < m; j++) season[j] = season[j]! / scale;
  }
  // The level "just before" index 0, so that level + trend at index 0 sits on the first season's line.
  return { level: first - ((m + 1) / 2) * trend, trend, season };
}

/**
 * Runs the Holt-Winters recursions over y with fixed parameters: one-step predictions for every index and the
 * final state. Additive season: l = a(y - s) + (1 - a)(l + phi b); multiplicative: l = a y / s + ....
 */
export function runSmoothing(
  y: readonly number[],
  spec: SmoothingSpec,
  params: SmoothingParams,
  start: SmoothingState,
): { predictions: number[]; state: SmoothingState } {
  const { alpha, beta, gamma } = params;
  const phi = spec.trend === "damped" ? params.phi : 1;
  const useTrend = spec.trend !== "none";
  const seasonal = spec.season !== "none";
  const multiplicative = spec.season === "multiplicative";
  let level = start.level;
  let trend = start.trend;
  const season = [...start.season];
  const m = season.length;
  const predictions = new Array<number>(y.length);
  for (let i = 0; i < y.length; i++) {
    const s = seasonal ? season[i % m]! : multiplicative ? 1 : 0;
    const base = level + (useTrend ? phi * trend : 0);
    predictions[i] = multiplicative ? base * s : base + s;
    const value = y[i]!;
    const newLevel = multiplicative
      ? (alpha * value) / s + (1 - alpha) * base
      : alpha * (value - (seasonal ? s : 0)) + (1 - alpha) * base;
    if (useTrend) trend = beta * (newLevel - level) + (1 - beta) * phi * trend;
    if (seasonal) {
      season[i % m] = multiplicative
        ? (gamma * value) / newLevel + (1 - gamma) * s
        : gamma * (value - newLevel) + (1 - gamma) * s;
    }
    level = newLevel;
  }
  // Rotate so that season[0] applies to the observation after the last one.
  const rotated = m === 0 ? [] : season.map((_, j) => season[(y.length + j) % m]!);
  return { predictions, state: { level, trend, season: rotated } };
}

/**
 * The one-step sum of squared errors of runSmoothing from index `from`, without building the predictions: the
 * optimiser calls this a few hundred times per fit, and allocation dominated the cost.
 */
export function smoothingSse(
  y: readonly number[],
  spec: SmoothingSpec,
  params: SmoothingParams,
  start: SmoothingState,
  from: number,
): number {
  const { alpha, beta, gamma } = params;
  const phi = spec.trend === "damped" ? params.phi : 1;
  const useTrend = spec.trend !== "none";
  const seasonal = spec.season !== "none";
  const multiplicative = spec.season === "multiplicative";
  let level = start.level;
  let trend = start.trend;
  const season = Float64Array.from(start.season);
  const m = season.length;
  let sse = 0;
  for (let i = 0; i < y.length; i++) {
    const slot = seasonal ? i % m : 0;
    const s = seasonal ? season[slot]! : multiplicative ? 1 : 0;
    const base = useTrend ? level + phi * trend : level;
    const value = y[i]!;
    const prediction = multiplicative ? base * s : base + s;
    if (i >= from) sse += (value - prediction) * (value - prediction);
    const newLevel = multiplicative
      ? (alpha * value) / s + (1 - alpha) * base
      : alpha * (value - s) + (1 - alpha) * base;
    if (useTrend) trend = beta * (newLevel - level) + (1 - beta) * phi * trend;
    if (seasonal) {
      season[slot] = multiplicative
        ? (gamma * value) / newLevel + (1 - gamma) * s
        : gamma * (value - newLevel) + (1 - gamma) * s;
    }
    level = newLevel;
  }
  return sse;
}

/** h-step point forecasts from a state: level + (phi + ... + phi^h) trend, then the season. */
export function forecastFromState(
  state: SmoothingState,
  spec: SmoothingSpec,
  phi: number,
  h: number,
): number[] {
  const damping = spec.trend === "damped" ? phi : 1;
  const out: number[] = [];
  let trendSum = 0;
  let power = 1;
  for (let j = 0; j < h; j++) {
    power *= damping;
    trendSum += power;
    const base = state.level + (spec.trend === "none" ? 0 : trendSum * state.trend);
    const m = state.season.length;
    if (spec.season === "none" || m === 0) out.push(base);
    else if (spec.season === "additive") out.push(base + state.season[j % m]!);
    else out.push(base * state.season[j % m]!);
  }
  return out;
}

/**
 * Var(h-step error) / sigma^2 for the additive error-correction form (Hyndman et al. 2008, class 1):
 * 1 + sum over j < h of c_j^2, c_j = alpha (1 + beta (phi + ... + phi^j)) + gamma (1 - alpha) [j divisible by m].
 * Used as an approximation for the multiplicative season too.
 */
export function smoothingVarianceFactor(spec: SmoothingSpec, params: SmoothingParams, h: number): number {
  const phi = spec.trend === "damped" ? params.phi : 1;
  let total = 1;
  let phiSum = 0;
  let power = 1;
  for (let j = 1; j < h; j++) {
    power *= phi;
    phiSum += power;
    const trendPart = spec.trend === "none" ? 0 : params.beta * phiSum;
    const seasonPart =
      spec.season !== "none" && j % spec.period === 0 ? params.gamma * (1 - params.alpha) : 0;
    const c = params.alpha * (1 + trendPart) + seasonPart;
    total += c * c;
  }
  return total;
}

function unpack(spec: SmoothingSpec, raw: readonly number[]): SmoothingParams {
  let k = 0;
  const alpha = raw[k++]!;
  const beta = spec.trend === "none" ? 0 : raw[k++]!;
  const gamma = spec.season === "none" ? 0 : raw[k++]!;
  const phi = spec.trend === "damped" ? PHI_MIN + (PHI_MAX - PHI_MIN) * raw[k++]! : 1;
  return { alpha, beta, gamma, phi };
}

/** Builds a fitted model from fixed parameters (exposed for known-answer tests). */
export function smoothingModel(
  y: readonly number[],
  spec: SmoothingSpec,
  params: SmoothingParams,
  name: string,
  start = initialState(y, spec),
): FittedModel | null {
  if (!start) return null;
  const { predictions, state } = runSmoothing(y, spec, params, start);
  const warmup = spec.season === "none" ? 1 : spec.period;
  return {
    method: name,
    oneStep: (series) => runSmoothing(series, spec, params, start).predictions,
    forecast: (h) => forecastFromState(state, spec, params.phi, h),
    sigma: residualSigma(y, predictions, warmup),
    varianceFactor: (h) => smoothingVarianceFactor(spec, params, h),
  };
}

/**
 * Exponential smoothing (simple, Holt, Holt-Winters additive or multiplicative, trend optionally damped) with its
 * parameters chosen by minimising the one-step sum of squared errors.
 */
export function exponentialSmoothing(trend: TrendKind, season: SeasonKind): ForecastMethod {
  const name = `ets(${trend},${season})`;
  return {
    name,
    fit(y, context) {
      const spec: SmoothingSpec = { trend, season, period: context.period };
      if (season !== "none" && context.period < 2) return null;
      if (season === "multiplicative" && y.some((v) => !(v > 0))) return null;
      const start = initialState(y, spec);
      if (!start) return null;
      const warmup = season === "none" ? 1 : spec.period;
      const dimensions =
        1 + (trend === "none" ? 0 : 1) + (season === "none" ? 0 : 1) + (trend === "damped" ? 1 : 0);
      const guess = [0.3, 0.05, 0.1, 0.9].slice(0, dimensions);
      const { params: raw } = minimizeInUnitBox(
        (p) => smoothingSse(y, spec, unpack(spec, p), start, warmup),
        guess,
        { maxEvaluations: 50 * dimensions, tolerance: 1e-6 },
      );
      return smoothingModel(y, spec, unpack(spec, raw), name, start);
    },
  };
}
