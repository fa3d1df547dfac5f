/** The calendar day (YYYY-MM-DD) of an instant in a time zone: daily limits and reports use the store's day. */
export function calendarDayIn(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(at);
}
