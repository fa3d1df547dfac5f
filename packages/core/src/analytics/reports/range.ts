import { z } from "zod";
import { DomainError } from "../../errors";

const DAY_MS = 86_400_000;
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: "Use a date as YYYY-MM-DD." });

/** A report's period: store calendar days, both ends included, at most about two years. */
export const reportRangeSchema = z.object({ from: day, to: day });
export type ReportRange = z.infer<typeof reportRangeSchema>;
export const REPORT_GRAINS = ["day", "week", "month"] as const;
export type ReportGrain = (typeof REPORT_GRAINS)[number];

const ms = (d: string) => Date.parse(`${d}T00:00:00Z`);
export const shiftDay = (d: string, days: number) =>
  new Date(ms(d) + days * DAY_MS).toISOString().slice(0, 10);

/** Days in a range, refusing reversed, unreal and over-long ones with a message for the page. */
export function rangeLength(range: ReportRange): number {
  if (Number.isNaN(ms(range.from)) || Number.isNaN(ms(range.to)))
    throw new DomainError("BAD_REQUEST", "That is not a real date.", { field: "from" });
  const days = (ms(range.to) - ms(range.from)) / DAY_MS + 1;
  if (days < 1)
    throw new DomainError("BAD_REQUEST", "The start date is after the end date.", { field: "from" });
  if (days > 800)
    throw new DomainError("BAD_REQUEST", "A report covers at most 800 days.", { field: "from" });
  return days;
}

/** The period of the same length just before: what "compared with the previous period" compares with. */
export function previousRange(range: ReportRange): ReportRange {
  const days = rangeLength(range);
  return { from: shiftDay(range.from, -days), to: shiftDay(range.from, -1) };
}

/** Whole cents per unit of `count`, null when there is nothing to divide by (never NaN on a page). */
export const ratio = (total: number, count: number) => (count === 0 ? null : Math.round(total / count));
/** Percent change from `before` to `now`, one decimal; null without a base. */
export const change = (now: number, before: number) =>
  before === 0 ? null : Math.round(((now - before) / before) * 1000) / 10;
