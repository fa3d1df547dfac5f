/**
 * Tool results carry text written by others (product names and descriptions, reviews, the shopper's notes). They
 * reach the model as JSON data inside a tool_result block, never as instructions: control characters are removed,
 * long strings are cut, and anything shaped like a role or instruction tag is defused.
 */
const MAX_STRING = 600;

function cleanString(value: string): string {
  return (
    value
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, "")
      .replace(/<\/?\s*(system|assistant|user|tool|instructions?|prompt)[^>]*>/gi, "[tag removed]")
      .slice(0, MAX_STRING)
  );
}

function clean(value: unknown, depth = 0): unknown {
  if (depth > 6) return null;
  if (typeof value === "string") return cleanString(value);
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => clean(v, depth + 1));
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clean(v, depth + 1)]));
  return value;
}

/** A tool's answer as the text of a tool_result block. */
export function toolResultText(value: unknown): string {
  return JSON.stringify({ data: clean(value) });
}
