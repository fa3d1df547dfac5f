import { describe, expect, it } from "vitest";
import {
  crostonModel,
  exponentialSmoothing,
  initialState,
  naive,
  seasonalNaive,
  smoothingModel,
  thetaModel,
  tradingDayNaive,
  tsbModel,
  type SeriesContext,
} from "../src";
import { dateAtFrom } from "../src";

const plain: SeriesContext = { frequency: "day", period: 1 };

describe("naive and seasonal naive", () => {
  it("repeats the last value, with variance growing by h", () => {
    const model = naive.fit([3, 5, 4], plain)!;
    expect(model.forecast(3)).toEqual([4, 4, 4]);
    expect(model.oneStep([3, 5, 4]).slice(1)).toEqual([3, 5]);
    // Residuals 2 and -1: sigma = sqrt((4 + 1) / 2).
    expect(model.sigma).toBeCloseTo(Math.sqrt(2.5), 12);
    expect(model.varianceFactor(4)).toBe(4);
  });

  it("repeats last season, and needs a full season", () => {
    const context = { frequency: "day", period: 3 } as const;
    const model = seasonalNaive.fit([1, 2, 3, 4, 5, 6, 7], context)!;
    expect(model.forecast(4)).toEqual([5, 6, 7, 5]);
    expect(model.varianceFactor(4)).toBe(2);
    expect(seasonalNaive.fit([1, 2], context)).toBeNull();
  });
});

describe("trading-day naive", () => {
  it("scales a month by its days: January's 310 over 31 days becomes 290 for a 29-day February", () => {
    const context: SeriesContext = {
      frequency: "month",
      period: 12,
      dateAt: dateAtFrom("2023-12-01", "month"),
    };
    // December 2023 (31 days), January 2024 (31 days); the next month is February 2024 (29 days).
    const model = tradingDayNaive.fit([300, 310], context)!;
    expect(model.forecast(2)).toEqual([290, 310]);
  });

  it("scales a day by its weekday's share: a Saturday that sells twice a Monday", () => {
    // Two weeks starting Sunday 2024-01-07: Saturdays sell 20, other days 10.
    const week = [10, 10, 10, 10, 10, 10, 20];
    const context: SeriesContext = { frequency: "day", period: 7, dateAt: dateAtFrom("2024-01-07", "day") };
    const model = tradingDayNaive.fit([...week, ...week, 10], context)!;
    // The history ends on a Sunday (10); the next Saturday is 6 days ahead.
    expect(model.forecast(6)[5]).toBeCloseTo(20, 10);
    expect(model.forecast(1)[0]).toBeCloseTo(10, 10);
  });
});

describe("exponential smoothing with fixed parameters (hand-computed)", () => {
  it("simple: alpha 0.5 over 10, 12, 11, 13", () => {
    const spec = { trend: "none", season: "none", period: 1 } as const;
    const model = smoothingModel([10, 12, 11, 13], spec, { alpha: 0.5, beta: 0, gamma: 0, phi: 1 }, "ses")!;
    expect(model.oneStep([10, 12, 11, 13])).toEqual([10, 10, 11, 11]);
    expect(model.forecast(2)).toEqual([12, 12]);
    // Var factor for SES: 1 + (h - 1) alpha^2.
    expect(model.varianceFactor(3)).toBeCloseTo(1.5, 12);
  });

  it("damped Holt: alpha 0.5, beta 0.5, phi 0.9 over 10, 12, 15", () => {
    const spec = { trend: "damped", season: "none", period: 1 } as const;
    const y = [10, 12, 15];
    expect(initialState(y, spec)).toEqual({ level: 10, trend: 2, season: [] });
    const model = smoothingModel(y, spec, { alpha: 0.5, beta: 0.5, gamma: 0, phi: 0.9 }, "holt")!;
    const steps = model.oneStep(y);
    expect(steps[0]).toBeCloseTo(11.8, 10);
    expect(steps[1]).toBeCloseTo(12.115, 10);
    expect(steps[2]).toBeCloseTo(13.125125, 10);
    const [h1, h2] = model.forecast(2);
    expect(h1).toBeCloseTo(15.445271875, 10);
    expect(h2).toBeCloseTo(16.6897103125, 10);
  });

  it("additive Holt-Winters reproduces an exact trend plus season", () => {
    const season = [5, -3, 1, -3];
    const y = Array.from({ length: 16 }, (_, t) => 100 + 2 * t + season[t % 4]!);
    const model = exponentialSmoothing("additive", "additive").fit(y, { frequency: "month", period: 4 })!;
    const expected = [16, 17, 18, 19, 20].map((t) => 100 + 2 * t + season[t % 4]!);
    model.forecast(5).forEach((v, j) => expect(v).toBeCloseTo(expected[j]!, 6));
    expect(model.sigma).toBeLessThan(1e-9);
  });

  it("multiplicative Holt-Winters reproduces an exact seasonal ratio", () => {
    const factors = [1.2, 0.8, 1.1, 0.9];
    const y = Array.from({ length: 12 }, (_, t) => 50 * factors[t % 4]!);
    const model = exponentialSmoothing("none", "multiplicative").fit(y, { frequency: "month", period: 4 })!;
    model.forecast(4).forEach((v, j) => expect(v).toBeCloseTo(50 * factors[j]!, 8));
  });

  it("refuses multiplicative seasons on zero or negative values, and histories shorter than two seasons", () => {
    const context = { frequency: "month", period: 4 } as const;
    expect(exponentialSmoothing("none", "multiplicative").fit([1, 2, 0, 4, 5, 6, 7, 8], context)).toBeNull();
    expect(exponentialSmoothing("none", "additive").fit([1, 2, 3, 4, 5], context)).toBeNull();
  });

  it("fits alpha near 1 on a random walk and near 0 on noise around a constant", () => {
    const walk = [10, 14, 9, 15, 22, 18, 25, 31, 27, 35, 30, 38];
    const ses = exponentialSmoothing("none", "none");
    const walkFit = ses.fit(walk, plain)!;
    // A random walk is best forecast by its last value.
    expect(walkFit.forecast(1)[0]).toBeGreaterThan(33);
    const noisy = [50, 52, 48, 51, 49, 50, 53, 47, 50, 51, 49, 50];
    expect(ses.fit(noisy, plain)!.forecast(1)[0]).toBeCloseTo(50, 0);
  });
});

describe("theta (hand-computed, alpha 0.5 and level 1 fixed)", () => {
  it("is SES plus half the trend slope as drift", () => {
    const model = thetaModel([1, 2, 3, 4, 5], 1, { alpha: 0.5, level0: 1 })!;
    // SES level after 5 points: 4.0625. Slope 1, so drift(h) = 0.5 (h - 1 + (1 - 0.5^5) / 0.5).
    const [h1, h2] = model.forecast(2);
    expect(h1).toBeCloseTo(4.0625 + 0.96875, 12);
    expect(h2).toBeCloseTo(4.0625 + 1.46875, 12);
  });
});

describe("intermittent demand (hand-computed on 0 0 3 0 0 0 4 0 5)", () => {
  const y = [0, 0, 3, 0, 0, 0, 4, 0, 5];

  it("Croston: size 3.29 over interval 2.99, and the SBA correction", () => {
    expect(crostonModel(y, 0.1)!.forecast(1)[0]).toBeCloseTo(3.29 / 2.99, 12);
    expect(crostonModel(y, 0.1, true)!.forecast(1)[0]).toBeCloseTo((0.95 * 3.29) / 2.99, 12);
    // Croston only updates on a demand: predictions stay at 3/3 until the 4 arrives.
    expect(crostonModel(y, 0.1)!.oneStep(y).slice(3, 7)).toEqual([1, 1, 1, 1]);
  });

  it("TSB: the demand probability decays in every empty period", () => {
    const model = tsbModel(y, 0.1, 0.2)!;
    const steps = model.oneStep(y).slice(3);
    [1, 0.8, 0.64, 0.512, 1.0432533333333334, 0.8346026666666667].forEach((v, j) =>
      expect(steps[j]).toBeCloseTo(v, 12),
    );
    expect(model.forecast(1)[0]).toBeCloseTo(1.3666045866666667, 12);
  });

  it("has nothing to say about a series that never sold", () => {
    expect(crostonModel([0, 0, 0], 0.1)).toBeNull();
    expect(tsbModel([0, 0, 0], 0.1, 0.1)).toBeNull();
  });
});

describe("the optimiser's fast error sum", () => {
  it("equals the sum of squared one-step errors of the full recursion", async () => {
    const { smoothingSse, runSmoothing } = await import("../src/methods/exponential-smoothing");
    const y = [12, 15, 9, 14, 13, 17, 10, 15, 14, 19, 11, 16];
    for (const season of ["additive", "multiplicative"] as const) {
      const spec = { trend: "damped", season, period: 4 } as const;
      const params = { alpha: 0.3, beta: 0.1, gamma: 0.2, phi: 0.9 };
      const start = initialState(y, spec)!;
      const { predictions } = runSmoothing(y, spec, params, start);
      const expected = predictions.slice(4).reduce((t, p, i) => t + (y[i + 4]! - p) ** 2, 0);
      expect(smoothingSse(y, spec, params, start, 4)).toBeCloseTo(expected, 9);
    }
  });
});
