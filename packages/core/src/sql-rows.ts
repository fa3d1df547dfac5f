/** The rows of a raw `execute`, whichever driver ran it (postgres-js returns an array, others `{ rows }`). */
export const rowsOf = <T>(result: unknown): T[] =>
  (Array.isArray(result) ? result : ((result as { rows?: T[] }).rows ?? [])) as T[];

/** A json column of a raw `execute`: parsed by drivers that parse json, a string from those that do not. */
export const jsonOf = <T>(value: unknown): T => (typeof value === "string" ? JSON.parse(value) : value) as T;
