/** Small numeric helpers. Every function ignores nothing silently: callers filter NaN before calling. */

export function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? NaN : sum(values) / values.length;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Sum of squared differences over indexes where both are finite, and how many there were. */
export function squaredErrors(
  actual: readonly number[],
  predicted: readonly number[],
  from = 0,
): { sse: number; count: number } {
  let sse = 0;
  let count = 0;
  for (let i = from; i < actual.length; i++) {
    const e = actual[i]! - predicted[i]!;
    if (Number.isFinite(e)) {
      sse += e * e;
      count++;
    }
  }
  return { sse, count };
}

/** Root mean squared one-step error; 0 when there is nothing to measure. */
export function residualSigma(actual: readonly number[], predicted: readonly number[], from = 0): number {
  const { sse, count } = squaredErrors(actual, predicted, from);
  return count === 0 ? 0 : Math.sqrt(sse / count);
}

/** Ordinary least squares of y on x = 0..n-1: intercept and slope. */
export function linearTrend(y: readonly number[]): { intercept: number; slope: number } {
  const n = y.length;
  if (n === 0) return { intercept: NaN, slope: NaN };
  if (n === 1) return { intercept: y[0]!, slope: 0 };
  const xMean = (n - 1) / 2;
  const yMean = mean(y);
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (i - xMean) * (y[i]! - yMean);
    sxx += (i - xMean) ** 2;
  }
  const slope = sxy / sxx;
  return { intercept: yMean - slope * xMean, slope };
}

/** Sample autocorrelation at lags 1..maxLag (the biased estimator used by R's acf). */
export function autocorrelations(y: readonly number[], maxLag: number): number[] {
  const n = y.length;
  const m = mean(y);
  let c0 = 0;
  for (const v of y) c0 += (v - m) ** 2;
  const out: number[] = [];
  for (let lag = 1; lag <= maxLag; lag++) {
    let c = 0;
    for (let i = lag; i < n; i++) c += (y[i]! - m) * (y[i - lag]! - m);
    out.push(c0 === 0 ? 0 : c / c0);
  }
  return out;
}

/**
 * Inverse of the standard normal distribution function (Acklam's rational approximation, relative error below
 * 1.2e-9), for prediction-interval multipliers.
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile needs 0 < p < 1, got ${p}`);
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1)
    );
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  );
}
