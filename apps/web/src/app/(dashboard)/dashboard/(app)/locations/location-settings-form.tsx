"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useFieldArray } from "react-hook-form";
import { Button } from "@cannasaas/ui/button";
import { Notice } from "@cannasaas/ui/card";
import {
  Form,
  FormCheckbox,
  FormField,
  FormItem,
  FormRootError,
  FormSubmit,
  useZodForm,
} from "@cannasaas/ui/form";
import {
  locationSettingsFormSchema,
  toLocationSettingsInput,
  type LocationSettingsFormValues,
} from "@cannasaas/validators/forms";
import { describeError } from "~/components/auth/errors";
import { useTRPC } from "~/lib/trpc/client";
import { ClosedDaysFieldset } from "./closed-days-fieldset";

const DAYS = [
  ["mon", "Monday"],
  ["tue", "Tuesday"],
  ["wed", "Wednesday"],
  ["thu", "Thursday"],
  ["fri", "Friday"],
  ["sat", "Saturday"],
  ["sun", "Sunday"],
] as const;
const SELECT = "min-h-11 rounded-lg border border-stone-300 bg-white px-3";

/** One location's settings; saving places a changed address on the map and refreshes the page's figures. */
export function LocationSettingsForm(props: {
  locationId: string;
  state: string;
  initial: LocationSettingsFormValues;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const form = useZodForm(locationSettingsFormSchema, { defaultValues: props.initial });
  const zones = useFieldArray({ control: form.control, name: "zones" });
  const update = useMutation(trpc.locations.update.mutationOptions());
  const submit = async (values: LocationSettingsFormValues) => {
    setSaved(false);
    await update.mutateAsync({ locationId: props.locationId, settings: toLocationSettingsInput(values) });
    setSaved(true);
    router.refresh();
  };
  return (
    <Form
      form={form}
      onSubmit={submit}
      describeError={describeError}
      showRootError={false}
      className="mt-4 flex flex-col gap-6"
    >
      <FormRootError />
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 font-semibold">Address</legend>
        <FormField label="Location name" name="name" required />
        <FormField label="Phone" name="phone" type="tel" autoComplete="tel" />
        <FormField label="Street address" name="addressLine1" autoComplete="address-line1" required />
        <div className="grid grid-cols-[1fr_8rem] gap-3">
          <FormField label="City" name="city" autoComplete="address-level2" required />
          <FormField label={`ZIP code (${props.state})`} name="postalCode" inputMode="numeric" required />
        </div>
      </fieldset>

      <fieldset className="flex flex-col gap-2">
        <legend className="mb-2 font-semibold">Opening hours (store time)</legend>
        {DAYS.map(([day, label]) => (
          <div key={day} className="grid grid-cols-[6rem_1fr_1fr_auto] items-end gap-3">
            <span className="pb-3 text-sm font-medium">{label}</span>
            <FormField label={`${label} opens`} name={`days.${day}.open`} type="time" />
            <FormField label={`${label} closes`} name={`days.${day}.close`} type="time" />
            <FormCheckbox
              name={`days.${day}.closed`}
              label="Closed"
              labelClassName="flex min-h-11 items-center gap-2"
            />
          </div>
        ))}
      </fieldset>

      <ClosedDaysFieldset />

      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 font-semibold">Pickup and delivery</legend>
        <FormCheckbox name="pickup" label="Offer pickup" labelClassName="flex min-h-11 items-center gap-2" />
        <FormCheckbox
          name="delivery"
          label="Offer delivery"
          labelClassName="flex min-h-11 items-center gap-2"
        />
        <FormField
          label="Pickup lead time (minutes)"
          name="pickupLeadMinutes"
          inputMode="numeric"
          hint="The earliest pickup time is at least this far ahead."
        />
        <FormField
          label="Delivery lead time (minutes)"
          name="deliveryLeadMinutes"
          inputMode="numeric"
          hint="From the order to the start of the earliest delivery window."
        />
      </fieldset>

      <fieldset className="flex flex-col gap-3">
        <legend className="mb-2 font-semibold">Delivery zones</legend>
        {zones.fields.length === 0 ? (
          <p className="text-sm text-stone-600">No zones: delivery cannot be offered until you add one.</p>
        ) : null}
        {zones.fields.map((zone, i) => (
          <div
            key={zone.id}
            className="grid gap-3 rounded-xl border border-stone-200 p-3 sm:grid-cols-3"
            data-testid="zone"
          >
            <FormField label="Zone name" name={`zones.${i}.name`} />
            <FormItem name={`zones.${i}.kind`} label="Covers">
              {(control) => (
                <select {...control} className={SELECT}>
                  <option value="postal_codes">A list of ZIP codes</option>
                  <option value="radius">A radius around the store</option>
                </select>
              )}
            </FormItem>
            {form.watch(`zones.${i}.kind`) === "radius" ? (
              <FormField label="Radius (miles)" name={`zones.${i}.radiusMiles`} inputMode="decimal" />
            ) : (
              <FormField
                label="ZIP codes"
                name={`zones.${i}.postalCodes`}
                hint="Separated by commas or spaces."
              />
            )}
            <FormField label="Delivery fee ($)" name={`zones.${i}.fee`} inputMode="decimal" />
            <FormField label="Minimum order ($)" name={`zones.${i}.minimum`} inputMode="decimal" />
            <div className="flex items-end">
              <Button type="button" variant="secondary" onClick={() => zones.remove(i)}>
                Remove zone
              </Button>
            </div>
          </div>
        ))}
        <div>
          <Button
            type="button"
            variant="secondary"
            onClick={() =>
              zones.append({
                id: "",
                kind: "postal_codes",
                name: "",
                radiusMiles: "5",
                postalCodes: "",
                fee: "0",
                minimum: "0",
              })
            }
          >
            Add a zone
          </Button>
        </div>
      </fieldset>

      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 font-semibold">Local tax rates (%)</legend>
        <FormField
          label="Sales tax, state and local combined"
          name="salesPercent"
          inputMode="decimal"
          hint="Empty: the state's default rate."
        />
        <FormField
          label="Local cannabis tax"
          name="localCannabisPercent"
          inputMode="decimal"
          hint="Empty: none beyond the state's."
        />
      </fieldset>

      <div className="flex flex-wrap items-center gap-4">
        <FormSubmit pending="Saving…">Save {props.initial.name}</FormSubmit>
        <div aria-live="polite">{saved ? <Notice tone="success">Saved.</Notice> : null}</div>
      </div>
    </Form>
  );
}
