"use client";
import { useFieldArray, useFormContext } from "react-hook-form";
import { Button } from "@cannasaas/ui/button";
import { FormField } from "@cannasaas/ui/form";
import type { LocationSettingsFormValues } from "@cannasaas/validators/forms";

/** Holidays and other whole days closed: no pickup times or delivery windows are offered on them. */
export function ClosedDaysFieldset() {
  const { control } = useFormContext<LocationSettingsFormValues>();
  const days = useFieldArray({ control, name: "holidays" });
  return (
    <fieldset className="flex flex-col gap-3">
      <legend className="mb-2 font-semibold">Holidays and closed days</legend>
      <p className="text-sm text-stone-600">
        On these days (store time) the storefront shows the store as closed, with the reason, and offers no
        pickup times or delivery windows.
      </p>
      {days.fields.length === 0 ? <p className="text-sm text-stone-600">No closed days listed.</p> : null}
      {days.fields.map((day, i) => (
        <div
          key={day.id}
          className="grid items-end gap-3 sm:grid-cols-[12rem_1fr_auto]"
          data-testid="closed-day"
        >
          <FormField label="Closed on" name={`holidays.${i}.date`} type="date" />
          <FormField label="Reason shoppers see" name={`holidays.${i}.name`} maxLength={60} />
          <Button type="button" variant="secondary" onClick={() => days.remove(i)}>
            Remove day
          </Button>
        </div>
      ))}
      <div>
        <Button type="button" variant="secondary" onClick={() => days.append({ date: "", name: "" })}>
          Add a closed day
        </Button>
      </div>
    </fieldset>
  );
}
