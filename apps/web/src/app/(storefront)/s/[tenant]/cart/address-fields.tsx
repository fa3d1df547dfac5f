"use client";
import { Button } from "@cannasaas/ui/button";
import { Field } from "@cannasaas/ui/field";
import { formText as text } from "~/lib/form";

export type AddressInput = {
  line1: string;
  line2?: string | null;
  city: string;
  state: string;
  postalCode: string;
};

/** The delivery address; the server's refusal (e.g. no delivery zone covers the ZIP) shows under it. */
export function AddressFields({
  initial,
  state,
  error,
  pending,
  onSubmit,
}: {
  initial: AddressInput | null;
  state: string;
  error: string | null;
  pending: boolean;
  onSubmit: (address: AddressInput) => void;
}) {
  return (
    <form
      className="grid gap-3 sm:grid-cols-2"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        onSubmit({
          line1: text(data, "line1"),
          line2: text(data, "line2") || null,
          city: text(data, "city"),
          state: text(data, "state"),
          postalCode: text(data, "postalCode"),
        });
      }}
    >
      <Field
        label="Street address"
        name="line1"
        autoComplete="address-line1"
        defaultValue={initial?.line1}
        className="sm:col-span-2"
      />
      <Field
        label="Apartment, suite (optional)"
        name="line2"
        autoComplete="address-line2"
        defaultValue={initial?.line2 ?? ""}
        className="sm:col-span-2"
      />
      <Field label="City" name="city" autoComplete="address-level2" defaultValue={initial?.city} />
      <Field
        label="State"
        name="state"
        autoComplete="address-level1"
        maxLength={2}
        defaultValue={initial?.state ?? state}
      />
      <Field
        label="ZIP code"
        name="postalCode"
        inputMode="numeric"
        autoComplete="postal-code"
        defaultValue={initial?.postalCode}
        hint="We check the ZIP against this location's delivery area."
      />
      <div className="flex items-end">
        <Button type="submit" variant="secondary" disabled={pending} className="w-full">
          {pending ? "Checking…" : "Deliver here"}
        </Button>
      </div>
      {error ? (
        <p role="alert" className="text-sm text-red-700 sm:col-span-2">
          {error}
        </p>
      ) : null}
    </form>
  );
}
