import { autocorrelations, mean } from "./stats";

/**
 * Whether a series has a seasonal cycle worth removing: the autocorrelation at the seasonal lag exceeds the 90%
 * bound, the test R's forecast::thetaf uses before decomposing.
 */
export function hasSeasonality(y: readonly number[], period: number): boolean {
  if (period < 2 || y.length < 2 * period) return false;
  const acf = autocorrelations(y, period);
  let tail = 0;
  for (let k = 0; k < period - 1; k++) tail += acf[k]! ** 2;
  const bound = 1.645 * Math.sqrt((1 + 2 * tail) / y.length);
  return Math.abs(acf[period - 1]!) > bound;
}

/**
 * Classical multiplicative decomposition's seasonal indexes (R's decompose(type = "multiplicative")$figure):
 * the series over its centred moving average, averaged by position in the season, normalised to mean one.
 * Index j applies to positions i with i % period === j.
 */
export function multiplicativeSeasonalIndexes(y: readonly number[], period: number): number[] | null {
  const n = y.length;
  if (period < 2 || n < 2 * period || y.some((v) => !(v > 0))) return null;
  const even = period % 2 === 0;
  const half = Math.floor(period / 2);
  const ratios: number[][] = Array.from({ length: period }, () => []);
  for (let i = half; i < n - half; i++) {
    let total = 0;
    if (even) {
      total += 0.5 * y[i - half]! + 0.5 * y[i + half]!;
      for (let k = -half + 1; k < half; k++) total += y[i + k]!;
    } else {
      for (let k = -half; k <= half; k++) total += y[i + k]!;
    }
    ratios[i % period]!.push(y[i]! / (total / period));
  }
  if (ratios.some((r) => r.length === 0)) return null;
  const raw = ratios.map((r) => mean(r));
  const scale = mean(raw);
  return raw.map((v) => v / scale);
}
