import type { AnyRouter } from "@trpc/server";

type Parser = { safeParseAsync?: (value: unknown) => Promise<{ success: boolean; data?: unknown }> };
let parsersOf: (path: string) => Parser[] = () => [];

/**
 * Lets the audit middleware (which runs before a procedure's input is parsed) find each procedure's input
 * schemas, so the trail records the validated input: unknown keys dropped, values as the procedure saw them.
 */
export function auditInputsFrom(router: AnyRouter) {
  const procedures = router._def.procedures as Record<string, { _def: { inputs: Parser[] } } | undefined>;
  parsersOf = (path) => procedures[path]?._def.inputs ?? [];
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === "object" && !Array.isArray(v) && !(v instanceof Date);

/** The input as the procedure's schemas parse it; undefined when it has none (or they refuse it). */
export async function validatedInput(path: string, raw: unknown): Promise<unknown> {
  let merged: unknown = undefined;
  for (const parser of parsersOf(path)) {
    if (!parser.safeParseAsync) return undefined;
    const parsed = await parser.safeParseAsync(raw);
    if (!parsed.success) return undefined;
    merged =
      isPlainObject(merged) && isPlainObject(parsed.data) ? { ...merged, ...parsed.data } : parsed.data;
  }
  return merged;
}
