"use client";
import { useId } from "react";

const stepButton =
  "flex size-11 items-center justify-center text-lg font-semibold text-stone-800 hover:bg-stone-100 disabled:opacity-40 focus-visible:outline-2 focus-visible:outline-brand";

/** A 1..max quantity with − and + buttons; typing a number works too. */
export function QuantityStepper({
  label,
  value,
  max = 99,
  onChange,
  disabled,
}: {
  label: string;
  value: number;
  max?: number;
  onChange: (quantity: number) => void;
  disabled?: boolean;
}) {
  const id = useId();
  const clamp = (n: number) => Math.min(max, Math.max(1, Math.trunc(n) || 1));
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-stone-800">
        {label}
      </label>
      <div className="inline-flex w-fit items-center overflow-hidden rounded-lg border border-stone-300 bg-white">
        <button
          type="button"
          className={stepButton}
          aria-label={`Decrease ${label.toLowerCase()}`}
          disabled={disabled || value <= 1}
          onClick={() => onChange(clamp(value - 1))}
        >
          −
        </button>
        <input
          id={id}
          type="number"
          inputMode="numeric"
          min={1}
          max={max}
          value={value}
          disabled={disabled}
          onChange={(event) => onChange(clamp(Number(event.target.value)))}
          className="h-11 w-14 border-x border-stone-300 text-center text-base [appearance:textfield]"
        />
        <button
          type="button"
          className={stepButton}
          aria-label={`Increase ${label.toLowerCase()}`}
          disabled={disabled || value >= max}
          onClick={() => onChange(clamp(value + 1))}
        >
          +
        </button>
      </div>
    </div>
  );
}
