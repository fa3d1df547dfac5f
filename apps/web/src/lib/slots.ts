/** Pickup times and delivery windows as shoppers read them, always on the store's clock. */

const time = (timeZone: string) =>
  new Intl.DateTimeFormat("en-US", { hour: "numeric", minute: "2-digit", timeZone });

/** "5:30 PM" on the store's clock. */
export const formatClock = (at: string | Date, timeZone: string) => time(timeZone).format(new Date(at));

/** "5:30 PM" (pickup) or "2:00 PM – 4:00 PM" (a delivery window). */
export function formatSlot(
  slot: { startsAt: string | Date; endsAt: string | Date },
  fulfillment: string,
  timeZone: string,
) {
  const f = time(timeZone);
  const start = f.format(new Date(slot.startsAt));
  return fulfillment === "pickup" ? start : `${start} – ${f.format(new Date(slot.endsAt))}`;
}

/** A store day (YYYY-MM-DD) as "Today, Sat, Jun 13", "Tomorrow, Sun, Jun 14" or "Mon, Jun 15". */
export function formatSlotDay(day: string, today: string) {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const [ty, tm, td] = today.split("-").map(Number) as [number, number, number];
  const tomorrow = new Date(Date.UTC(ty, tm - 1, td + 1)).toISOString().slice(0, 10);
  // Noon UTC of the calendar day names the right weekday in every zone's reading of that date.
  const label = new Intl.DateTimeFormat("en-US", {
    weekday: "short",
    month: "short",
    day: "numeric",
    timeZone: "UTC",
  }).format(new Date(Date.UTC(y, m - 1, d, 12)));
  return day === today ? `Today, ${label}` : day === tomorrow ? `Tomorrow, ${label}` : label;
}

/** "Sat, Jun 13, 5:30 PM" on the store's clock. */
export const formatSlotTime = (at: string | Date, timeZone: string) =>
  new Intl.DateTimeFormat("en-US", {
    weekday: "short",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZone,
  }).format(new Date(at));

/** "Expected ready for pickup: Sat, Jun 13, 5:30 PM" or "Delivery window: Sat, Jun 13, 2:00 PM – 4:00 PM". */
export function expectedTimeText(
  order: { fulfillment: string; slotStartsAt: string | Date | null; slotEndsAt: string | Date | null },
  timeZone: string,
) {
  if (!order.slotStartsAt) return null;
  if (order.fulfillment === "pickup")
    return `Expected ready for pickup: ${formatSlotTime(order.slotStartsAt, timeZone)}`;
  const end = order.slotEndsAt ? ` – ${time(timeZone).format(new Date(order.slotEndsAt))}` : "";
  return `Delivery window: ${formatSlotTime(order.slotStartsAt, timeZone)}${end}`;
}
