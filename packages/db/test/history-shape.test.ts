import { describe, expect, it } from "vitest";
import { addDays, dailyOrderTargets, holidayFactor, readConnecticutWeekly } from "../src/seed/history-shape";
import { SEED_DATA_DIR } from "../src/seed/kushy";

const weeks = readConnecticutWeekly(new URL("ct-weekly-cannabis-sales.csv", SEED_DATA_DIR));

describe("demo history shape", () => {
  it("joins Connecticut's month-end partial weeks into whole weeks ending on Saturdays", () => {
    expect(weeks.length).toBe(169);
    expect(weeks.every((w) => new Date(`${w.weekEnding}T00:00:00Z`).getUTCDay() === 6)).toBe(true);
    // 01/28/2023 is a whole week; 01/31 and 02/04 are two parts of the week ending 02/04.
    const byDay = new Map(weeks.map((w) => [w.weekEnding, w.dollars]));
    expect(byDay.get("2023-01-28")).toBeCloseTo(4279453.86, 2);
    expect(byDay.get("2023-02-04")).toBeGreaterThan(1442128.48);
  });

  it("averages the requested orders a day and keeps Connecticut's week-to-week ratios", () => {
    const targets = dailyOrderTargets(weeks, "2026-11-28", 182, 20);
    const mean = targets.reduce((s, t) => s + t.expected, 0) / targets.length;
    expect(mean).toBeCloseTo(20, 6);
    // Two whole demo weeks (Sunday to Saturday) relate as their Connecticut weeks 52 weeks earlier do.
    const weekSum = (saturday: string) =>
      targets
        .filter((t) => t.day > addDays(saturday, -7) && t.day <= saturday)
        .reduce((s, t) => s + t.expected, 0);
    const ct = new Map(weeks.map((w) => [w.weekEnding, w.dollars]));
    const ratio = weekSum("2026-11-28") / weekSum("2026-10-03");
    expect(ratio).toBeCloseTo(ct.get(addDays("2026-11-28", -364))! / ct.get(addDays("2026-10-03", -364))!, 6);
  });

  it("puts the cannabis calendar's peaks on their days", () => {
    expect(holidayFactor("2026-04-20")).toBeGreaterThan(2);
    expect(holidayFactor("2026-11-25")).toBeGreaterThan(1); // the day before Thanksgiving (Nov 26, 2026)
    expect(holidayFactor("2026-11-27")).toBeGreaterThan(1); // Black Friday
    expect(holidayFactor("2026-11-26")).toBeLessThan(1);
    expect(holidayFactor("2026-03-11")).toBe(1);
    const targets = dailyOrderTargets(weeks, "2026-04-25", 14, 20);
    const at = (day: string) => targets.find((t) => t.day === day)!.expected;
    expect(at("2026-04-20")).toBeGreaterThan(1.5 * at("2026-04-13"));
    // Fridays and Saturdays outsell Mondays in an ordinary week.
    expect(at("2026-04-17")).toBeGreaterThan(at("2026-04-13"));
  });
});
