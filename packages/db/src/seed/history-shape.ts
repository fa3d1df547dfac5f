/**
 * How many orders a demo store takes on each day of its history. The week-to-week level (seasonality, holiday
 * weeks, the market's trend) is Connecticut's real weekly retail sales (seed-data/ct-weekly-cannabis-sales.csv),
 * scaled to one store; within a week, days follow a weekday profile and the cannabis calendar's peaks, rescaled so
 * the week still adds up to Connecticut's figure. Pure and deterministic.
 */
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";

/** Connecticut's weeks, each as (Saturday it ends on, total adult-use + medical sales in dollars). */
export type WeeklySales = ReadonlyArray<{ weekEnding: string; dollars: number }>;

const DAY_MS = 86_400_000;
const toDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);
export const addDays = (day: string, days: number) => toDay(dayMs(day) + days * DAY_MS);

/**
 * Reads the Connecticut file. The state splits weeks at month ends (a row for 01/31 then one for 02/04), so each
 * row is assigned to the Saturday on or after its date and rows of one week are summed.
 */
export function readConnecticutWeekly(file: URL): WeeklySales {
  const rows = parse<Record<string, string>>(readFileSync(file, "utf8"), {
    columns: true,
    skip_empty_lines: true,
  });
  const weeks = new Map<string, number>();
  for (const row of rows) {
    const [m, d, y] = (row["Week Ending"] ?? "").split("/").map(Number);
    const dollars = Number(row["Total Adult-Use and Medical Sales"]);
    if (!m || !d || !y || !Number.isFinite(dollars)) continue;
    const ms = Date.UTC(y, m - 1, d);
    const saturday = toDay(ms + ((6 - new Date(ms).getUTCDay() + 7) % 7) * DAY_MS);
    weeks.set(saturday, (weeks.get(saturday) ?? 0) + dollars);
  }
  return [...weeks]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([weekEnding, dollars]) => ({ weekEnding, dollars }));
}

/**
 * Relative busyness by weekday (Sunday first): Friday and Saturday are a dispensary's busiest days, early week the
 * quietest. An assumption (Connecticut publishes weeks only), stated here; it sums to 7.
 */
export const WEEKDAY_PROFILE = [0.85, 0.85, 0.85, 0.95, 1.0, 1.25, 1.25] as const;

/** Cannabis-calendar days that sell above their weekday (4/20, Thanksgiving Eve, Black Friday, July 3, New Year's Eve). */
export function holidayFactor(day: string): number {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  if (m === 4 && d === 20) return 2.5;
  if (m === 7 && d === 3) return 1.4;
  if (m === 12 && d === 31) return 1.5;
  if (m === 11) {
    // Thanksgiving: the fourth Thursday of November.
    const firstDow = new Date(Date.UTC(y, 10, 1)).getUTCDay();
    const thanksgiving = 1 + ((4 - firstDow + 7) % 7) + 21;
    if (d === thanksgiving - 1) return 1.6;
    if (d === thanksgiving) return 0.6;
    if (d === thanksgiving + 1) return 1.3;
  }
  return 1;
}

/**
 * The Connecticut week standing for a demo week: the same week a whole number of 52-week years earlier (so
 * weekdays and the calendar season line up), the latest one the file covers.
 */
function connecticutWeekFor(saturday: string, weeks: WeeklySales): number {
  const byDay = new Map(weeks.map((w) => [w.weekEnding, w.dollars]));
  const last = weeks[weeks.length - 1]!.weekEnding;
  let probe = saturday;
  while (probe > last) probe = addDays(probe, -364);
  for (let tries = 0; tries < 4; tries++) {
    const dollars = byDay.get(probe);
    if (dollars !== undefined) return dollars;
    probe = addDays(probe, -364);
  }
  throw new Error(`No Connecticut week stands for ${saturday}.`);
}

/**
 * Expected orders per day for `days` days ending on `lastDay`, averaging `meanPerDay`: each day's share of its
 * week (weekday profile times holiday factor, normalised over the week) times the week's Connecticut level.
 */
export function dailyOrderTargets(
  weeks: WeeklySales,
  lastDay: string,
  days: number,
  meanPerDay: number,
): Array<{ day: string; expected: number }> {
  const first = addDays(lastDay, -(days - 1));
  const out: Array<{ day: string; level: number }> = [];
  for (let i = 0; i < days; i++) {
    const day = addDays(first, i);
    const dow = new Date(dayMs(day)).getUTCDay();
    const saturday = addDays(day, 6 - dow);
    const sunday = addDays(saturday, -6);
    let weekWeight = 0;
    for (let k = 0; k < 7; k++) {
      const d = addDays(sunday, k);
      weekWeight += WEEKDAY_PROFILE[k]! * holidayFactor(d);
    }
    const share = (WEEKDAY_PROFILE[dow]! * holidayFactor(day)) / weekWeight;
    out.push({ day, level: connecticutWeekFor(saturday, weeks) * share });
  }
  const mean = out.reduce((s, d) => s + d.level, 0) / out.length;
  return out.map((d) => ({ day: d.day, expected: (d.level / mean) * meanPerDay }));
}
