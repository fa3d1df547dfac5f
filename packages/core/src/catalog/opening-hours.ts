import { TZDate } from "@date-fns/tz";
import type { OpeningHours } from "@cannasaas/db/schema";

export type Weekday = keyof OpeningHours;
/** Indexed like Date#getDay(): Sunday first. */
export const WEEKDAYS: readonly Weekday[] = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
/**
 * The weekday and minutes since midnight of an instant on the wall clock of a time zone (daylight saving from
 * the zone's rules: on the night clocks go back, 01:00-01:59 is read twice; on the night they go forward,
 * 02:00-02:59 is never read).
 */
export function wallClock(date: Date, timeZone: string): { weekday: Weekday; minutes: number } {
  const local = new TZDate(date.getTime(), timeZone);
  const weekday = WEEKDAYS[local.getDay()];
  if (!weekday || Number.isNaN(local.getTime()))
    throw new RangeError(`Could not read the time in ${timeZone}`);
  return { weekday, minutes: local.getHours() * 60 + local.getMinutes() };
}

/** "09:30" -> 570; "24:00" is the end of the day. Anything else is NaN, which never matches. */
function toMinutes(time: string): number {
  const match = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(time);
  return match ? Number(match[1]) * 60 + Number(match[2]) : Number.NaN;
}

const previousDay = (day: Weekday) => WEEKDAYS[(WEEKDAYS.indexOf(day) + 6) % 7]!;

/**
 * Whether a location is open at an instant, read on its own wall clock. A day whose closing time is not after
 * its opening time runs past midnight (20:00-02:00) and is open all day when the two are equal.
 */
export function isOpenAt(hours: OpeningHours, timeZone: string, date: Date): boolean {
  const { weekday, minutes } = wallClock(date, timeZone);
  const today = hours[weekday];
  if (today) {
    const [open, close] = [toMinutes(today.open), toMinutes(today.close)];
    if (close > open ? minutes >= open && minutes < close : minutes >= open) return true;
  }
  const yesterday = hours[previousDay(weekday)];
  if (yesterday) {
    const [open, close] = [toMinutes(yesterday.open), toMinutes(yesterday.close)];
    if (close <= open && minutes < close) return true;
  }
  return false;
}

/** Today's opening hours on the location's wall clock (null when closed all day). */
export function hoursOn(hours: OpeningHours, timeZone: string, date: Date) {
  const { weekday } = wallClock(date, timeZone);
  return { weekday, hours: hours[weekday] };
}
