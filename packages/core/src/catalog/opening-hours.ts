import type { ClosedDay, OpeningHours } from "@cannasaas/db/schema";
import { addDays, calendarDayIn, wallClockIn } from "../time";

export type Weekday = keyof OpeningHours;
/** Indexed like Date#getDay(): Sunday first. */
export const WEEKDAYS: readonly Weekday[] = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
/**
 * The weekday and minutes since midnight of an instant on the wall clock of a time zone (daylight saving from
 * the zone's rules: on the night clocks go back, 01:00-01:59 is read twice; on the night they go forward,
 * 02:00-02:59 is never read).
 */
export function wallClock(date: Date, timeZone: string): { weekday: Weekday; minutes: number } {
  if (Number.isNaN(date.getTime())) throw new RangeError(`Could not read the time in ${timeZone}`);
  const { day, minute } = wallClockIn(date, timeZone);
  const weekday = WEEKDAYS[day % 7];
  if (!weekday) throw new RangeError(`Could not read the time in ${timeZone}`);
  return { weekday, minutes: minute };
}

/** "09:30" -> 570; "24:00" is the end of the day. Anything else is NaN, which never matches. */
function toMinutes(time: string): number {
  const match = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(time);
  return match ? Number(match[1]) * 60 + Number(match[2]) : Number.NaN;
}

const previousDay = (day: Weekday) => WEEKDAYS[(WEEKDAYS.indexOf(day) + 6) % 7]!;

/** The closure on a store calendar day (YYYY-MM-DD), if the location is closed that whole day. */
export function closureOn(closedDays: readonly ClosedDay[] | undefined, day: string): ClosedDay | null {
  return closedDays?.find((c) => c.date === day) ?? null;
}

/** The closures from today (on the store's calendar) through `days` ahead, soonest first. */
export function closuresAhead(
  closedDays: readonly ClosedDay[],
  timeZone: string,
  now: Date,
  days = 14,
): ClosedDay[] {
  const today = calendarDayIn(now, timeZone);
  const last = addDays(today, days);
  return closedDays
    .filter((c) => c.date >= today && c.date <= last)
    .sort((a, b) => a.date.localeCompare(b.date));
}

/**
 * Whether a location is open at an instant, read on its own wall clock. A day whose closing time is not after
 * its opening time runs past midnight (20:00-02:00) and is open all day when the two are equal. A closed day
 * takes its hours away, including the part that would run past midnight into the next day.
 */
export function isOpenAt(
  hours: OpeningHours,
  timeZone: string,
  date: Date,
  closedDays: readonly ClosedDay[] = [],
): boolean {
  const { weekday, minutes } = wallClock(date, timeZone);
  const day = calendarDayIn(date, timeZone);
  const today = closureOn(closedDays, day) ? null : hours[weekday];
  if (today) {
    const [open, close] = [toMinutes(today.open), toMinutes(today.close)];
    if (close > open ? minutes >= open && minutes < close : minutes >= open) return true;
  }
  const yesterday = closureOn(closedDays, addDays(day, -1)) ? null : hours[previousDay(weekday)];
  if (yesterday) {
    const [open, close] = [toMinutes(yesterday.open), toMinutes(yesterday.close)];
    if (close <= open && minutes < close) return true;
  }
  return false;
}

/** Today's opening hours on the location's wall clock (null when closed all day), and the closure's name. */
export function hoursOn(
  hours: OpeningHours,
  timeZone: string,
  date: Date,
  closedDays: readonly ClosedDay[] = [],
) {
  const { weekday } = wallClock(date, timeZone);
  const closure = closureOn(closedDays, calendarDayIn(date, timeZone));
  return { weekday, hours: closure ? null : hours[weekday], closedFor: closure?.name ?? null };
}
