/**
 * `pnpm bench:forecast`: daily demand forecasts, 8 weeks ahead with 80% intervals, for 2,000 variants at 2
 * locations from one year of synthetic daily history each, against seasonal naive on the same series in the same
 * run as the baseline. No database: this measures the statistics, which is what scales with the catalogue.
 *
 * The synthetic catalogue is long-tailed like a real menu: a quarter of the series are steady sellers (a few to
 * forty units a day, a weekly shape, a 4/20 spike, payday bumps), the rest slow movers selling a unit or two on
 * some days (Poisson, 0.05 to 1.5 a day).
 */
import {
  dateAtFrom,
  forecastDemand,
  seasonalNaive,
  withIntervals,
  type SeriesContext,
} from "@cannasaas/forecast";
import { percentile } from "./stats";

const VARIANTS = Number(process.env.BENCH_VARIANTS ?? 2000);
const LOCATIONS = 2;
const DAYS = 365;
const HORIZON = 56;
const START = "2025-01-01";

function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function poisson(rate: number, random: () => number): number {
  const limit = Math.exp(-rate);
  let k = 0;
  let p = random();
  while (p > limit) {
    k++;
    p *= random();
  }
  return k;
}

const WEEK = [0.85, 0.7, 0.75, 0.85, 1.05, 1.45, 1.35];

function syntheticHistory(seed: number, dateAt: (i: number) => string): number[] {
  const random = seededRandom(seed);
  const steady = random() < 0.25;
  const rate = steady ? 3 + random() * 37 : 0.05 + random() * 1.45;
  const growth = (random() - 0.4) * 0.001;
  return Array.from({ length: DAYS }, (_, i) => {
    const date = dateAt(i);
    let mean = rate * (1 + growth * i);
    if (steady) {
      mean *= WEEK[new Date(`${date}T00:00:00Z`).getUTCDay()]!;
      if (date.endsWith("-04-20")) mean *= 3;
      if (date.endsWith("-01") || date.endsWith("-15")) mean *= 1.15;
    }
    return poisson(Math.max(mean, 0), random);
  });
}

/** Wall time, and the CPU time this process spent: on a shared machine the second is the honest one. */
function time<T>(work: () => T): { result: T; ms: number; cpuMs: number } {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = work();
  const used = process.cpuUsage(cpu);
  return { result, ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
}

const dateAt = dateAtFrom(START, "day");
const context: SeriesContext = { frequency: "day", period: 7, dateAt };
const series = Array.from({ length: VARIANTS * LOCATIONS }, (_, i) => syntheticHistory(i + 1, dateAt));

const baseline = time(() =>
  series.map((y) => withIntervals(seasonalNaive.fit(y, context)!, HORIZON, 0.8, { nonNegative: true })),
);
const perSeries: number[] = [];
const chosen = new Map<string, number>();
const full = time(() =>
  series.map((y) => {
    const one = time(() => forecastDemand(y, context, { horizon: HORIZON, level: 0.8 }));
    perSeries.push(one.ms);
    const method = one.result?.method ?? "none";
    chosen.set(method, (chosen.get(method) ?? 0) + 1);
    return one.result;
  }),
);

const failed = full.result.filter((f) => f === null || f.mean.some((v) => !Number.isFinite(v))).length;
console.log(
  `forecast: ${VARIANTS} variants x ${LOCATIONS} locations = ${series.length} series, ${DAYS} days each, ${HORIZON} days ahead`,
);
console.log(
  `  selected model    total ${(full.ms / 1000).toFixed(2)} s wall, ${(full.cpuMs / 1000).toFixed(2)} s CPU | per series p50 ${percentile(perSeries, 50).toFixed(2)} ms p95 ${percentile(perSeries, 95).toFixed(2)} ms p99 ${percentile(perSeries, 99).toFixed(2)} ms | ${(series.length / (full.ms / 1000)).toFixed(0)} series/s`,
);
console.log(
  `  seasonal naive    total ${(baseline.ms / 1000).toFixed(2)} s wall, ${(baseline.cpuMs / 1000).toFixed(2)} s CPU (baseline, same series)`,
);
console.log(
  `  ratio to baseline ${(full.ms / baseline.ms).toFixed(1)}x | under 10 s: ${full.ms < 10_000 ? "yes" : "no"} wall, ${full.cpuMs < 10_000 ? "yes" : "no"} CPU | series without a forecast: ${failed}`,
);
console.log(
  `  methods chosen: ${[...chosen]
    .sort((a, b) => b[1] - a[1])
    .map(([m, n]) => `${m} ${n}`)
    .join(", ")}`,
);
