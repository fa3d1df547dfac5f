"use client";
import { createContext, useContext, type ReactNode } from "react";

const TimeZoneContext = createContext<string | null>(null);

/** The store's clock for the client components below it (live maps, ETAs), so no time uses the browser's zone. */
export function TimeZoneProvider({ timeZone, children }: { timeZone: string; children: ReactNode }) {
  return <TimeZoneContext.Provider value={timeZone}>{children}</TimeZoneContext.Provider>;
}

export function useTimeZone(): string {
  const timeZone = useContext(TimeZoneContext);
  if (!timeZone) throw new Error("useTimeZone needs a TimeZoneProvider with the store's time zone.");
  return timeZone;
}
