import { describe, expect, it } from "vitest";
import type { OpeningHours } from "@cannasaas/db/schema";
import { hoursOn, isOpenAt, wallClock } from "../src";

const day = (open: string, close: string) => ({ open, close });
const week = (
  hours: { open: string; close: string } | null,
  overrides: Partial<OpeningHours> = {},
): OpeningHours => ({
  mon: hours,
  tue: hours,
  wed: hours,
  thu: hours,
  fri: hours,
  sat: hours,
  sun: hours,
  ...overrides,
});
const LA = "America/Los_Angeles";
const NY = "America/New_York";

describe("isOpenAt", () => {
  const daytime = week(day("09:00", "21:00"), { sun: null });

  it("opens at the opening minute and closes at the closing minute, on the location's clock", () => {
    // 2026-03-04 is a Wednesday; Los Angeles is UTC-8 until 2026-03-08.
    expect(isOpenAt(daytime, LA, new Date("2026-03-04T16:59:00Z"))).toBe(false);
    expect(isOpenAt(daytime, LA, new Date("2026-03-04T17:00:00Z"))).toBe(true);
    expect(isOpenAt(daytime, LA, new Date("2026-03-05T04:59:00Z"))).toBe(true);
    expect(isOpenAt(daytime, LA, new Date("2026-03-05T05:00:00Z"))).toBe(false);
  });

  it("reads the same instant differently in different time zones", () => {
    const instant = new Date("2026-03-05T03:30:00Z"); // 19:30 in Los Angeles, 22:30 in New York
    expect(isOpenAt(daytime, LA, instant)).toBe(true);
    expect(isOpenAt(daytime, NY, instant)).toBe(false);
  });

  it("follows daylight saving time", () => {
    // 09:30 local: UTC-8 before 2026-03-08, UTC-7 after.
    expect(isOpenAt(daytime, LA, new Date("2026-03-06T17:30:00Z"))).toBe(true);
    expect(isOpenAt(daytime, LA, new Date("2026-03-09T16:30:00Z"))).toBe(true);
    expect(isOpenAt(daytime, LA, new Date("2026-03-09T15:30:00Z"))).toBe(false);
  });

  it("keeps a day that closes after midnight open into the next morning", () => {
    const late = week(null, { fri: day("20:00", "02:00") });
    // Friday 2026-03-06 23:00 and Saturday 01:30 in New York are open; Saturday 02:00 and later are not.
    expect(isOpenAt(late, NY, new Date("2026-03-07T04:00:00Z"))).toBe(true);
    expect(isOpenAt(late, NY, new Date("2026-03-07T06:30:00Z"))).toBe(true);
    expect(isOpenAt(late, NY, new Date("2026-03-07T07:00:00Z"))).toBe(false);
    // Thursday night is closed: only Friday's hours run past midnight.
    expect(isOpenAt(late, NY, new Date("2026-03-06T06:30:00Z"))).toBe(false);
  });

  it("treats equal times as open all day, 24:00 as the end of the day, and closed days as closed", () => {
    const allDay = week(day("00:00", "00:00"));
    expect(isOpenAt(allDay, LA, new Date("2026-03-04T08:00:00Z"))).toBe(true);
    expect(isOpenAt(week(day("10:00", "24:00")), LA, new Date("2026-03-05T07:59:00Z"))).toBe(true);
    expect(isOpenAt(daytime, LA, new Date("2026-03-08T20:00:00Z"))).toBe(false); // Sunday
    expect(isOpenAt(week(day("9am", "5pm")), LA, new Date("2026-03-04T20:00:00Z"))).toBe(false);
  });
});

describe("wall clock", () => {
  it("reads midnight as 0 minutes and gives today's hours", () => {
    expect(wallClock(new Date("2026-03-05T08:00:00Z"), LA)).toEqual({ weekday: "thu", minutes: 0 });
    expect(hoursOn(week(null, { thu: day("10:00", "18:00") }), LA, new Date("2026-03-05T20:00:00Z"))).toEqual(
      {
        weekday: "thu",
        hours: { open: "10:00", close: "18:00" },
      },
    );
  });
});
