"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { Button } from "@cannasaas/ui/button";
import { Notice } from "@cannasaas/ui/card";
import { Form, FormCheckbox, FormField, FormRootError, FormSubmit, useZodForm } from "@cannasaas/ui/form";
import { locationFormSchema, toLocationInput, type LocationFormValues } from "@cannasaas/validators/forms";
import { describeError } from "~/components/auth/errors";
import { useTRPC } from "~/lib/trpc/client";
import { errorOf, useAfterSave } from "../use-step";
import { MedicalEndorsementToggle } from "./medical-endorsement-toggle";

const DAYS = [
  ["mon", "Mon"],
  ["tue", "Tue"],
  ["wed", "Wed"],
  ["thu", "Thu"],
  ["fri", "Fri"],
  ["sat", "Sat"],
  ["sun", "Sun"],
] as const;

export function LocationsStep({
  locations,
  launched,
  plan,
}: {
  locations: { id: string; name: string; address: string; state: string; medicalEndorsed: boolean }[];
  launched: boolean;
  plan: string;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const done = useAfterSave();
  const add = useMutation(trpc.onboarding.addLocation.mutationOptions({ onSuccess: () => router.refresh() }));
  const remove = useMutation(
    trpc.onboarding.removeLocation.mutationOptions({ onSuccess: () => router.refresh() }),
  );
  const next = useMutation(trpc.onboarding.continue.mutationOptions({ onSuccess: done }));
  const form = useZodForm(locationFormSchema, {
    defaultValues: {
      name: "",
      addressLine1: "",
      city: "",
      postalCode: "",
      phone: "",
      open: "09:00",
      close: "21:00",
      closed: { mon: false, tue: false, wed: false, thu: false, fri: false, sat: false, sun: false },
      pickup: true,
      delivery: false,
    },
  });
  const submit = async (values: LocationFormValues) => {
    await add.mutateAsync(toLocationInput(values));
    form.reset();
  };
  return (
    <div className="flex flex-col gap-6">
      {locations.length === 0 ? (
        <p className="text-stone-700">Add the store shoppers pick up from. You need at least one.</p>
      ) : (
        <ul className="flex flex-col gap-2">
          {locations.map((l) => (
            <li
              key={l.id}
              className="flex items-center justify-between gap-3 rounded-lg border border-stone-200 p-3"
            >
              <div>
                <p className="font-medium">{l.name}</p>
                <p className="text-sm text-stone-600">{l.address}</p>
                {l.state === "WA" ? (
                  <MedicalEndorsementToggle
                    locationId={l.id}
                    locationName={l.name}
                    endorsed={l.medicalEndorsed}
                  />
                ) : null}
              </div>
              {!launched ? (
                <button
                  type="button"
                  onClick={() => remove.mutate({ locationId: l.id })}
                  className="min-h-11 rounded-lg px-3 text-sm text-red-700 hover:bg-red-50"
                  aria-label={`Remove ${l.name}`}
                >
                  Remove
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <Form
        form={form}
        onSubmit={submit}
        describeError={describeError}
        showRootError={false}
        className="rounded-xl bg-stone-50 p-4"
      >
        <h3 className="font-semibold">Add a location</h3>
        <FormRootError />
        <FormField label="Location name" name="name" required />
        <FormField label="Street address" name="addressLine1" autoComplete="address-line1" required />
        <div className="grid gap-4 sm:grid-cols-2">
          <FormField label="City" name="city" autoComplete="address-level2" required />
          <FormField
            label="ZIP code"
            name="postalCode"
            autoComplete="postal-code"
            inputMode="numeric"
            required
          />
        </div>
        <FormField label="Phone (optional)" name="phone" type="tel" autoComplete="tel" />
        <fieldset className="flex flex-col gap-2">
          <legend className="text-sm font-medium">Opening hours</legend>
          <div className="grid grid-cols-2 gap-4">
            <FormField label="Opens" name="open" type="time" required />
            <FormField label="Closes" name="close" type="time" required />
          </div>
          <div className="flex flex-wrap gap-3 text-sm">
            {DAYS.map(([day, label]) => (
              <FormCheckbox
                key={day}
                name={`closed.${day}`}
                label={`Closed ${label}`}
                labelClassName="flex min-h-11 items-center gap-2"
              />
            ))}
          </div>
        </fieldset>
        <fieldset className="flex flex-wrap gap-4 text-sm">
          <legend className="mb-1 text-sm font-medium">Fulfilment</legend>
          <FormCheckbox name="pickup" label="Pickup" labelClassName="flex min-h-11 items-center gap-2" />
          <FormCheckbox
            name="delivery"
            label="Delivery (set zones later in locations)"
            labelClassName="flex min-h-11 items-center gap-2"
          />
        </fieldset>
        <p className="text-xs text-stone-600">Your {plan} plan sets how many locations you can have.</p>
        <FormSubmit variant="secondary" pending="Adding…">
          Add location
        </FormSubmit>
      </Form>
      {next.error ? <Notice tone="error">{errorOf(next.error)!.message}</Notice> : null}
      <Button
        type="button"
        disabled={next.isPending || locations.length === 0}
        onClick={() => next.mutate({ step: "locations" })}
      >
        Continue
      </Button>
    </div>
  );
}
