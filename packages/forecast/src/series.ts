import { addDays, isoDate, parseIsoDate, weekday } from "./calendar";
import type { Frequency } from "./types";

/** A series on a regular time axis: values[i] belongs to dateAt(i); NaN marks a missing period. */
export interface RegularSeries {
  frequency: Frequency;
  start: string;
  values: number[];
  dateAt: (index: number) => string;
  /** True when a last week was dropped because the data stop before its last day (a partial week). */
  droppedPartialWeek: boolean;
}

const DAY_MS = 86_400_000;

/** The period key of a date: itself, the week's end on `weekEndsOn`, or the first of its month. */
export function periodOf(iso: string, frequency: Frequency, weekEndsOn = 6): string {
  if (frequency === "day") return iso;
  if (frequency === "month") return `${iso.slice(0, 7)}-01`;
  return addDays(iso, (weekEndsOn - weekday(iso) + 7) % 7);
}

/** The date of each index from `start`, remembered: fitting asks for the same dates on every pass. */
export function dateAtFrom(start: string, frequency: Frequency): (index: number) => string {
  const known = new Map<number, string>();
  const [year, month] = start.split("-").map(Number) as [number, number];
  const compute =
    frequency === "month"
      ? (i: number) => isoDate(Date.UTC(year, month - 1 + i, 1))
      : (i: number) => addDays(start, frequency === "week" ? 7 * i : i);
  return (i) => {
    let date = known.get(i);
    if (date === undefined) {
      date = compute(i);
      known.set(i, date);
    }
    return date;
  };
}

function periodsBetween(a: string, b: string, frequency: Frequency): number {
  if (frequency === "month") {
    const [ya, ma] = a.split("-").map(Number) as [number, number];
    const [yb, mb] = b.split("-").map(Number) as [number, number];
    return (yb - ya) * 12 + (mb - ma);
  }
  const days = Math.round((parseIsoDate(b) - parseIsoDate(a)) / DAY_MS);
  return frequency === "week" ? days / 7 : days;
}

/**
 * Puts dated observations on a regular axis: observations in the same period are summed (Connecticut's partial
 * weeks at month ends join their week), NaN observations are ignored, and periods with none stay NaN. A last
 * week the data stop inside (Connecticut's file ends on a Tuesday) is dropped: it is not a week of sales.
 */
export function regularize(
  observations: readonly { date: string; value: number }[],
  frequency: Frequency,
  weekEndsOn = 6,
): RegularSeries | null {
  const totals = new Map<string, number>();
  let lastDate = "";
  for (const { date, value } of observations) {
    const key = periodOf(date, frequency, weekEndsOn);
    if (date > lastDate) lastDate = date;
    if (!Number.isFinite(value)) {
      if (!totals.has(key)) totals.set(key, NaN);
      continue;
    }
    const previous = totals.get(key);
    totals.set(key, previous === undefined || Number.isNaN(previous) ? value : previous + value);
  }
  const keys = [...totals.keys()].sort();
  const droppedPartialWeek = frequency === "week" && keys.length > 1 && lastDate < keys[keys.length - 1]!;
  if (droppedPartialWeek) keys.pop();
  if (keys.length === 0) return null;
  const start = keys[0]!;
  const values = new Array<number>(periodsBetween(start, keys[keys.length - 1]!, frequency) + 1).fill(NaN);
  for (const key of keys) values[periodsBetween(start, key, frequency)] = totals.get(key)!;
  return { frequency, start, values, dateAt: dateAtFrom(start, frequency), droppedPartialWeek };
}

/** Fills NaN between known values by straight lines; leading and trailing NaN are left for the caller to trim. */
export function interpolateGaps(values: readonly number[]): { values: number[]; filled: number } {
  const out = [...values];
  let filled = 0;
  let last = -1;
  for (let i = 0; i < out.length; i++) {
    if (Number.isNaN(out[i]!)) continue;
    if (last >= 0 && i - last > 1) {
      for (let j = last + 1; j < i; j++) {
        out[j] = out[last]! + ((out[i]! - out[last]!) * (j - last)) / (i - last);
        filled++;
      }
    }
    last = i;
  }
  return { values: out, filled };
}

/** The usual season length for a frequency: a week of days, a year of weeks or months. */
export function seasonLength(frequency: Frequency): number {
  return frequency === "day" ? 7 : frequency === "week" ? 52 : 12;
}
