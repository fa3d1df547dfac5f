import { useId, type ComponentProps } from "react";
import { cn } from "./utils";

/** A labelled input with its hint and error wired to it for screen readers. */
export function Field({
  label,
  error,
  hint,
  className,
  ...props
}: ComponentProps<"input"> & { label: string; error?: string | null; hint?: string }) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <div className={cn("flex flex-col gap-1", className)}>
      <label htmlFor={id} className="text-sm font-medium text-stone-800">
        {label}
      </label>
      <input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        className={cn(
          "min-h-11 rounded-lg border bg-white px-3 text-base text-stone-900 shadow-sm outline-none",
          "focus:border-brand focus:ring-2 focus:ring-brand/30",
          error ? "border-red-600" : "border-stone-300",
        )}
        {...props}
      />
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-stone-600">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-sm text-red-700" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
