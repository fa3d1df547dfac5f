/** "850 m", "3.4 km". */
export function formatDistance(meters: number) {
  return meters < 1000 ? `${Math.round(meters / 10) * 10} m` : `${(meters / 1000).toFixed(1)} km`;
}

/** "about 12 min (3:45 PM)", or "any minute now"; the clock time on the store's clock. */
export function formatEta(etaAt: string | Date, now: Date, timeZone: string) {
  const at = new Date(etaAt);
  const minutes = Math.round((at.getTime() - now.getTime()) / 60_000);
  const clock = at.toLocaleTimeString("en-US", { hour: "numeric", minute: "2-digit", timeZone });
  return minutes <= 1 ? `any minute now (${clock})` : `about ${minutes} min (${clock})`;
}
