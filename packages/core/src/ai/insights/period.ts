import { shiftDay, type ReportRange } from "../../analytics/reports/range";

/** Periods an owner names in plain words, resolved against today in the store's time zone. */
export const NAMED_PERIODS = [
  "today",
  "yesterday",
  "this_week",
  "last_week",
  "last_weekend",
  "this_month",
  "last_month",
  "last_7_days",
  "last_30_days",
] as const;
export type NamedPeriod = (typeof NAMED_PERIODS)[number];

/** 0 = Monday ... 6 = Sunday, of a YYYY-MM-DD calendar day. */
const weekdayIndex = (day: string) => (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
const monthStart = (day: string) => `${day.slice(0, 7)}-01`;

/**
 * The store calendar days of a named period, both ends included. Weeks start on Monday; "last weekend" is the
 * latest Saturday and Sunday that are over (on a Sunday, the weekend before).
 */
export function resolvePeriod(period: NamedPeriod, today: string): ReportRange {
  const weekStart = shiftDay(today, -weekdayIndex(today));
  switch (period) {
    case "today":
      return { from: today, to: today };
    case "yesterday":
      return { from: shiftDay(today, -1), to: shiftDay(today, -1) };
    case "this_week":
      return { from: weekStart, to: today };
    case "last_week":
      return { from: shiftDay(weekStart, -7), to: shiftDay(weekStart, -1) };
    case "last_weekend": {
      const sunday = shiftDay(weekStart, -1);
      return { from: shiftDay(sunday, -1), to: sunday };
    }
    case "this_month":
      return { from: monthStart(today), to: today };
    case "last_month": {
      const lastDay = shiftDay(monthStart(today), -1);
      return { from: monthStart(lastDay), to: lastDay };
    }
    case "last_7_days":
      return { from: shiftDay(today, -6), to: today };
    case "last_30_days":
      return { from: shiftDay(today, -29), to: today };
  }
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/** "Sat Dec 5, 2026" for a YYYY-MM-DD day. */
export function dayLabel(day: string): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return `${WEEKDAYS[weekdayIndex(day)]} ${MONTHS[m - 1]} ${d}, ${y}`;
}

/** "Sat Dec 5, 2026 to Sun Dec 6, 2026", or one day. */
export const rangeLabel = (range: ReportRange) =>
  range.from === range.to ? dayLabel(range.from) : `${dayLabel(range.from)} to ${dayLabel(range.to)}`;
