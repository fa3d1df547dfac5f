/** "3 h 12 min", "45 s": how long the oldest unreported item has waited. */
export function formatLag(seconds: number): string {
  if (seconds <= 0) return "none";
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} days`;
}

/** A time on the organization's clock, or "never". */
export const formatWhen = (at: Date | string | null, timeZone: string) =>
  at
    ? new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone }).format(
        new Date(at),
      )
    : "never";

export const KIND_LABELS = {
  receipt: "Sale receipt",
  void: "Receipt void",
  adjustment: "Package adjustment",
};
export const STATUS_LABELS = {
  pending: "Pending",
  in_flight: "Sending",
  sent: "Sent",
  failed: "Failed, will retry",
  dead: "Needs attention",
  cancelled: "Withdrawn",
};
export const DISCREPANCY_LABELS = {
  missing_locally: "In METRC, not in our stock",
  missing_in_metrc: "In our stock, not active in METRC",
  quantity_mismatch: "Quantities differ",
};
