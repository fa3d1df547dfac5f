import type { ComponentProps } from "react";
import { cn } from "./utils";

/**
 * A styled native `<select>`: native keeps the platform picker on phones and works with screen readers,
 * forms without JavaScript and `react-hook-form`'s `register` (the ref is passed through).
 */
export function Select({ className, invalid, ...props }: ComponentProps<"select"> & { invalid?: boolean }) {
  return (
    <select
      aria-invalid={invalid ? true : undefined}
      className={cn(
        "min-h-11 rounded-lg border border-stone-300 bg-white px-3 text-base font-normal text-stone-900 shadow-sm outline-none",
        "focus:border-brand focus:ring-2 focus:ring-brand/30 disabled:cursor-not-allowed disabled:opacity-60",
        invalid && "border-red-600",
        className,
      )}
      {...props}
    />
  );
}
