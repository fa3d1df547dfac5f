import { describe, expect, it } from "vitest";
import { ageOn, calendarDay, isValidIsoDate } from "../src/age";

describe("ageOn", () => {
  it.each([
    // [date of birth, day, expected age]
    ["2005-06-15", "2026-06-14", 20], // day before the 21st birthday
    ["2005-06-15", "2026-06-15", 21], // on the birthday
    ["2005-06-15", "2026-06-16", 21], // day after
    ["2005-06-15", "2026-05-31", 20], // earlier month, later day
    ["2005-06-15", "2026-07-01", 21], // later month, earlier day
    ["2005-12-31", "2026-12-31", 21],
    ["2005-01-01", "2025-12-31", 20],
    ["2026-01-01", "2026-01-01", 0],
    ["2026-01-02", "2026-01-01", -1], // born "tomorrow": negative, so callers can reject it
  ])("born %s, on %s: age %i", (dob, day, expected) => {
    expect(ageOn(dob, day)).toBe(expected);
  });

  it("treats a 29 February birthday as passed only from 1 March in common years", () => {
    expect(ageOn("2004-02-29", "2025-02-28")).toBe(20);
    expect(ageOn("2004-02-29", "2025-03-01")).toBe(21);
    // In a leap year the birthday exists.
    expect(ageOn("2004-02-29", "2024-02-28")).toBe(19);
    expect(ageOn("2004-02-29", "2024-02-29")).toBe(20);
  });
});

describe("calendarDay", () => {
  it("gives the local date in the dispensary's time zone, not UTC", () => {
    const at = new Date("2026-03-01T06:30:00Z");
    expect(calendarDay(at, "UTC")).toBe("2026-03-01");
    expect(calendarDay(at, "America/Los_Angeles")).toBe("2026-02-28");
    expect(calendarDay(at, "America/New_York")).toBe("2026-03-01");
    expect(calendarDay(new Date("2026-03-01T04:59:00Z"), "America/New_York")).toBe("2026-02-28");
  });

  it("decides age at the local day boundary", () => {
    // Born 1 March 2005: 21 in UTC at this instant, but still 20 in Los Angeles where it is 28 February.
    const at = new Date("2026-03-01T06:30:00Z");
    expect(ageOn("2005-03-01", calendarDay(at, "UTC"))).toBe(21);
    expect(ageOn("2005-03-01", calendarDay(at, "America/Los_Angeles"))).toBe(20);
    expect(ageOn("2005-03-01", calendarDay(new Date("2026-03-01T08:00:00Z"), "America/Los_Angeles"))).toBe(
      21,
    );
  });
});

describe("isValidIsoDate", () => {
  it("accepts real dates and rejects impossible or malformed ones", () => {
    expect(isValidIsoDate("2004-02-29")).toBe(true);
    expect(isValidIsoDate("2001-02-29")).toBe(false);
    expect(isValidIsoDate("2001-02-30")).toBe(false);
    expect(isValidIsoDate("2001-13-01")).toBe(false);
    expect(isValidIsoDate("2001-2-3")).toBe(false);
    expect(isValidIsoDate("01/02/2001")).toBe(false);
  });
});
