/**
 * The buckets of the weekly item rollup (`sales_weekly_items`): calendar weeks from Monday, cut at the 1st of a
 * month, so each bucket lies inside one week and one month. Pure calendar arithmetic on store days (YYYY-MM-DD);
 * the rollup rebuild in the db package states the same rule in SQL.
 */
const DAY_MS = 86_400_000;
const ms = (day: string) => Date.parse(`${day}T00:00:00Z`);
const dayAt = (t: number) => new Date(t).toISOString().slice(0, 10);
const monthStart = (day: string) => `${day.slice(0, 7)}-01`;
/** Days since that day's Monday: 0 for Monday, 6 for Sunday. */
const sinceMonday = (day: string) => (new Date(ms(day)).getUTCDay() + 6) % 7;

/** The first day of the bucket a store day falls in: its Monday, or the 1st of its month if that is later. */
export function itemWeekOf(day: string): string {
  const monday = dayAt(ms(day) - sinceMonday(day) * DAY_MS);
  const first = monthStart(day);
  return monday > first ? monday : first;
}

/** Whether a bucket starts on this day: a Monday or the 1st of a month. */
export const startsItemWeek = (day: string) => sinceMonday(day) === 0 || day.endsWith("-01");

/** The first bucket start on or after a day (at most six days later). */
export function itemWeekOnOrAfter(day: string): string {
  let d = day;
  while (!startsItemWeek(d)) d = dayAt(ms(d) + DAY_MS);
  return d;
}
