import { describe, expect, it } from "vitest";
import { splitRange } from "../src/analytics/reports/item-sales";

describe("splitting a report period into whole months and edge days", () => {
  it("keeps a period inside one month as days, and a whole month as one month", () => {
    expect(splitRange({ from: "2026-03-05", to: "2026-03-20" })).toEqual({
      months: null,
      days: [{ from: "2026-03-05", to: "2026-03-20" }],
    });
    expect(splitRange({ from: "2026-02-01", to: "2026-02-28" })).toEqual({
      months: { from: "2026-02-01", to: "2026-02-01" },
      days: [],
    });
  });

  it("reads whole months from the month rollup and the loose days at each end", () => {
    expect(splitRange({ from: "2025-12-07", to: "2026-12-06" })).toEqual({
      months: { from: "2026-01-01", to: "2026-11-01" },
      days: [
        { from: "2025-12-07", to: "2025-12-31" },
        { from: "2026-12-01", to: "2026-12-06" },
      ],
    });
    expect(splitRange({ from: "2024-01-01", to: "2024-02-29" })).toEqual({
      months: { from: "2024-01-01", to: "2024-02-01" },
      days: [],
    });
    expect(splitRange({ from: "2026-01-15", to: "2026-03-31" })).toEqual({
      months: { from: "2026-02-01", to: "2026-03-01" },
      days: [{ from: "2026-01-15", to: "2026-01-31" }],
    });
  });

  it("keeps days spanning two partial months as days", () => {
    expect(splitRange({ from: "2026-01-20", to: "2026-02-10" })).toEqual({
      months: null,
      days: [{ from: "2026-01-20", to: "2026-02-10" }],
    });
  });
});
