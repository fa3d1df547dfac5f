import type { Point } from "./projection";

/** One delivery as the live maps receive it over the wire (dates as ISO strings). */
export type MapDelivery = {
  id: string;
  orderNumber: number;
  status: string;
  label: string;
  driverName: string | null;
  store: Point | null;
  destination: Point | null;
  driver: (Point & { accuracyM: number | null; at: string }) | null;
  trail: Point[];
  remainingMeters: number | null;
  etaAt: string | null;
};

/** Dates become ISO strings when a value goes through JSON (server components, event streams). */
export type Wire<T> = T extends Date
  ? string
  : T extends Array<infer U>
    ? Array<Wire<U>>
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

export const toWire = <T>(value: T) => JSON.parse(JSON.stringify(value)) as Wire<T>;
