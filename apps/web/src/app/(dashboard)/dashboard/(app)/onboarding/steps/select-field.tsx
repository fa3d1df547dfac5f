"use client";
import { FormItem } from "@cannasaas/ui/form";

/** A labelled native select bound to the surrounding form, with hint and error wired for screen readers. */
export function SelectField({
  label,
  name,
  options,
  placeholder,
  hint,
  disabled,
}: {
  label: string;
  name: string;
  options: readonly (readonly [string, string])[];
  placeholder?: string;
  hint?: string;
  disabled?: boolean;
}) {
  return (
    <FormItem name={name} label={label} hint={hint}>
      {(control) => (
        <select
          {...control}
          disabled={disabled}
          className="min-h-11 rounded-lg border border-stone-300 bg-white px-3 text-base disabled:bg-stone-100"
        >
          {placeholder ? (
            <option value="" disabled>
              {placeholder}
            </option>
          ) : null}
          {options.map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
      )}
    </FormItem>
  );
}
