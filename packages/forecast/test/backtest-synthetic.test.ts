import { describe, expect, it } from "vitest";
import {
  BASELINES,
  autoMethod,
  candidatesFor,
  dateAtFrom,
  forecastDemand,
  mape,
  naive,
  rollingOrigin,
  seasonalNaive,
  selectMethod,
  type SeriesContext,
} from "../src";
import { seasonalSeries } from "./synthetic";

const weeklyShape = [0.8, 0.7, 0.75, 0.9, 1.2, 1.5, 1.15];

describe("rolling-origin backtest on series with a known season", () => {
  it("only ever fits on the history before each target", () => {
    const seen: number[] = [];
    const spy = {
      name: "spy",
      fit(y: readonly number[]) {
        seen.push(y.length);
        return naive.fit(y, { frequency: "day", period: 1 });
      },
    };
    const points = rollingOrigin([1, 2, 3, 4, 5, 6], spy, { frequency: "day", period: 1 }, { testPoints: 3 });
    expect(seen).toEqual([3, 4, 5]);
    expect(points.map((p) => [p.index, p.predicted])).toEqual([
      [3, 3],
      [4, 4],
      [5, 5],
    ]);
  });

  it("measures MAPE only where the actual is positive", () => {
    expect(
      mape([
        { index: 0, actual: 100, predicted: 90 },
        { index: 1, actual: 0, predicted: 5 },
        { index: 2, actual: -3, predicted: 1 },
        { index: 3, actual: 50, predicted: 60 },
      ]),
    ).toBeCloseTo(15, 12);
    expect(mape([{ index: 0, actual: 0, predicted: 1 }])).toBeNaN();
  });

  it("on a weekly-seasonal daily series, the selected model beats both baselines", () => {
    const y = seasonalSeries({ length: 200, level: 100, profile: weeklyShape, sd: 4, seed: 7 });
    const context: SeriesContext = { frequency: "day", period: 7, dateAt: dateAtFrom("2024-01-01", "day") };
    const options = { testPoints: 28 };
    const model = mape(rollingOrigin(y, autoMethod(candidatesFor(y.slice(0, 172))), context, options));
    const naiveMape = mape(rollingOrigin(y, naive, context, options));
    const seasonalMape = mape(rollingOrigin(y, seasonalNaive, context, options));
    expect(seasonalMape).toBeLessThan(naiveMape);
    expect(model).toBeLessThan(seasonalMape);
    // Noise of 4 on about 100: a model that has the season should be near 4% error, not 20%.
    expect(model).toBeLessThan(6);
  });

  it("on a trending monthly series with a yearly season, it picks a seasonal smoother with a trend", () => {
    const yearly = [0.9, 0.85, 0.95, 1.1, 1.05, 1, 1.05, 1, 0.95, 1, 1.05, 1.1];
    const y = seasonalSeries({ length: 72, level: 1000, profile: yearly, trend: 8, sd: 10, seed: 3 });
    const context: SeriesContext = { frequency: "month", period: 12 };
    const selection = selectMethod(y, candidatesFor(y), context)!;
    expect(selection.method.name).toMatch(/^ets\((additive|damped),(additive|multiplicative)\)/);
    // Every baseline was scored, and lost.
    for (const baseline of BASELINES) {
      const score = selection.scores[baseline.name];
      if (score !== undefined && Number.isFinite(score)) {
        expect(score).toBeGreaterThan(selection.scores[selection.method.name]!);
      }
    }
  });

  it("sends an intermittent slow mover to Croston/TSB or a baseline, never to Holt-Winters", () => {
    const y = Array.from({ length: 120 }, (_, i) => (i % 5 === 0 ? 2 : i % 11 === 0 ? 1 : 0));
    const names = candidatesFor(y).map((m) => m.name);
    expect(names).toContain("tsb");
    expect(names).toContain("croston-sba");
    expect(names.some((n) => n.startsWith("ets"))).toBe(false);
  });
});

describe("demand forecasts with prediction intervals", () => {
  it("gives 1 to 8 weeks of daily forecasts, intervals that widen and never go below zero", () => {
    const y = seasonalSeries({ length: 365, level: 12, profile: weeklyShape, sd: 3, seed: 11 }).map((v) =>
      Math.max(0, Math.round(v)),
    );
    const context: SeriesContext = { frequency: "day", period: 7, dateAt: dateAtFrom("2025-01-01", "day") };
    const forecast = forecastDemand(y, context, { horizon: 56, level: 0.9 })!;
    expect(forecast.mean).toHaveLength(56);
    for (let j = 0; j < 56; j++) {
      expect(forecast.lower[j]).toBeGreaterThanOrEqual(0);
      expect(forecast.lower[j]).toBeLessThanOrEqual(forecast.mean[j]!);
      expect(forecast.upper[j]).toBeGreaterThan(forecast.mean[j]!);
      expect(Number.isFinite(forecast.upper[j]!)).toBe(true);
    }
    // The weekly shape survives into the forecast: the Friday-like peak beats the Monday-like trough.
    const weekSums = [0, 1, 2, 3, 4, 5, 6].map((d) => forecast.mean[d]!);
    expect(Math.max(...weekSums) / Math.min(...weekSums)).toBeGreaterThan(1.5);
    const width = (j: number) => forecast.upper[j]! - forecast.lower[j]!;
    expect(width(55)).toBeGreaterThanOrEqual(width(0));
  });

  it("covers about the promised share of outcomes on a known process", () => {
    // Level 50, noise sd 5: an 80% interval should hold roughly 80% of the next values.
    let inside = 0;
    const trials = 60;
    for (let seed = 1; seed <= trials; seed++) {
      const y = seasonalSeries({ length: 101, level: 50, profile: [1], sd: 5, seed });
      const forecast = forecastDemand(
        y.slice(0, 100),
        { frequency: "day", period: 7 },
        { horizon: 1, level: 0.8 },
      )!;
      if (y[100]! >= forecast.lower[0]! && y[100]! <= forecast.upper[0]!) inside++;
    }
    expect(inside / trials).toBeGreaterThan(0.65);
    expect(inside / trials).toBeLessThan(0.95);
  });
});
