import { TZDate, tz, tzOffset } from "@date-fns/tz";
import { format } from "date-fns";
import type { Fulfillment } from "@cannasaas/db/enums";
import type { ClosedDay, OpeningHours } from "@cannasaas/db/schema";
import { closureOn, isOpenAt, WEEKDAYS } from "../catalog/opening-hours";
import { DomainError } from "../errors";
import { addDays, calendarDayIn } from "../time";

/** A pickup time or delivery window: the order is expected ready (or on its way) from `startsAt`. */
export type Slot = {
  startsAt: Date;
  endsAt: Date;
  /** The store's calendar day of `startsAt`. */ day: string;
};

/** Pickup times every half hour; delivery in two-hour windows starting on the hour. */
export const SLOT_SHAPES: Record<Fulfillment, { stepMinutes: number; lengthMinutes: number }> = {
  pickup: { stepMinutes: 30, lengthMinutes: 30 },
  delivery: { stepMinutes: 60, lengthMinutes: 120 },
};
/** How many of the store's days ahead a shopper may schedule. */
export const SLOT_DAYS = 7;

export type SlotLocation = {
  hours: OpeningHours;
  /** Whole days closed (holidays): no slots start on them. */
  closedDays?: readonly ClosedDay[];
  timeZone: string;
  pickupLeadMinutes: number;
  deliveryLeadMinutes: number;
};

/** "09:30" -> 570; "24:00" -> 1440; anything else null (a malformed day is treated as closed). */
function toMinutes(time: string): number | null {
  const match = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(time);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

/**
 * The instant of a wall-clock time `minutes` after midnight of `day` in the zone. The zone's rules decide
 * daylight saving: a time the clocks skip lands on the same instant as the hour after it, and a time read twice
 * when clocks go back is its first reading.
 */
function wallInstant(day: string, minutes: number, timeZone: string): Date {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d, 0, minutes, timeZone).getTime());
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** An instant whose wall clock reads W lies within this of W read as UTC (offsets run from -12:00 to +14:00). */
const WIDEST_OFFSET = 14 * HOUR;
/** A day's slots start and end before this long after its midnight (hours past midnight, plus a window). */
const DAY_SPAN = 3 * 24 * HOUR;

/**
 * Wall-clock times of one store day (minutes after its midnight; past 1440 for hours that run into the next
 * day) as instants, and the calendar day each falls on. A zoned date for every time cost checkout more than
 * all of its SQL, so where the zone rules give one offset for the whole stretch (read every 12 hours across
 * it and the widest offset either side; clock changes are months apart) each time is that offset from its
 * wall clock read as UTC. Around a change every time is a zoned date (`wallInstant`), as before.
 */
function dayClock(day: string, timeZone: string) {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const midnight = Date.UTC(y, m - 1, d);
  const offset = tzOffset(timeZone, new Date(midnight - WIDEST_OFFSET));
  let steady = Number.isFinite(offset);
  for (let t = midnight - WIDEST_OFFSET; steady && t < midnight + DAY_SPAN + WIDEST_OFFSET; t += 12 * HOUR) {
    steady = tzOffset(timeZone, new Date(t + 12 * HOUR)) === offset;
  }
  return steady
    ? {
        at: (minutes: number) => new Date(midnight + minutes * MINUTE - offset * MINUTE),
        dayOf: (minutes: number, _at: Date) => addDays(day, Math.floor(minutes / 1440)),
      }
    : {
        at: (minutes: number) => wallInstant(day, minutes, timeZone),
        dayOf: (_minutes: number, at: Date) => calendarDayIn(at, timeZone),
      };
}

/**
 * The pickup times (or delivery windows) a location offers from `now`: on its wall clock, inside its opening
 * hours over the next SLOT_DAYS days, starting no sooner than its lead time, each ending by closing time. A
 * day whose closing time is not after its opening runs past midnight (equal times: open all day). Slots step
 * on the wall clock, so "9:30" stays "9:30" across daylight saving; skipped times disappear, doubled ones
 * are offered once. A closed day (holiday) offers nothing, not even its hours past midnight.
 */
export function availableSlots(location: SlotLocation, fulfillment: Fulfillment, now: Date): Slot[] {
  // From yesterday, whose hours may run past midnight into today.
  return slotsMadeBy(location, fulfillment, now, -1, SLOT_DAYS - 1);
}

/**
 * The slots `availableSlots` lists that the store days `from` to `to` (days after today) make, the same in
 * every respect. A slot starting on a day is made by that day or the one before (hours past midnight), so
 * the slots starting on day D are all among those made by D - 2 to D (one day to spare); checkout, which
 * needs one slot, builds three days instead of eight.
 */
function slotsMadeBy(
  location: SlotLocation,
  fulfillment: Fulfillment,
  now: Date,
  from: number,
  to: number,
): Slot[] {
  const { stepMinutes, lengthMinutes } = SLOT_SHAPES[fulfillment];
  const lead = fulfillment === "pickup" ? location.pickupLeadMinutes : location.deliveryLeadMinutes;
  const earliest = now.getTime() + lead * 60_000;
  const today = calendarDayIn(now, location.timeZone);
  const byStart = new Map<number, Slot>();
  for (let offset = Math.max(from, -1); offset <= Math.min(to, SLOT_DAYS - 1); offset++) {
    const day = addDays(today, offset);
    const weekday = WEEKDAYS[new Date(`${day}T12:00:00Z`).getUTCDay()]!;
    const hours = closureOn(location.closedDays, day) ? null : location.hours[weekday];
    if (!hours) continue;
    const open = toMinutes(hours.open);
    const rawClose = toMinutes(hours.close);
    if (open === null || rawClose === null) continue;
    const close = rawClose > open ? rawClose : rawClose + 1440;
    const clock = dayClock(day, location.timeZone);
    const closesAt = clock.at(close).getTime();
    for (let t = open; t < close; t += stepMinutes) {
      const startsAt = clock.at(t);
      const endsAt = new Date(Math.min(clock.at(t + lengthMinutes).getTime(), closesAt));
      if (startsAt.getTime() < earliest || endsAt <= startsAt || byStart.has(startsAt.getTime())) continue;
      byStart.set(startsAt.getTime(), { startsAt, endsAt, day: clock.dayOf(t, startsAt) });
    }
  }
  const lastDay = addDays(today, SLOT_DAYS - 1);
  return [...byStart.values()]
    .filter((s) => s.day <= lastDay)
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}

/** Whole days from one YYYY-MM-DD day to another. */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** "Sat 9:30 AM" on the store's clock, for messages the domain writes (errors, emails). */
export function formatSlotTime(at: Date, timeZone: string): string {
  return format(at, "EEE MMM d, h:mm a", { in: tz(timeZone) });
}

const noun = (fulfillment: Fulfillment) => (fulfillment === "pickup" ? "pickup time" : "delivery window");

/**
 * The slot an order is placed for. A chosen slot must still be offered (else the shopper is told to choose
 * again). Without a choice the order is "as soon as possible": the earliest slot, allowed only while the store
 * is open and can still have it ready today; otherwise the refusal names the earliest time to choose.
 */
export function chooseSlot(
  location: SlotLocation & { name: string },
  fulfillment: Fulfillment,
  now: Date,
  requested: Date | null | undefined,
): Slot {
  const today = calendarDayIn(now, location.timeZone);
  if (requested) {
    const day = daysBetween(today, calendarDayIn(requested, location.timeZone));
    const slot = slotsMadeBy(location, fulfillment, now, day - 2, day).find(
      (s) => s.startsAt.getTime() === requested.getTime(),
    );
    if (!slot)
      throw new DomainError(
        "CONFLICT",
        `The ${noun(fulfillment)} you chose (${formatSlotTime(requested, location.timeZone)}) is no longer available. Choose another.`,
        { field: "slotStartsAt" },
      );
    return slot;
  }
  // As soon as possible is the earliest slot while the store is open: today's, or one just past midnight when the
  // store stays open into tomorrow (open around the clock, say). Slots starting today or tomorrow are made by
  // yesterday to tomorrow; the whole list is built only to name the earliest time when that is refused.
  const open = isOpenAt(location.hours, location.timeZone, now, location.closedDays);
  const soonest = slotsMadeBy(location, fulfillment, now, -1, 1)[0];
  if (open && soonest && (soonest.day === today || withinOneStep(location, fulfillment, now, soonest)))
    return soonest;
  const first = availableSlots(location, fulfillment, now)[0];
  if (!first)
    throw new DomainError(
      "BAD_REQUEST",
      `${location.name} has no ${noun(fulfillment)}s in the next ${SLOT_DAYS} days. Choose another location.`,
    );
  const closure = closureOn(location.closedDays, today);
  const why = open
    ? "is closing too soon to have your order ready today"
    : closure
      ? `is closed today (${closure.name})`
      : "is closed now";
  throw new DomainError(
    "BAD_REQUEST",
    `${location.name} ${why}. Choose a ${noun(fulfillment)}: the earliest is ${formatSlotTime(first.startsAt, location.timeZone)}.`,
    { field: "slotStartsAt", earliest: first.startsAt.toISOString() },
  );
}

/**
 * Whether `slot` is the next one an open store makes after its lead time: no later than one step past it.
 * A store that closes in between has its next slot later than that.
 */
function withinOneStep(location: SlotLocation, fulfillment: Fulfillment, now: Date, slot: Slot): boolean {
  const lead = fulfillment === "pickup" ? location.pickupLeadMinutes : location.deliveryLeadMinutes;
  return slot.startsAt.getTime() <= now.getTime() + (lead + SLOT_SHAPES[fulfillment].stepMinutes) * MINUTE;
}
