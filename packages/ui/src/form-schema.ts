import type { z } from "zod";

type Path = readonly PropertyKey[];

/** The field named like the path's first segment, when the form has one. */
function sameNameIn(fields: z.ZodObject) {
  return ([head]: Path) => (typeof head === "string" && Object.hasOwn(fields.shape, head) ? head : null);
}

/**
 * A form's schema when its fields hold text that the procedure takes converted (dollars as cents, "16:00" as
 * minutes): the fields' own shape, then `toInput(values)` must pass `input`, the schema the server validates
 * with. Each of `input`'s refusals goes under the field `fieldOf` names for its path ("tiers.0.name"; the
 * first one per field), or above the form when it names none.
 */
export function convertedSchema<F extends z.ZodObject>(
  fields: F,
  toInput: (values: z.output<F>) => unknown,
  input: z.ZodType,
  fieldOf: (path: Path) => string | null = sameNameIn(fields),
) {
  return fields.superRefine((values, ctx) => {
    const checked = input.safeParse(toInput(values));
    if (checked.success) return;
    const taken = new Set<string>();
    for (const issue of checked.error.issues) {
      const field = fieldOf(issue.path) ?? "root";
      if (taken.has(field)) continue;
      taken.add(field);
      const path = field.split(".").map((part) => (/^\d+$/.test(part) ? Number(part) : part));
      ctx.addIssue({ code: "custom", path, message: issue.message });
    }
  });
}
