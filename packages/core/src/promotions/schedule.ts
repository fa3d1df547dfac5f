import { subDays } from "date-fns";
import { wallClockIn } from "../time";
import type { EnginePromotion } from "./types";

type Schedule = Pick<EnginePromotion, "startsAt" | "endsAt" | "daysOfWeek" | "startMinute" | "endMinute">;

/**
 * Whether a schedule is running at `now` in the store's time zone: inside [startsAt, endsAt), on one of its days,
 * within its hours. An overnight window (22:00 to 02:00) belongs to the day it starts on, so Friday's late
 * happy hour still runs at 01:00 on Saturday.
 */
export function isScheduledAt(schedule: Schedule, now: Date, timeZone: string): boolean {
  if (schedule.startsAt && now < schedule.startsAt) return false;
  if (schedule.endsAt && now >= schedule.endsAt) return false;
  const { day, minute } = wallClockIn(now, timeZone);
  const onDay = (d: number) => !schedule.daysOfWeek?.length || schedule.daysOfWeek.includes(d);
  const { startMinute: start, endMinute: end } = schedule;
  if (start == null || end == null || start === end) return onDay(day);
  if (start < end) return onDay(day) && minute >= start && minute < end;
  if (minute >= start) return onDay(day);
  if (minute < end) return onDay(wallClockIn(subDays(now, 1), timeZone).day);
  return false;
}

const DAY_NAMES = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const clock = (minute: number) =>
  `${String(Math.floor(minute / 60) % 24).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;

/** "Mon, Fri 16:00-18:00" or "Every day"; dates are shown separately by the pages. */
export function describeHours(schedule: Schedule): string {
  const days = schedule.daysOfWeek?.length
    ? [...schedule.daysOfWeek]
        .sort()
        .map((d) => DAY_NAMES[d - 1])
        .join(", ")
    : "Every day";
  const { startMinute: start, endMinute: end } = schedule;
  return start == null || end == null || start === end ? days : `${days} ${clock(start)}-${clock(end)}`;
}
