import { describe, expect, it } from "vitest";
import type { OpeningHours } from "@cannasaas/db/schema";
import { closuresAhead, hoursOn, isOpenAt, wallClock } from "../src";

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
        closedFor: null,
      },
    );
  });
});

describe("closed days", () => {
  const late = week(day("20:00", "02:00"));
  const christmas = { date: "2026-12-25", name: "Christmas" };

  it("is closed all day on a closed day, including the hours that would run past midnight", () => {
    // 2026-12-25 21:00 PST is 05:00Z on the 26th; 01:00 PST on the 26th is 09:00Z.
    expect(isOpenAt(late, LA, new Date("2026-12-26T05:00:00Z"))).toBe(true);
    expect(isOpenAt(late, LA, new Date("2026-12-26T05:00:00Z"), [christmas])).toBe(false);
    expect(isOpenAt(late, LA, new Date("2026-12-26T09:00:00Z"), [christmas])).toBe(false);
    // The evening of the 26th opens as usual.
    expect(isOpenAt(late, LA, new Date("2026-12-27T04:30:00Z"), [christmas])).toBe(true);
  });

  it("names the closure in today's hours", () => {
    const noon = new Date("2026-12-25T20:00:00Z");
    expect(hoursOn(late, LA, noon, [christmas])).toEqual({
      weekday: "fri",
      hours: null,
      closedFor: "Christmas",
    });
    expect(hoursOn(late, LA, noon)).toEqual({
      weekday: "fri",
      hours: day("20:00", "02:00"),
      closedFor: null,
    });
  });

  it("lists the closures of the next two weeks on the store's calendar, soonest first", () => {
    const days = [
      { date: "2027-01-01", name: "New Year's Day" },
      christmas,
      { date: "2026-11-26", name: "Thanksgiving" },
      { date: "2027-01-20", name: "Inventory" },
    ];
    // 2026-12-20 23:30 PST is already the 21st in UTC: the store's day is the 20th.
    expect(closuresAhead(days, LA, new Date("2026-12-21T07:30:00Z")).map((c) => c.date)).toEqual([
      "2026-12-25",
      "2027-01-01",
    ]);
  });
});
