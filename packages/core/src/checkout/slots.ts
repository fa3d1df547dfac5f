import { TZDate, tz } from "@date-fns/tz";
import { format } from "date-fns";
import { LRUCache } from "lru-cache";
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

/**
 * The pickup times (or delivery windows) a location offers from `now`: on its wall clock, inside its opening
 * hours over the next SLOT_DAYS days, starting no sooner than its lead time, each ending by closing time. A
 * day whose closing time is not after its opening runs past midnight (equal times: open all day). Slots step
 * on the wall clock, so "9:30" stays "9:30" across daylight saving; skipped times disappear, doubled ones
 * are offered once. A closed day (holiday) offers nothing, not even its hours past midnight.
 */
export function availableSlots(location: SlotLocation, fulfillment: Fulfillment, now: Date): Slot[] {
  const lead = fulfillment === "pickup" ? location.pickupLeadMinutes : location.deliveryLeadMinutes;
  const earliest = now.getTime() + lead * 60_000;
  const today = calendarDayIn(now, location.timeZone);
  return slotsOfWeek(location, fulfillment, today)
    .filter((s) => s.startsAt >= earliest)
    .map((s) => ({ startsAt: new Date(s.startsAt), endsAt: new Date(s.endsAt), day: s.day }));
}

type WeekSlot = { startsAt: number; endsAt: number; day: string };

/**
 * Every slot of the week from `today`, before the lead time is applied. Each one costs a few time-zone
 * conversions, a few hundred a week, so the week is computed once per store day and kept under everything it
 * depends on (zone, hours, closed days, fulfillment, day): checkout and the slot picker ask for it on every
 * request. Leaving out slots before the lead time afterwards gives the same list, since slots offered twice
 * start at the same instant (both kept or both left out) and the first is the one kept.
 */
const weeks = new LRUCache<string, readonly WeekSlot[]>({ max: 500 });

function slotsOfWeek(location: SlotLocation, fulfillment: Fulfillment, today: string): readonly WeekSlot[] {
  const key = JSON.stringify([
    fulfillment,
    today,
    location.timeZone,
    location.hours,
    location.closedDays ?? [],
  ]);
  const cached = weeks.get(key);
  if (cached) return cached;
  const { stepMinutes, lengthMinutes } = SLOT_SHAPES[fulfillment];
  const byStart = new Map<number, WeekSlot>();
  // From yesterday, whose hours may run past midnight into today.
  for (let offset = -1; offset < SLOT_DAYS; offset++) {
    const day = addDays(today, offset);
    const weekday = WEEKDAYS[new Date(`${day}T12:00:00Z`).getUTCDay()]!;
    const hours = closureOn(location.closedDays, day) ? null : location.hours[weekday];
    if (!hours) continue;
    const open = toMinutes(hours.open);
    const rawClose = toMinutes(hours.close);
    if (open === null || rawClose === null) continue;
    const close = rawClose > open ? rawClose : rawClose + 1440;
    const closesAt = wallInstant(day, close, location.timeZone).getTime();
    for (let t = open; t < close; t += stepMinutes) {
      const startsAt = wallInstant(day, t, location.timeZone).getTime();
      const endsAt = Math.min(wallInstant(day, t + lengthMinutes, location.timeZone).getTime(), closesAt);
      if (endsAt <= startsAt || byStart.has(startsAt)) continue;
      byStart.set(startsAt, { startsAt, endsAt, day: calendarDayIn(new Date(startsAt), location.timeZone) });
    }
  }
  const lastDay = addDays(today, SLOT_DAYS - 1);
  const week = [...byStart.values()].filter((s) => s.day <= lastDay).sort((a, b) => a.startsAt - b.startsAt);
  weeks.set(key, week);
  return week;
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
  const slots = availableSlots(location, fulfillment, now);
  if (requested) {
    const slot = slots.find((s) => s.startsAt.getTime() === requested.getTime());
    if (!slot)
      throw new DomainError(
        "CONFLICT",
        `The ${noun(fulfillment)} you chose (${formatSlotTime(requested, location.timeZone)}) is no longer available. Choose another.`,
        { field: "slotStartsAt" },
      );
    return slot;
  }
  const first = slots[0];
  if (!first)
    throw new DomainError(
      "BAD_REQUEST",
      `${location.name} has no ${noun(fulfillment)}s in the next ${SLOT_DAYS} days. Choose another location.`,
    );
  const today = calendarDayIn(now, location.timeZone);
  const open = isOpenAt(location.hours, location.timeZone, now, location.closedDays);
  if (!open || first.day !== today) {
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
  return first;
}
