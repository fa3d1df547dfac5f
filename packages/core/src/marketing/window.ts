import { TZDate } from "@date-fns/tz";

/** Minutes after midnight on the store's clock. */
export function minuteOfDayIn(at: Date, timeZone: string) {
  const local = new TZDate(at.getTime(), timeZone);
  return local.getHours() * 60 + local.getMinutes();
}

/** Whether `at` falls in the campaign's daily send window, on the store's clock (DST included). */
export function withinSendWindow(
  window: { windowStartMinute: number; windowEndMinute: number },
  timeZone: string,
  at: Date,
) {
  const minute = minuteOfDayIn(at, timeZone);
  return minute >= window.windowStartMinute && minute < window.windowEndMinute;
}

/** "09:00" for 540. */
export const formatMinute = (minute: number) =>
  `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
