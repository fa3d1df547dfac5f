import { describe, expect, it } from "vitest";
import { splitRange } from "../src/analytics/reports/item-sales";
import { itemWeekOf, itemWeekOnOrAfter } from "../src/analytics/rollups/item-weeks";

describe("weekly item buckets", () => {
  it("start on Monday, or on the 1st when a week began in the month before", () => {
    expect(itemWeekOf("2026-03-18")).toBe("2026-03-16"); // Wednesday
    expect(itemWeekOf("2026-03-16")).toBe("2026-03-16"); // Monday
    expect(itemWeekOf("2026-03-22")).toBe("2026-03-16"); // Sunday
    expect(itemWeekOf("2026-04-03")).toBe("2026-04-01"); // Friday of the week of Monday 2026-03-30
    expect(itemWeekOf("2026-03-31")).toBe("2026-03-30");
    expect(itemWeekOf("2026-01-02")).toBe("2026-01-01"); // the week of Monday 2025-12-29, across the new year
    expect(itemWeekOf("2025-12-31")).toBe("2025-12-29");
    expect(itemWeekOf("2024-02-29")).toBe("2024-02-26");
    expect(itemWeekOnOrAfter("2026-03-18")).toBe("2026-03-23");
    expect(itemWeekOnOrAfter("2026-03-30")).toBe("2026-03-30");
    expect(itemWeekOnOrAfter("2026-03-31")).toBe("2026-04-01");
  });
});

describe("splitting a report period into whole months, weekly buckets and edge days", () => {
  it("keeps a whole month as one month, and a period inside one month as buckets and days", () => {
    expect(splitRange({ from: "2026-02-01", to: "2026-02-28" })).toEqual({
      months: { from: "2026-02-01", to: "2026-02-01" },
      weeks: [],
      days: [],
    });
    // Thursday 5 March to Friday 20 March: the weeks of the 9th and the 16th (less the 21st and 22nd).
    expect(splitRange({ from: "2026-03-05", to: "2026-03-20" })).toEqual({
      months: null,
      weeks: [{ from: "2026-03-09", to: "2026-03-09" }],
      days: [
        { from: "2026-03-05", to: "2026-03-08" },
        { from: "2026-03-16", to: "2026-03-20" },
      ],
    });
    expect(splitRange({ from: "2026-03-10", to: "2026-03-12" })).toEqual({
      months: null,
      weeks: [],
      days: [{ from: "2026-03-10", to: "2026-03-12" }],
    });
  });

  it("reads whole months, then the weekly buckets of the partial months, then at most six days each side", () => {
    // Monday 2025-12-07 .. Sunday 2026-12-06: December 2025 from the 8th is buckets, December 2026 is one bucket
    // (Tuesday 1st to Sunday 6th) and Sunday 2025-12-07 is a loose day.
    expect(splitRange({ from: "2025-12-07", to: "2026-12-06" })).toEqual({
      months: { from: "2026-01-01", to: "2026-11-01" },
      weeks: [
        { from: "2025-12-08", to: "2025-12-29" },
        { from: "2026-12-01", to: "2026-12-01" },
      ],
      days: [{ from: "2025-12-07", to: "2025-12-07" }],
    });
    expect(splitRange({ from: "2024-01-01", to: "2024-02-29" })).toEqual({
      months: { from: "2024-01-01", to: "2024-02-01" },
      weeks: [],
      days: [],
    });
    expect(splitRange({ from: "2026-01-15", to: "2026-03-31" })).toEqual({
      months: { from: "2026-02-01", to: "2026-03-01" },
      weeks: [{ from: "2026-01-19", to: "2026-01-26" }],
      days: [{ from: "2026-01-15", to: "2026-01-18" }],
    });
  });

  it("runs weekly buckets across a month start when the period holds no whole month", () => {
    // Tuesday 20 January to Tuesday 10 February: buckets from Monday the 26th (cut at 1 February) to Monday 2
    // February, then the loose days of the week of the 9th.
    expect(splitRange({ from: "2026-01-20", to: "2026-02-10" })).toEqual({
      months: null,
      weeks: [{ from: "2026-01-26", to: "2026-02-02" }],
      days: [
        { from: "2026-01-20", to: "2026-01-25" },
        { from: "2026-02-09", to: "2026-02-10" },
      ],
    });
  });
});
