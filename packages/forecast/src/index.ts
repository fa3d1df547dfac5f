export * from "./types";
export * from "./stats";
export * from "./calendar";
export { calendarAdjustment, estimateEventEffects, withCalendar } from "./calendar-effects";
export { naive, seasonalNaive } from "./methods/naive";
export { tradingDayNaive, tradingDayWeights } from "./methods/trading-day-naive";
export { exponentialSmoothing, smoothingModel, initialState } from "./methods/exponential-smoothing";
export { theta, thetaModel } from "./methods/theta";
export { croston, tsb, crostonModel, tsbModel, isIntermittent } from "./methods/croston";
export { rollingOrigin, mape, type BacktestPoint } from "./backtest";
export { selectMethod, autoMethod, validationLength } from "./select";
export { candidatesFor, BASELINES } from "./candidates";
export { forecastDemand, withIntervals } from "./forecast";
export {
  regularize,
  interpolateGaps,
  periodOf,
  dateAtFrom,
  seasonLength,
  type RegularSeries,
} from "./series";
export { evaluateSeries, fillHistory, type SeriesEvaluation, type EvaluationResult } from "./evaluate";
export { reorderPlan, type ReorderInput, type ReorderPlan } from "./reorder";
