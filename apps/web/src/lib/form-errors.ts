import type { ServerError } from "@cannasaas/ui/form";
import { describeError } from "~/components/auth/errors";

/**
 * A refused request as a form shows it: each field the server names goes under the form's field for it
 * (`fieldOf` maps the procedure's input names, null for none), the message above the submit button.
 */
export function describeFormError(
  error: unknown,
  fieldOf: (path: readonly PropertyKey[]) => string | null = ([name]) =>
    typeof name === "string" ? name : null,
): ServerError {
  const failure = describeError(error);
  const fields: Record<string, string> = {};
  for (const [name, message] of Object.entries(failure.fields)) {
    const field = fieldOf([name]);
    if (field && field !== "root") fields[field] = message;
  }
  return { message: failure.message, fields };
}
