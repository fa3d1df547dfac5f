import { holdoutError } from "./backtest";
import type { FittedModel, ForecastMethod, SeriesContext } from "./types";

export interface Selection {
  method: ForecastMethod;
  /** Mean absolute one-step error of each candidate on the validation stretch (NaN: it did not apply). */
  scores: Record<string, number>;
}

/** How many of the most recent points judge the candidates: a quarter of the history, one to two seasons. */
export function validationLength(n: number, period: number): number {
  const wanted = Math.max(8, Math.min(2 * period, 28));
  return Math.max(2, Math.min(Math.floor(n / 4), wanted));
}

/**
 * Chooses a series' method by a rolling-origin backtest on its own history: every candidate is fitted on all
 * but the last v points, then predicts each of those v points one step ahead from the actuals before it (its
 * parameters stay frozen, so nothing of the stretch it is judged on leaks into the fit). Lowest mean absolute
 * error wins; ties go to the earlier candidate, so list the simpler ones first.
 */
export function selectMethod(
  y: readonly number[],
  candidates: readonly ForecastMethod[],
  context: SeriesContext,
): Selection | null {
  const v = validationLength(y.length, context.period);
  const train = y.slice(0, y.length - v);
  const scores: Record<string, number> = {};
  let best: { method: ForecastMethod; score: number } | null = null;
  for (const method of candidates) {
    const fitted = method.fit(train, context);
    const score = fitted ? holdoutError(fitted, y, train.length) : NaN;
    scores[method.name] = score;
    if (Number.isFinite(score) && (!best || score < best.score)) best = { method, score };
  }
  return best ? { method: best.method, scores } : null;
}

/** A method that, each time it is fitted, picks among `candidates` on the history it is given and fits the winner. */
export function autoMethod(candidates: readonly ForecastMethod[], name = "auto"): ForecastMethod {
  return {
    name,
    fit(y, context): FittedModel | null {
      const selection = selectMethod(y, candidates, context);
      if (!selection) return null;
      const fitted = selection.method.fit(y, context);
      return fitted ? { ...fitted, method: selection.method.name } : null;
    },
  };
}
