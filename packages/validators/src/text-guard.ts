/**
 * Text that PostgreSQL cannot store and JSON cannot carry faithfully: a NUL character (refused by `text` and
 * `jsonb`) or a lone UTF-16 surrogate (not valid Unicode, refused by `jsonb`). Refusing it at the edge, keys
 * included, turns what used to be a 500 after a half-finished write into a 400 that names the field.
 */
export type UnsafeText = { path: string; message: string };

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const describe = (text: string) =>
  text.includes("\u0000")
    ? "contains a NUL character, which is not allowed in text"
    : LONE_SURROGATE.test(text)
      ? "contains an invalid character (a lone UTF-16 surrogate)"
      : null;

/** The first unsafe string in a JSON-like value (object keys and values, arrays, form data), or null. */
export function findUnsafeText(value: unknown, path = "input", depth = 0): UnsafeText | null {
  if (depth > 64) return { path, message: `${path} is nested too deeply.` };
  if (typeof value === "string") {
    const problem = describe(value);
    return problem ? { path, message: `${path} ${problem}.` } : null;
  }
  if (typeof FormData !== "undefined" && value instanceof FormData) {
    // forEach rather than entries(): packages compiled without the DOM iterable types use this guard too.
    const entries: Array<[string, unknown]> = [];
    value.forEach((entry, key) => entries.push([key, entry]));
    for (const [key, entry] of entries) {
      const found =
        findUnsafeText(key, `${path} field name`, depth + 1) ??
        (typeof entry === "string" ? findUnsafeText(entry, `${path}.${key}`, depth + 1) : null);
      if (found) return found;
    }
    return null;
  }
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = findUnsafeText(item, `${path}[${i}]`, depth + 1);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === "object" && !(value instanceof Date)) {
    for (const [key, item] of Object.entries(value)) {
      const keyProblem = describe(key);
      if (keyProblem) return { path, message: `A field name in ${path} ${keyProblem}.` };
      const found = findUnsafeText(item, `${path}.${key}`, depth + 1);
      if (found) return found;
    }
  }
  return null;
}
