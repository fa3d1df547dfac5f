// Age and day arithmetic live in core, where checkout uses them too; sign-up uses the same functions.
export { ageOn, calendarDayIn as calendarDay } from "@cannasaas/core";

export function isValidIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}
