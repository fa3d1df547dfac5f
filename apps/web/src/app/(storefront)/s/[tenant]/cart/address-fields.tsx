"use client";
import type { z } from "zod";
import { Form, FormField, FormSubmit, useZodForm } from "@cannasaas/ui/form";
import { usAddressSchema, type UsAddress } from "@cannasaas/validators";

/**
 * The delivery address, checked with the schema `cart.setFulfillment` uses; the server's refusal (e.g. no
 * delivery zone covers the ZIP) shows under it.
 */
export function AddressFields({
  initial,
  state,
  error,
  pending,
  onSubmit,
}: {
  initial: z.input<typeof usAddressSchema> | null;
  state: string;
  error: string | null;
  pending: boolean;
  onSubmit: (address: UsAddress) => void;
}) {
  const form = useZodForm(usAddressSchema, {
    defaultValues: {
      line1: initial?.line1 ?? "",
      line2: initial?.line2 ?? "",
      city: initial?.city ?? "",
      state: initial?.state ?? state,
      postalCode: initial?.postalCode ?? "",
    },
  });
  return (
    <Form
      form={form}
      className="grid gap-3 sm:grid-cols-2"
      onSubmit={(values) =>
        onSubmit({
          line1: values.line1,
          line2: values.line2 || null,
          city: values.city,
          state: values.state,
          postalCode: values.postalCode,
        })
      }
    >
      <FormField label="Street address" name="line1" autoComplete="address-line1" className="sm:col-span-2" />
      <FormField
        label="Apartment, suite (optional)"
        name="line2"
        autoComplete="address-line2"
        className="sm:col-span-2"
      />
      <FormField label="City" name="city" autoComplete="address-level2" />
      <FormField label="State" name="state" autoComplete="address-level1" maxLength={2} />
      <FormField
        label="ZIP code"
        name="postalCode"
        inputMode="numeric"
        autoComplete="postal-code"
        hint="We check the ZIP against this location's delivery area."
      />
      <div className="flex items-end">
        <FormSubmit variant="secondary" disabled={pending} className="w-full">
          {pending ? "Checking…" : "Deliver here"}
        </FormSubmit>
      </div>
      {error ? (
        <p role="alert" className="text-sm text-red-700 sm:col-span-2">
          {error}
        </p>
      ) : null}
    </Form>
  );
}
