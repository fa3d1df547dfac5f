const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });

export const formatCents = (cents: number) => usd.format(cents / 100);

/** Basis points of percent to "21.5%". */
export const formatPercentBps = (bps: number) => `${(bps / 100).toFixed(bps % 100 === 0 ? 0 : 1)}%`;

export const formatWeightMg = (mg: number) => (mg >= 1000 ? `${mg / 1000} g` : `${mg} mg`);

/** "just now", "12 min ago", "3 h 5 min ago", "2 days ago". */
export function formatAge(since: Date, now: Date = new Date()) {
  const minutes = Math.max(0, Math.floor((now.getTime() - since.getTime()) / 60_000));
  if (minutes < 1) return "just now";
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ${minutes % 60} min ago`;
  const days = Math.floor(hours / 24);
  return `${days} day${days === 1 ? "" : "s"} ago`;
}

/**
 * A date and time on a named clock: the store's zone for anything about a store (orders, stock, reviews), "UTC"
 * only where the page says so. The zone is required: without it the server (UTC) and the browser would each
 * use their own, which shows the wrong time and mismatches on hydration.
 */
export const formatDateTime = (date: Date | string, timeZone: string) =>
  new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone }).format(
    new Date(date),
  );

/** A calendar date on a named clock (see `formatDateTime`). */
export const formatDate = (date: Date | string, timeZone: string, dateStyle: "medium" | "long" = "medium") =>
  new Intl.DateTimeFormat("en-US", { dateStyle, timeZone }).format(new Date(date));
