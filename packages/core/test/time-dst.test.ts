import { describe, expect, it } from "vitest";
import type { OpeningHours } from "@cannasaas/db/schema";
import { TZDate } from "@date-fns/tz";
import {
  calendarDayIn,
  dayWindowIn,
  isOpenAt,
  metrcLocalDateTime,
  startOfDayIn,
  wallClock,
  wallClockIn,
} from "../src";

/**
 * Daylight saving in 2026, from the US rule (second Sunday of March, first Sunday of November, at 02:00 local):
 *   America/Los_Angeles  PST -8 -> PDT -7 on 2026-03-08 at 10:00Z;  PDT -7 -> PST -8 on 2026-11-01 at 09:00Z
 *   America/Denver       MST -7 -> MDT -6 on 2026-03-08 at 09:00Z;  MDT -6 -> MST -7 on 2026-11-01 at 08:00Z
 * The expected instants below are written from that rule, not computed by the code under test.
 */
const LA = "America/Los_Angeles";
const DENVER = "America/Denver";
const HOUR = 3_600_000;
const at = (iso: string) => new Date(iso);

describe("start and end of the local day across daylight-saving changes", () => {
  it.each([
    // zone, day, first instant of the day, first instant of the next day, hours in the day
    [LA, "2026-03-07", "2026-03-07T08:00:00Z", "2026-03-08T08:00:00Z", 24],
    [LA, "2026-03-08", "2026-03-08T08:00:00Z", "2026-03-09T07:00:00Z", 23],
    [LA, "2026-03-09", "2026-03-09T07:00:00Z", "2026-03-10T07:00:00Z", 24],
    [LA, "2026-11-01", "2026-11-01T07:00:00Z", "2026-11-02T08:00:00Z", 25],
    [LA, "2026-11-02", "2026-11-02T08:00:00Z", "2026-11-03T08:00:00Z", 24],
    [DENVER, "2026-03-08", "2026-03-08T07:00:00Z", "2026-03-09T06:00:00Z", 23],
    [DENVER, "2026-11-01", "2026-11-01T06:00:00Z", "2026-11-02T07:00:00Z", 25],
    [DENVER, "2026-12-31", "2026-12-31T07:00:00Z", "2027-01-01T07:00:00Z", 24],
  ] as const)("%s %s starts at %s and ends at %s (%i h)", (zone, day, start, end, hours) => {
    expect(startOfDayIn(day, zone).toISOString()).toBe(at(start).toISOString());
    const window = dayWindowIn(day, zone);
    expect(window.start.toISOString()).toBe(at(start).toISOString());
    expect(window.end.toISOString()).toBe(at(end).toISOString());
    expect((window.end.getTime() - window.start.getTime()) / HOUR).toBe(hours);
    // The last millisecond belongs to the day, the next one to the next day.
    expect(calendarDayIn(new Date(window.start.getTime() - 1), zone)).not.toBe(day);
    expect(calendarDayIn(window.start, zone)).toBe(day);
    expect(calendarDayIn(new Date(window.end.getTime() - 1), zone)).toBe(day);
    expect(calendarDayIn(window.end, zone)).not.toBe(day);
  });
});

describe("the daily purchase-limit window (orders count toward the store's local day)", () => {
  it("every instant of a 23-hour and a 25-hour day falls on that day, and no other instant does", () => {
    for (const [zone, day] of [
      [LA, "2026-03-08"],
      [LA, "2026-11-01"],
      [DENVER, "2026-03-08"],
      [DENVER, "2026-11-01"],
    ] as const) {
      const { start, end } = dayWindowIn(day, zone);
      let inside = 0;
      for (let t = start.getTime() - 3 * HOUR; t < end.getTime() + 3 * HOUR; t += 15 * 60_000) {
        const onDay = calendarDayIn(new Date(t), zone) === day;
        expect(onDay, `${zone} ${new Date(t).toISOString()}`).toBe(t >= start.getTime() && t < end.getTime());
        if (onDay) inside += 1;
      }
      expect(inside * 15).toBe((end.getTime() - start.getTime()) / 60_000);
    }
  });

  it("a late purchase on the 25-hour day still counts for that day; one after local midnight for the next", () => {
    // 23:30 PST on Sunday 1 November is 07:30Z on the 2nd; 00:30 PST on the 2nd is 08:30Z.
    expect(calendarDayIn(at("2026-11-02T07:30:00Z"), LA)).toBe("2026-11-01");
    expect(calendarDayIn(at("2026-11-02T08:30:00Z"), LA)).toBe("2026-11-02");
    // 23:30 MDT on Sunday 8 March is 05:30Z on the 9th.
    expect(calendarDayIn(at("2026-03-09T05:30:00Z"), DENVER)).toBe("2026-03-08");
    expect(calendarDayIn(at("2026-03-09T06:00:00Z"), DENVER)).toBe("2026-03-09");
  });
});

describe("wall clock around the gap and the overlap", () => {
  it("jumps from 01:59 to 03:00 when clocks go forward", () => {
    expect(wallClock(at("2026-03-08T09:59:00Z"), LA)).toEqual({ weekday: "sun", minutes: 119 });
    expect(wallClock(at("2026-03-08T10:00:00Z"), LA)).toEqual({ weekday: "sun", minutes: 180 });
    expect(wallClock(at("2026-03-08T08:59:00Z"), DENVER)).toEqual({ weekday: "sun", minutes: 119 });
    expect(wallClock(at("2026-03-08T09:00:00Z"), DENVER)).toEqual({ weekday: "sun", minutes: 180 });
  });

  it("reads 01:30 twice when clocks go back", () => {
    expect(wallClock(at("2026-11-01T08:30:00Z"), LA)).toEqual({ weekday: "sun", minutes: 90 });
    expect(wallClock(at("2026-11-01T09:30:00Z"), LA)).toEqual({ weekday: "sun", minutes: 90 });
    expect(wallClock(at("2026-11-01T07:30:00Z"), DENVER)).toEqual({ weekday: "sun", minutes: 90 });
    expect(wallClock(at("2026-11-01T08:30:00Z"), DENVER)).toEqual({ weekday: "sun", minutes: 90 });
  });

  it("METRC sale times are the facility's wall clock on both sides of each change", () => {
    expect(metrcLocalDateTime(at("2026-03-08T09:59:59Z"), LA)).toBe("2026-03-08T01:59:59");
    expect(metrcLocalDateTime(at("2026-03-08T10:00:00Z"), LA)).toBe("2026-03-08T03:00:00");
    expect(metrcLocalDateTime(at("2026-11-01T07:30:00Z"), DENVER)).toBe("2026-11-01T01:30:00");
    expect(metrcLocalDateTime(at("2026-11-01T08:30:00Z"), DENVER)).toBe("2026-11-01T01:30:00");
    expect(metrcLocalDateTime(at("2026-11-01T08:30:00Z"), LA)).toBe("2026-11-01T01:30:00");
    expect(metrcLocalDateTime(at("2026-11-01T09:30:00Z"), LA)).toBe("2026-11-01T01:30:00");
  });
});

describe("opening hours around the gap and the overlap (read on the wall clock)", () => {
  const every = (open: string, close: string): OpeningHours => {
    const hours = { open, close };
    return { mon: hours, tue: hours, wed: hours, thu: hours, fri: hours, sat: hours, sun: hours };
  };

  it("a store opening at 09:00 opens at 09:00 local time on both change days", () => {
    const daytime = every("09:00", "21:00");
    // 09:00 PDT on 8 March is 16:00Z (it was 17:00Z the day before, in PST).
    expect(isOpenAt(daytime, LA, at("2026-03-07T16:59:00Z"))).toBe(false);
    expect(isOpenAt(daytime, LA, at("2026-03-07T17:00:00Z"))).toBe(true);
    expect(isOpenAt(daytime, LA, at("2026-03-08T15:59:00Z"))).toBe(false);
    expect(isOpenAt(daytime, LA, at("2026-03-08T16:00:00Z"))).toBe(true);
    // 21:00 MST on 1 November is 04:00Z on the 2nd.
    expect(isOpenAt(daytime, DENVER, at("2026-11-02T03:59:00Z"))).toBe(true);
    expect(isOpenAt(daytime, DENVER, at("2026-11-02T04:00:00Z"))).toBe(false);
  });

  it("a late-night store closing at 02:30 closes at 03:00 when that half hour does not exist", () => {
    const lateNight = every("20:00", "02:30");
    expect(isOpenAt(lateNight, LA, at("2026-03-08T09:59:00Z"))).toBe(true); // 01:59 PST
    expect(isOpenAt(lateNight, LA, at("2026-03-08T10:00:00Z"))).toBe(false); // 03:00 PDT
    expect(isOpenAt(lateNight, DENVER, at("2026-03-08T08:59:00Z"))).toBe(true); // 01:59 MST
    expect(isOpenAt(lateNight, DENVER, at("2026-03-08T09:00:00Z"))).toBe(false); // 03:00 MDT
  });

  it("a late-night store closing at 01:30 is open through both 01:00-01:30 hours when clocks go back", () => {
    const lateNight = every("20:00", "01:30");
    expect(isOpenAt(lateNight, LA, at("2026-11-01T08:29:00Z"))).toBe(true); // 01:29 PDT
    expect(isOpenAt(lateNight, LA, at("2026-11-01T08:30:00Z"))).toBe(false); // 01:30 PDT
    expect(isOpenAt(lateNight, LA, at("2026-11-01T09:00:00Z"))).toBe(true); // 01:00 PST, the clock again
    expect(isOpenAt(lateNight, LA, at("2026-11-01T09:30:00Z"))).toBe(false); // 01:30 PST
    expect(isOpenAt(lateNight, DENVER, at("2026-11-01T08:15:00Z"))).toBe(true); // 01:15 MST
    expect(isOpenAt(lateNight, DENVER, at("2026-11-01T08:45:00Z"))).toBe(false); // 01:45 MST
  });
});

describe("wallClockIn (the fast wall clock pricing and opening hours read)", () => {
  it("agrees with the zone rules of @date-fns/tz at every 37th minute of 2026 in six zones", () => {
    const zones = [
      LA,
      DENVER,
      "America/New_York",
      "America/Phoenix",
      "Pacific/Honolulu",
      "America/Anchorage",
    ];
    const start = Date.parse("2026-01-01T00:00:00Z");
    const end = Date.parse("2027-01-01T00:00:00Z");
    let checked = 0;
    for (const zone of zones) {
      for (let ms = start; ms < end; ms += 37 * 60_000) {
        const local = new TZDate(ms, zone);
        const expected = { day: local.getDay() || 7, minute: local.getHours() * 60 + local.getMinutes() };
        const actual = wallClockIn(new Date(ms), zone);
        if (actual.day !== expected.day || actual.minute !== expected.minute)
          expect({ zone, at: new Date(ms).toISOString(), ...actual }).toEqual({
            zone,
            at: new Date(ms).toISOString(),
            ...expected,
          });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(80_000);
  });

  it("answers again within a minute from its last answer per zone, and moves on at the next minute", () => {
    const base = Date.parse("2026-11-01T08:59:00Z"); // 01:59 PDT, a minute before the clocks go back
    for (let ms = base; ms < base + 2 * 60_000; ms += 7_000) {
      for (const zone of [LA, "America/New_York", LA]) {
        const local = new TZDate(ms, zone);
        expect(wallClockIn(new Date(ms), zone)).toEqual({
          day: local.getDay() || 7,
          minute: local.getHours() * 60 + local.getMinutes(),
        });
      }
    }
    expect(wallClockIn(new Date(base + 59_999), LA).minute).toBe(60 + 59);
    expect(wallClockIn(new Date(base + 60_000), LA).minute).toBe(60); // 01:00 PST
  });

  it("reads midnight as minute 0 and Sunday as day 7, and refuses an unknown zone", () => {
    expect(wallClockIn(at("2026-03-08T08:00:00Z"), LA)).toEqual({ day: 7, minute: 0 }); // Sun 00:00 PST
    expect(wallClockIn(at("2026-03-09T06:59:00Z"), LA)).toEqual({ day: 7, minute: 23 * 60 + 59 }); // Sun 23:59 PDT
    expect(() => wallClockIn(at("2026-03-08T08:00:00Z"), "Mars/Olympus_Mons")).toThrow(RangeError);
  });
});
