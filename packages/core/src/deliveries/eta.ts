import { distanceMeters } from "../cart/zones";

export type LatLng = { latitude: number; longitude: number };

/** Average city driving speed, door to door, used when nothing better is known. */
export const DEFAULT_AVERAGE_SPEED_KMH = 30;

/**
 * Expected arrival from the straight-line (haversine) distance left at an average speed. Straight lines
 * under-count real roads, which the low average speed roughly makes up for. Null without both ends.
 */
export function estimateArrival(
  from: LatLng | null,
  to: LatLng | null,
  now: Date,
  averageSpeedKmh = DEFAULT_AVERAGE_SPEED_KMH,
): { remainingMeters: number; etaAt: Date } | null {
  if (!from || !to || !(averageSpeedKmh > 0)) return null;
  const remainingMeters = distanceMeters(from, to);
  const seconds = Math.round(remainingMeters / ((averageSpeedKmh * 1000) / 3600));
  return { remainingMeters, etaAt: new Date(now.getTime() + seconds * 1000) };
}

/** A point from two nullable columns. */
export function latLng(latitude: number | null | undefined, longitude: number | null | undefined) {
  return latitude == null || longitude == null ? null : { latitude, longitude };
}
