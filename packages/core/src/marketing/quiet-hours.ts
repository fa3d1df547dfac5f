import { TZDate } from "@date-fns/tz";
import { calendarDayIn } from "../time";
import { minuteOfDayIn } from "./window";

/** Marketing texts go out only from 08:00 until 21:00 on the shopper's clock (TCPA and state rules). */
export const SMS_SEND_FROM_MINUTE = 8 * 60;
export const SMS_SEND_UNTIL_MINUTE = 21 * 60;

const validZones = new Map<string, boolean>();
function isTimeZone(zone: string) {
  let ok = validZones.get(zone);
  if (ok === undefined) {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: zone });
      ok = true;
    } catch {
      ok = false;
    }
    validZones.set(zone, ok);
  }
  return ok;
}

/** The zone quiet hours are read in: the shopper's own when it is a real zone, else the store location's. */
export const recipientTimeZone = (shopperZone: string | null | undefined, storeZone: string) =>
  shopperZone && isTimeZone(shopperZone) ? shopperZone : storeZone;

export function smsAllowedAt(at: Date, timeZone: string) {
  const minute = minuteOfDayIn(at, timeZone);
  return minute >= SMS_SEND_FROM_MINUTE && minute < SMS_SEND_UNTIL_MINUTE;
}

/**
 * The first instant at or after `at` when a marketing text may go out in `timeZone`: `at` itself inside the
 * hours, else 08:00 local of the same day (before 08:00) or of the next day (from 21:00). The wall clock is
 * built in the zone, so a daylight-saving change in between moves the instant, not the 08:00.
 */
export function nextSmsSendTime(at: Date, timeZone: string): Date {
  if (smsAllowedAt(at, timeZone)) return at;
  const [y, m, d] = calendarDayIn(at, timeZone).split("-").map(Number) as [number, number, number];
  const nextDay = minuteOfDayIn(at, timeZone) >= SMS_SEND_UNTIL_MINUTE ? 1 : 0;
  const hour = SMS_SEND_FROM_MINUTE / 60;
  return new Date(new TZDate(y, m - 1, d + nextDay, hour, SMS_SEND_FROM_MINUTE % 60, 0, timeZone).getTime());
}
