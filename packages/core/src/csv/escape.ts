/**
 * The one way CSV leaves the app (the audit trail, the catalog export, import error reports), so no export can
 * forget formula escaping. Exports are opened in spreadsheets, which run a cell starting with =, +, -, @, tab or
 * CR as a formula (`=HYPERLINK(...)` in a product name would be a live link or worse); such text gets a leading
 * apostrophe, which spreadsheets read as "this is text" and do not show. Pure: the browser may use it too.
 */

/** Text a spreadsheet would run, possibly behind apostrophes an earlier escape added. */
const FORMULA = /^'*[=+\-@\t\r]/;

/**
 * Adds one leading apostrophe to formula-like text. Text that already starts with apostrophes before a formula
 * character gets one more too, so unescapeCsvFormula gives back exactly the original.
 */
export function escapeCsvFormula(text: string): string {
  return FORMULA.test(text) ? `'${text}` : text;
}

/** The inverse of escapeCsvFormula, for importing our own exports (and spreadsheets' text cells). */
export function unescapeCsvFormula(text: string): string {
  return text.startsWith("'") && FORMULA.test(text.slice(1)) ? text.slice(1) : text;
}

/** One CSV field (RFC 4180): dates as ISO, objects as JSON, formula-like text escaped. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return "";
  let text: string;
  if (value instanceof Date) text = value.toISOString();
  else if (typeof value === "object") text = JSON.stringify(value);
  else if (typeof value === "string") text = escapeCsvFormula(value);
  else text = JSON.stringify(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows as CSV text, each line ending in CRLF. */
export function csvLines(rows: readonly (readonly unknown[])[]): string {
  return rows.map((row) => `${row.map(csvField).join(",")}\r\n`).join("");
}
