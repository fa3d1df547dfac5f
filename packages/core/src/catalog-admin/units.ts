/**
 * Exact conversions (safe for the browser: imports only the slug rule) between what people type (dollars, percent) and what the database keeps (integer cents,
 * basis points). Strings are split on the decimal point, never multiplied as floats: 0.29 * 100 is 28.999...
 */
import { slugify } from "@cannasaas/db/slug";

function decimalToInteger(text: string, decimals: number): number | null {
  const match = new RegExp(`^(\\d{1,9})(?:\\.(\\d{1,${decimals}}))?$`).exec(text.trim());
  if (!match) return null;
  const whole = Number(match[1]);
  const fraction = Number((match[2] ?? "").padEnd(decimals, "0") || "0");
  return whole * 10 ** decimals + fraction;
}

/** "12.50" -> 1250; "$12.5" and "12" are accepted; null for anything else (negatives, 3 decimals, words). */
export function dollarsToCents(text: string): number | null {
  return decimalToInteger(text.trim().replace(/^\$/, ""), 2);
}

export function centsToDollars(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;
}

/** "21.5" (percent) -> 2150 basis points, at most 100%. */
export function percentToBps(text: string): number | null {
  const bps = decimalToInteger(text.trim().replace(/%$/, ""), 2);
  return bps !== null && bps <= 10_000 ? bps : null;
}

export function bpsToPercent(bps: number): string {
  const whole = Math.floor(bps / 100);
  const fraction = bps % 100;
  if (fraction === 0) return String(whole);
  return `${whole}.${String(fraction).padStart(2, "0").replace(/0$/, "")}`;
}

/** "3.5" (grams) -> 3500 mg; at most three decimals. */
export function gramsToMg(text: string): number | null {
  const mg = decimalToInteger(text.trim().replace(/\s*g$/i, ""), 3);
  return mg !== null && mg > 0 ? mg : null;
}

export const mgToGrams = (mg: number) => String(mg / 1000);

/** A whole, positive number of milligrams (or other integer unit). */
export function parsePositiveInteger(text: string): number | null {
  if (!/^\d{1,9}$/.test(text.trim())) return null;
  const n = Number(text.trim());
  return n > 0 ? n : null;
}

/** A product, brand or category slug; "item" for a name with no letters or digits. */
export const catalogSlug = (name: string) => slugify(name, { fallback: "item" });
