import { TZDate } from "@date-fns/tz";
import { startOfDay } from "date-fns";

/**
 * Calendar days and wall clocks in a store's time zone, through `@date-fns/tz`: the library reads the zone rules
 * (daylight saving included), so nothing here computes an offset by hand. Days are `YYYY-MM-DD` strings.
 */

/**
 * One cached Intl formatter per zone: checkout asks for the day of every pickup time it could offer (a few
 * hundred a checkout), where a zoned date-fns format for each took longer than all of checkout's SQL.
 */
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar day (YYYY-MM-DD) of an instant in a time zone: daily limits and reports use the store's day. */
export function calendarDayIn(at: Date, timeZone: string): string {
  let formatter = dayFormats.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
    dayFormats.set(timeZone, formatter);
  }
  let year = "";
  let month = "";
  let day = "";
  for (const part of formatter.formatToParts(at)) {
    if (part.type === "year") year = part.value.padStart(4, "0");
    else if (part.type === "month") month = part.value;
    else if (part.type === "day") day = part.value;
  }
  return `${year}-${month}-${day}`;
}

/** The calendar day `days` after a YYYY-MM-DD day (negative for before); calendar arithmetic, no time zone. */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Whole years between a YYYY-MM-DD birth date and a calendar day (YYYY-MM-DD) in the relevant time zone. */
export function ageOn(dateOfBirth: string, onDay: string): number {
  const [by, bm, bd] = dateOfBirth.split("-").map(Number) as [number, number, number];
  const [y, m, d] = onDay.split("-").map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** The instant a calendar day (YYYY-MM-DD) begins in a time zone, e.g. for "from" and "to" date filters. */
export function startOfDayIn(day: string, timeZone: string): Date {
  return localMidnight(day, 0, timeZone);
}

/** Midnight `days` after a calendar day, in the zone (TZDate rolls months and years over like Date). */
function localMidnight(day: string, days: number, timeZone: string): Date {
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  // startOfDay lands on the day's first instant even where daylight saving skips midnight (America/Santiago).
  return new Date(startOfDay(new TZDate(year, month - 1, date + days, timeZone)).getTime());
}

/**
 * The instants [start, end) of a calendar day in a time zone: 24 hours long, or 23 and 25 on the days clocks
 * change. The daily purchase limit counts the orders whose `localDay` is the day, i.e. placed in this window.
 */
export function dayWindowIn(day: string, timeZone: string): { start: Date; end: Date } {
  return { start: localMidnight(day, 0, timeZone), end: localMidnight(day, 1, timeZone) };
}

const lastWallClock = new Map<string, { utcMinute: number; day: number; minute: number }>();
const wallClockFormats = new Map<string, Intl.DateTimeFormat>();
const ISO_WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/**
 * ISO day of week (1 = Monday) and minute of day of an instant on a time zone's wall clock. One cached Intl
 * formatter per zone, and the last answer per zone for its UTC minute: pricing asks this for every promotion
 * on every menu card, all at the same instant, and formatting each time was still a twentieth of the menu
 * page's server time. A UTC minute is one wall-clock minute in every zone (offsets are whole minutes).
 */
export function wallClockIn(at: Date, timeZone: string): { day: number; minute: number } {
  const utcMinute = Math.floor(at.getTime() / 60_000);
  const last = lastWallClock.get(timeZone);
  if (last?.utcMinute === utcMinute) return { day: last.day, minute: last.minute };
  let formatter = wallClockFormats.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      weekday: "short",
      hour: "numeric",
      minute: "numeric",
      hourCycle: "h23",
    });
    wallClockFormats.set(timeZone, formatter);
  }
  let day = 0;
  let hour = 0;
  let minute = 0;
  for (const part of formatter.formatToParts(at)) {
    if (part.type === "weekday") day = ISO_WEEKDAYS[part.value] ?? 0;
    else if (part.type === "hour") hour = Number(part.value) % 24;
    else if (part.type === "minute") minute = Number(part.value);
  }
  lastWallClock.set(timeZone, { utcMinute, day, minute: hour * 60 + minute });
  return { day, minute: hour * 60 + minute };
}
