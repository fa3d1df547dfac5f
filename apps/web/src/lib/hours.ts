import type { OpeningHours } from "@cannasaas/db/schema";

const DAYS = [
  ["mon", "Mon"],
  ["tue", "Tue"],
  ["wed", "Wed"],
  ["thu", "Thu"],
  ["fri", "Fri"],
  ["sat", "Sat"],
  ["sun", "Sun"],
] as const;

/** "21:00" -> "9 PM", "09:30" -> "9:30 AM", "00:00"/"24:00" -> "midnight". */
export function formatTime(time: string): string {
  const [h = 0, m = 0] = time.split(":").map(Number);
  if ((h === 0 || h === 24) && m === 0) return "midnight";
  const hour12 = h % 12 === 0 ? 12 : h % 12;
  return `${hour12}${m ? `:${String(m).padStart(2, "0")}` : ""} ${h < 12 || h === 24 ? "AM" : "PM"}`;
}

export const formatDayHours = (day: { open: string; close: string } | null) =>
  day
    ? day.open === day.close
      ? "Open 24 hours"
      : `${formatTime(day.open)} – ${formatTime(day.close)}`
    : "Closed";

/** Today's hours as a shopper reads them: a holiday says why the store is closed. */
export const formatToday = (today: {
  hours: { open: string; close: string } | null;
  closedFor: string | null;
}) => (today.closedFor ? `Closed (${today.closedFor})` : formatDayHours(today.hours));

/** "2026-12-25" -> "Fri, Dec 25": a calendar day, read without a time zone. */
export const formatCalendarDay = (day: string) =>
  new Date(`${day}T12:00:00Z`).toLocaleDateString("en-US", {
    weekday: "short",
    month: "short",
    day: "numeric",
    timeZone: "UTC",
  });

/** The week in runs of days with the same hours: ["Mon–Sat: 9 AM – 9 PM", "Sun: 10 AM – 8 PM"]. */
export function formatWeekHours(hours: OpeningHours): string[] {
  const runs: { from: string; to: string; text: string }[] = [];
  for (const [key, label] of DAYS) {
    const text = formatDayHours(hours[key]);
    const last = runs.at(-1);
    if (last?.text === text) last.to = label;
    else runs.push({ from: label, to: label, text });
  }
  return runs.map((r) => `${r.from === r.to ? r.from : `${r.from}–${r.to}`}: ${r.text}`);
}
