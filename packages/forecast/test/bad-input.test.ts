import { describe, expect, it } from "vitest";
import { dateAtFrom, evaluateSeries, fillHistory, regularize } from "../src";
import { parseBacktestArgs } from "../scripts/backtest-args";
import { parseDateCell, parseNumberCell } from "../scripts/parse-csv-values";
import { seasonalSeries } from "./synthetic";

const monthly = dateAtFrom("2018-01-01", "month");
const yearly = [0.9, 0.85, 0.95, 1.1, 1.05, 1, 1.05, 1, 0.95, 1, 1.05, 1.1];

function expectNoNaN(result: ReturnType<typeof evaluateSeries>) {
  if (!result.ok) return;
  const { model, naive, seasonalNaive } = result.evaluation;
  for (const v of [model, naive, seasonalNaive]) expect(Number.isFinite(v)).toBe(true);
}

describe("backtesting messy series", () => {
  it("interpolates gaps and missing values inside the history and skips missing test points", () => {
    const y = seasonalSeries({ length: 60, level: 500, profile: yearly, sd: 10, seed: 5 });
    y[10] = NaN;
    y[11] = NaN;
    y[55] = NaN;
    const result = evaluateSeries(y, "month", monthly, { testPoints: 12, horizon: 1 });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.evaluation.filled).toBe(3);
    expect(result.evaluation.measured).toBe(11);
    expectNoNaN(result);
  });

  it("keeps zeros and negative refunds as values but measures percentages only on positive actuals", () => {
    const y = seasonalSeries({ length: 48, level: 200, profile: yearly, sd: 20, seed: 9 });
    y[40] = 0;
    y[42] = -35;
    y[20] = -10;
    const result = evaluateSeries(y, "month", monthly, { testPoints: 12, horizon: 1 });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.evaluation.measured).toBe(10);
    expectNoNaN(result);
  });

  it("refuses a series too short for a season of training, saying how many periods it needs", () => {
    const result = evaluateSeries([5, 6, 7, 8, 9], "month", monthly, { testPoints: 3, horizon: 1 });
    expect(result).toEqual({
      ok: false,
      reason: "5 period(s); needs at least 17 (14 to train before 3 test points)",
    });
  });

  it("refuses a series whose test points are all zero, instead of dividing by zero", () => {
    const y = [...seasonalSeries({ length: 30, level: 50, profile: yearly, sd: 1, seed: 2 }), 0, 0, 0];
    const result = evaluateSeries(y, "month", monthly, { testPoints: 3, horizon: 1 });
    expect(result.ok).toBe(false);
  });

  it("refuses a series without numbers", () => {
    expect(
      evaluateSeries([NaN, NaN], "day", dateAtFrom("2024-01-01", "day"), { testPoints: 1, horizon: 1 }),
    ).toEqual({
      ok: false,
      reason: "no numeric values",
    });
  });

  it("fills a history's trailing gap with its last value, never with the future", () => {
    expect(fillHistory([1, NaN, 3, NaN, NaN])).toEqual([1, 2, 3, 3, 3]);
  });
});

describe("putting dated rows on a regular axis", () => {
  it("sums Connecticut's month-end partial weeks into their Saturday week and drops an unfinished last week", () => {
    const series = regularize(
      [
        { date: "2023-01-21", value: 100 },
        { date: "2023-01-28", value: 110 },
        { date: "2023-01-31", value: 40 }, // Tuesday: Sunday to Tuesday of the week ending 2023-02-04
        { date: "2023-02-04", value: 60 }, // Wednesday to Saturday of that week
        { date: "2023-02-07", value: 30 }, // the data stop on a Tuesday
      ],
      "week",
      6,
    )!;
    expect(series.start).toBe("2023-01-21");
    expect(series.values).toEqual([100, 110, 100]);
    expect(series.droppedPartialWeek).toBe(true);
  });

  it("leaves a missing month as NaN", () => {
    const series = regularize(
      [
        { date: "2024-01-01", value: 1 },
        { date: "2024-03-01", value: 3 },
      ],
      "month",
    )!;
    expect(series.values).toEqual([1, NaN, 3]);
    expect(series.dateAt(1)).toBe("2024-02-01");
  });
});

describe("the command line", () => {
  it("reads the documented flags", () => {
    expect(
      parseBacktestArgs([
        "sales.csv",
        "--series",
        "county_name,sales_type",
        "--time",
        "monthyear",
        "--value",
        "amount",
        "--freq",
        "month",
        "--horizon",
        "1",
        "--test-points",
        "12",
      ]),
    ).toEqual({
      file: "sales.csv",
      series: ["county_name", "sales_type"],
      time: "monthyear",
      values: ["amount"],
      frequency: "month",
      horizon: 1,
      testPoints: 12,
    });
  });

  it("says what is wrong with bad arguments", () => {
    const base = ["f.csv", "--series", "-", "--time", "t", "--value", "v"];
    expect(() => parseBacktestArgs([...base, "--freq", "year", "--test-points", "3"])).toThrow(
      /--freq must be/,
    );
    expect(() => parseBacktestArgs([...base, "--freq", "day", "--test-points", "0"])).toThrow(
      /--test-points/,
    );
    expect(() => parseBacktestArgs([...base, "--freq", "day"])).toThrow(/--test-points is required/);
    expect(() => parseBacktestArgs(["--freq", "day"])).toThrow(/exactly one CSV/);
  });

  it("reads dates and numbers the way spreadsheets write them", () => {
    expect(parseDateCell("01/31/2023")).toBe("2023-01-31");
    expect(parseDateCell("202412")).toBe("2024-12-01");
    expect(parseDateCell("2024-02-30")).toBeNull();
    expect(parseDateCell("soon")).toBeNull();
    expect(parseNumberCell("$1,234.50")).toBe(1234.5);
    expect(parseNumberCell("(12)")).toBe(-12);
    expect(parseNumberCell("")).toBeNaN();
    expect(parseNumberCell("n/a")).toBeNaN();
  });
});
