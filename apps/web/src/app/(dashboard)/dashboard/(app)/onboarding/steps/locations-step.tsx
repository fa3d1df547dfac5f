"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { Button } from "@cannasaas/ui/button";
import { Notice } from "@cannasaas/ui/card";
import { Field } from "@cannasaas/ui/field";
import { formText } from "~/lib/form";
import { useTRPC } from "~/lib/trpc/client";
import { errorOf, useAfterSave } from "../use-step";

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
  locations: { id: string; name: string; address: string }[];
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
  const failure = errorOf(add.error);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const element = event.currentTarget;
    const form = new FormData(element);
    const open = formText(form, "open");
    const close = formText(form, "close");
    const hours = Object.fromEntries(
      DAYS.map(([day]) => [day, form.get(`closed-${day}`) === "on" ? null : { open, close }]),
    ) as Record<(typeof DAYS)[number][0], { open: string; close: string } | null>;
    add.mutate(
      {
        name: formText(form, "name"),
        addressLine1: formText(form, "addressLine1"),
        city: formText(form, "city"),
        postalCode: formText(form, "postalCode"),
        phone: formText(form, "phone"),
        hours,
        pickupEnabled: form.get("pickup") === "on",
        deliveryEnabled: form.get("delivery") === "on",
      },
      { onSuccess: () => element.reset() },
    );
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
      <form onSubmit={submit} className="flex flex-col gap-4 rounded-xl bg-stone-50 p-4" noValidate>
        <h3 className="font-semibold">Add a location</h3>
        {failure ? <Notice tone="error">{failure.message}</Notice> : null}
        <Field label="Location name" name="name" required error={failure?.fields.name} />
        <Field
          label="Street address"
          name="addressLine1"
          autoComplete="address-line1"
          required
          error={failure?.fields.addressLine1}
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <Field
            label="City"
            name="city"
            autoComplete="address-level2"
            required
            error={failure?.fields.city}
          />
          <Field
            label="ZIP code"
            name="postalCode"
            autoComplete="postal-code"
            inputMode="numeric"
            required
            error={failure?.fields.postalCode}
          />
        </div>
        <Field label="Phone (optional)" name="phone" type="tel" autoComplete="tel" />
        <fieldset className="flex flex-col gap-2">
          <legend className="text-sm font-medium">Opening hours</legend>
          <div className="grid grid-cols-2 gap-4">
            <Field label="Opens" name="open" type="time" defaultValue="09:00" required />
            <Field label="Closes" name="close" type="time" defaultValue="21:00" required />
          </div>
          <div className="flex flex-wrap gap-3 text-sm">
            {DAYS.map(([day, label]) => (
              <label key={day} className="flex min-h-11 items-center gap-2">
                <input type="checkbox" name={`closed-${day}`} className="size-4" /> Closed {label}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset className="flex flex-wrap gap-4 text-sm">
          <legend className="mb-1 text-sm font-medium">Fulfilment</legend>
          <label className="flex min-h-11 items-center gap-2">
            <input type="checkbox" name="pickup" defaultChecked className="size-4" /> Pickup
          </label>
          <label className="flex min-h-11 items-center gap-2">
            <input type="checkbox" name="delivery" className="size-4" /> Delivery (set zones later in
            locations)
          </label>
        </fieldset>
        <p className="text-xs text-stone-600">Your {plan} plan sets how many locations you can have.</p>
        <Button type="submit" variant="secondary" disabled={add.isPending}>
          {add.isPending ? "Adding…" : "Add location"}
        </Button>
      </form>
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
