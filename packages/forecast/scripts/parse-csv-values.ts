/** Reading the backtest's CSV cells: dates in the usual spellings, numbers with currency signs or separators. */

/** MM/DD/YYYY, YYYY-MM-DD, YYYY/MM/DD, YYYY-MM, YYYYMM or YYYYMMDD to an ISO date; null when unreadable. */
export function parseDateCell(raw: string): string | null {
  const text = raw.trim();
  const pad = (v: string) => v.padStart(2, "0");
  let m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (m) return valid(`${m[3]}-${pad(m[1]!)}-${pad(m[2]!)}`);
  m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ].*)?$/.exec(text);
  if (m) return valid(`${m[1]}-${pad(m[2]!)}-${pad(m[3]!)}`);
  m = /^(\d{4})-?(\d{2})$/.exec(text);
  if (m) return valid(`${m[1]}-${m[2]}-01`);
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (m) return valid(`${m[1]}-${m[2]}-${m[3]}`);
  return null;
}

function valid(iso: string): string | null {
  const ms = Date.parse(`${iso}T00:00:00Z`);
  return Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== iso ? null : iso;
}

/** A number, or NaN for an empty or unreadable cell ("$1,234.50" reads as 1234.5; "(12)" as -12). */
export function parseNumberCell(raw: string | undefined): number {
  if (raw === undefined) return NaN;
  let text = raw.trim().replace(/[$,\s]/g, "");
  if (text === "" || /^(na|nan|null|-)$/i.test(text)) return NaN;
  const negative = /^\(.*\)$/.test(text);
  if (negative) text = text.slice(1, -1);
  const value = Number(text);
  return Number.isFinite(value) ? (negative ? -value : value) : NaN;
}
