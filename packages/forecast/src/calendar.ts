/**
 * The cannabis retail calendar: the days that move demand, and the weekday make-up of a month. Dates are ISO
 * strings (YYYY-MM-DD) read as calendar days; nothing here depends on the server's time zone.
 */

export type CalendarEvent =
  "420" | "thanksgiving-eve" | "black-friday" | "july-4" | "new-years-eve" | "payday";

export const CALENDAR_EVENTS: readonly CalendarEvent[] = [
  "420",
  "thanksgiving-eve",
  "black-friday",
  "july-4",
  "new-years-eve",
  "payday",
];

const DAY_MS = 86_400_000;

export function parseIsoDate(iso: string): number {
  const ms = Date.parse(`${iso}T00:00:00Z`);
  if (Number.isNaN(ms)) throw new RangeError(`Not a date: ${iso}`);
  return ms;
}

export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  return isoDate(parseIsoDate(iso) + days * DAY_MS);
}

const weekdayCache = new Map<string, number>();

/** 0 = Sunday ... 6 = Saturday. */
export function weekday(iso: string): number {
  let day = weekdayCache.get(iso);
  if (day === undefined) {
    day = new Date(parseIsoDate(iso)).getUTCDay();
    if (weekdayCache.size > 50_000) weekdayCache.clear();
    weekdayCache.set(iso, day);
  }
  return day;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** US Thanksgiving: the fourth Thursday of November. */
export function thanksgiving(year: number): string {
  const firstWeekday = new Date(Date.UTC(year, 10, 1)).getUTCDay();
  const firstThursday = 1 + ((4 - firstWeekday + 7) % 7);
  return isoDate(Date.UTC(year, 10, firstThursday + 21));
}

const eventsCache = new Map<string, CalendarEvent[]>();

/** The demand-moving events that fall on one day (cached: forecasting asks about the same dates many times). */
export function eventsOn(iso: string): CalendarEvent[] {
  let events = eventsCache.get(iso);
  if (!events) {
    events = computeEventsOn(iso);
    if (eventsCache.size > 50_000) eventsCache.clear();
    eventsCache.set(iso, events);
  }
  return events;
}

function computeEventsOn(iso: string): CalendarEvent[] {
  const [year, month, day] = iso.split("-").map(Number) as [number, number, number];
  const events: CalendarEvent[] = [];
  if (month === 4 && day === 20) events.push("420");
  if (month === 7 && day === 4) events.push("july-4");
  if (month === 12 && day === 31) events.push("new-years-eve");
  if (day === 1 || day === 15) events.push("payday");
  if (month === 11) {
    const tg = thanksgiving(year);
    if (iso === addDays(tg, -1)) events.push("thanksgiving-eve");
    if (iso === addDays(tg, 1)) events.push("black-friday");
  }
  return events;
}

/** Events on any day of the 7 days ending on `weekEnd`. */
export function eventsInWeek(weekEnd: string): CalendarEvent[] {
  const found = new Set<CalendarEvent>();
  for (let d = 0; d < 7; d++) for (const e of eventsOn(addDays(weekEnd, -d))) found.add(e);
  return [...found];
}

/** How many Sundays, Mondays, ... Saturdays a month has (index 0 = Sunday): the trading-day make-up of the month. */
export function weekdayCounts(year: number, month: number): number[] {
  const counts = [4, 4, 4, 4, 4, 4, 4];
  const extra = daysInMonth(year, month) - 28;
  const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
  for (let i = 0; i < extra; i++) counts[(first + i) % 7]!++;
  return counts;
}
