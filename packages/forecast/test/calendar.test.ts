import { describe, expect, it } from "vitest";
import {
  dateAtFrom,
  estimateEventEffects,
  eventsInWeek,
  eventsOn,
  thanksgiving,
  weekdayCounts,
  withCalendar,
  naive,
  type SeriesContext,
} from "../src";

describe("the cannabis calendar", () => {
  it("puts Thanksgiving on the fourth Thursday of November", () => {
    expect(thanksgiving(2024)).toBe("2024-11-28");
    expect(thanksgiving(2025)).toBe("2025-11-27");
    expect(thanksgiving(2026)).toBe("2026-11-26");
  });

  it("names the days that move demand", () => {
    expect(eventsOn("2025-04-20")).toEqual(["420"]);
    expect(eventsOn("2025-11-26")).toEqual(["thanksgiving-eve"]);
    expect(eventsOn("2025-11-28")).toEqual(["black-friday"]);
    expect(eventsOn("2025-07-04")).toEqual(["july-4"]);
    expect(eventsOn("2025-12-31")).toEqual(["new-years-eve"]);
    expect(eventsOn("2025-03-15")).toEqual(["payday"]);
    expect(eventsOn("2025-07-01")).toEqual(["payday"]);
    expect(eventsOn("2025-03-16")).toEqual([]);
  });

  it("finds the events inside a week ending on a Saturday", () => {
    // 2025-04-20 is a Sunday: it belongs to the week ending Saturday 2025-04-26.
    expect(eventsInWeek("2025-04-26")).toContain("420");
    expect(eventsInWeek("2025-04-19")).not.toContain("420");
    expect(eventsInWeek("2025-11-29")).toEqual(expect.arrayContaining(["thanksgiving-eve", "black-friday"]));
  });

  it("counts each weekday in a month", () => {
    // February 2024 starts on a Thursday and has 29 days: five Thursdays.
    expect(weekdayCounts(2024, 2)).toEqual([4, 4, 4, 4, 5, 4, 4]);
    // March 2025 starts on a Saturday, 31 days: five Saturdays, Sundays and Mondays.
    expect(weekdayCounts(2025, 3)).toEqual([5, 5, 4, 4, 4, 4, 5]);
    expect(weekdayCounts(2023, 2).reduce((a, b) => a + b, 0)).toBe(28);
  });
});

describe("calendar effects", () => {
  // Three years of a flat 100 a day, with 4/20 selling 300.
  const start = "2022-01-01";
  const dateAt = dateAtFrom(start, "day");
  const context: SeriesContext = { frequency: "day", period: 7, dateAt };
  const y = Array.from({ length: 3 * 365 }, (_, i) => (dateAt(i).endsWith("-04-20") ? 300 : 100));

  it("learns the 4/20 multiplier from past 4/20s, shrunk by n / (n + 1)", () => {
    const effects = estimateEventEffects(y, context);
    expect(effects.get("420")).toBeCloseTo(3 ** (3 / 4), 10);
    // Paydays sell like any day here, so their effect is none.
    expect(effects.get("payday")).toBeCloseTo(1, 10);
  });

  it("multiplies the next 4/20 back into a forecast", () => {
    const model = withCalendar(naive).fit(y, context)!;
    const horizon = 200;
    const forecast = model.forecast(horizon);
    const dayOf420 = Array.from({ length: horizon }, (_, j) => dateAt(y.length + j)).indexOf("2025-04-20");
    expect(dayOf420).toBeGreaterThan(0);
    expect(forecast[dayOf420]).toBeCloseTo(100 * 3 ** (3 / 4), 6);
    expect(forecast[dayOf420 + 2]).toBeCloseTo(100, 6);
  });
});
