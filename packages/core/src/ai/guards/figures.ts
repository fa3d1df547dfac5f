/**
 * Figures guard for the owner's assistant: every number an answer quotes must be one the tools returned (or the
 * owner wrote in the question). Money comes from the tools in cents and may be quoted as dollars, exactly or
 * rounded (or cut) to whole dollars; other figures as given, rounded or cut. Numbers inside tool text (sizes in product names,
 * dates) count too, but never dollar amounts written into text. Pure: the caller passes what the tools returned.
 */

const key = (n: number) => Math.round(n * 100) / 100;

/** The numbers written in `text`: "$1,234.50" is 1234.5, "12%" is 12, "3.5g" is 3.5. */
export function numbersIn(text: string): { value: number; raw: string }[] {
  return [...text.matchAll(/(?<![\p{L}\p{N}.,])\$?\s?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?%?/gu)].map((m) => ({
    value: Number(`${(m[1] ?? "0").replace(/,/g, "")}${m[2] ?? ""}`),
    raw: m[0].trim(),
  }));
}

/** Every figure in tool results (nested data), in the forms an answer may quote it. */
export function groundedNumbers(results: unknown[], alsoFrom: string[] = []): Set<number> {
  const allowed = new Set<number>();
  const add = (n: number) => {
    if (!Number.isFinite(n)) return;
    // Answers write a fall as "down 12.5%": the sign is in the words.
    const size = Math.abs(n);
    allowed.add(key(size));
    allowed.add(Math.round(size));
    allowed.add(Math.floor(size));
  };
  let longestList = 0;
  const walk = (value: unknown, field: string, depth: number) => {
    if (depth > 8) return;
    if (typeof value === "number") {
      if (/cents$/i.test(field)) {
        add(value / 100);
      } else add(value);
    } else if (typeof value === "string") {
      // A size in a name ("3.5 g") may be repeated; an amount of money written into a name is not a figure.
      for (const n of numbersIn(value)) if (!n.raw.startsWith("$")) add(n.value);
    } else if (Array.isArray(value)) {
      longestList = Math.max(longestList, value.length);
      for (const v of value) walk(v, field, depth + 1);
    } else if (value && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) walk(v, k, depth + 1);
    }
  };
  for (const r of results) walk(r, "", 0);
  for (const text of alsoFrom) for (const n of numbersIn(text)) add(n.value);
  // Ranks and counts of what a tool listed: "the top 3", "1. OG Kush".
  for (let i = 0; i <= longestList; i++) allowed.add(i);
  return allowed;
}

/** Numbers in `text` that no tool returned. */
export function unverifiedNumbers(text: string, allowed: ReadonlySet<number>): string[] {
  return numbersIn(text)
    .filter((n) => !allowed.has(key(n.value)))
    .map((n) => n.raw);
}
