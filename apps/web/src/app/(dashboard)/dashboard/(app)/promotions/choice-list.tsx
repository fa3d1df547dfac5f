"use client";
import { useId } from "react";
import { useFormContext } from "react-hook-form";
import { FieldError, useFieldError } from "@cannasaas/ui/form";

/**
 * A group of checkboxes giving one list field: what a promotion targets or who it is for. Nothing checked
 * means "no narrowing", which the legend's hint says. Long lists scroll inside the group.
 */
export function ChoiceList({
  legend,
  name,
  options,
  hint,
}: {
  legend: string;
  name: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  hint: string;
}) {
  const id = useId();
  const { register } = useFormContext();
  const error = useFieldError(name);
  const describedBy = error ? `${id}-hint ${id}-error` : `${id}-hint`;
  return (
    <fieldset aria-describedby={describedBy} className="flex min-w-0 flex-col gap-1">
      <legend className="text-sm font-medium text-stone-800">{legend}</legend>
      <p id={`${id}-hint`} className="text-xs text-stone-600">
        {options.length ? hint : "None set up yet."}
      </p>
      {options.length ? (
        <div className="max-h-48 overflow-y-auto rounded-lg border border-stone-300 bg-white px-3 py-1">
          {options.map((option) => (
            <label key={option.value} className="flex min-h-11 items-center gap-2 text-sm">
              <input
                type="checkbox"
                value={option.value}
                aria-invalid={error ? true : undefined}
                className="size-5 shrink-0"
                {...register(name)}
              />
              <span className="min-w-0 break-words">{option.label}</span>
            </label>
          ))}
        </div>
      ) : null}
      <FieldError id={`${id}-error`} message={error} />
    </fieldset>
  );
}
